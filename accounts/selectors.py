"""Reads of companies, users and KYC files for views, the admin and other apps.

Every customer-facing read takes the company: a row of another company is never
returned (the view then answers 404).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    CURRENT_DOCUMENT_STATUSES,
    Company,
    CompanyCommercialSettings,
    CompanyStatus,
    DeliveryAddress,
    DocumentKind,
    DocumentStatus,
    Invitation,
    KycDocument,
    KycSubmission,
    Membership,
    Role,
    SubmissionStatus,
    User,
    VatCheck,
)
from accounts.rules import dormancy_date
from core.calendar import add_months
from core.errors import BusinessError
from shop.models.terms_choices import PaymentMethod
from shop.selectors import seller_and_terms_in_force
from shop.services.tax import BuyerTaxProfile

# --- terms ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KycTerms:
    """The KYC numbers of the terms version in force on a day."""

    version: int
    kbis_max_age_months: int
    dormancy_months: int


def kyc_terms_in_force(*, on: date) -> KycTerms | None:
    """The "Kbis maximum age" and "dormancy before re-KYC" of the terms in force `on`;
    None when no version is in force (never the model's defaults: see
    docs/rules/accounts-kyc.md)."""
    _seller, terms = seller_and_terms_in_force(on=on)
    if terms is None:
        return None
    return KycTerms(
        version=terms.version,
        kbis_max_age_months=terms.kbis_max_age_months,
        dormancy_months=terms.dormancy_months,
    )


def kyc_terms(*, on: date) -> KycTerms:
    """`kyc_terms_in_force`, for a step that cannot go on without the numbers.

    Raises BusinessError `terms_missing` when no terms version is in force `on`.
    """
    terms = kyc_terms_in_force(on=on)
    if terms is None:
        raise BusinessError(
            "terms_missing",
            _("Aucune version publiée des CGV n'est en vigueur aujourd'hui."),
        )
    return terms


# --- people and companies ----------------------------------------------------------------


def _first_delivery(column: str) -> Subquery:
    """A column of the company's first delivery address (the one its VAT profile names)."""
    return Subquery(
        DeliveryAddress.objects.filter(company=OuterRef("company"))
        .order_by("created_at", "pk")
        .values(column)[:1]
    )


@functools.cache
def _memberships_with_first_delivery() -> QuerySet[Membership]:
    """Built once per process (resolving the subqueries costs more than the query's
    round trip); each read filters a copy, this queryset itself is never evaluated."""
    return Membership.objects.select_related("company").annotate(
        first_delivery_country=_first_delivery("country"),
        first_delivery_postcode=_first_delivery("postal_code"),
    )


def membership_get_for_user(*, user) -> Membership | None:
    """The active membership of a signed-in user, with its company and the country and
    postcode of the company's first delivery address (`first_delivery_country`,
    `first_delivery_postcode`: None without one); None otherwise. One query."""
    if user is None or not user.is_authenticated:
        return None
    membership = _memberships_with_first_delivery().filter(user=user, is_active=True).first()
    if membership is not None:
        membership.user = user  # the row just matched: not read again
    return membership


_MEMBERSHIP_ATTRIBUTE = "_active_membership"


def membership_of_request_user(*, user) -> Membership | None:
    """`membership_get_for_user`, kept on the user object: Django builds `request.user` once
    per request, so the permission check, the VAT profile and the page share one query.
    Services that decide under a lock read it afresh with `membership_get_for_user`."""
    if hasattr(user, _MEMBERSHIP_ATTRIBUTE):
        cached: Membership | None = getattr(user, _MEMBERSHIP_ATTRIBUTE)
        return cached
    membership = membership_get_for_user(user=user)
    if user is not None and user.is_authenticated:
        setattr(user, _MEMBERSHIP_ATTRIBUTE, membership)
    return membership


def company_memberships(*, company: Company) -> QuerySet[Membership]:
    return company.memberships.select_related("user").order_by(
        "-is_active", "user__last_name", "user__first_name", "id"
    )


def membership_get_for_company(*, company: Company, pk: int) -> Membership | None:
    return Membership.objects.select_related("user").filter(company=company, pk=pk).first()


def company_administrators(*, company: Company) -> list:
    """The active users holding the administrator role (e-mail recipients)."""
    return [
        membership.user
        for membership in company.memberships.select_related("user").filter(
            is_active=True, roles__contains=[Role.ADMINISTRATOR], user__is_active=True
        )
    ]


def invitations_pending(*, company: Company, now: datetime) -> QuerySet[Invitation]:
    return company.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).select_related("invited_by")


def invitation_get_for_company(*, company: Company, pk: int) -> Invitation | None:
    return Invitation.objects.filter(company=company, pk=pk).first()


# --- KYC documents -------------------------------------------------------------------------


def kyc_documents_current(*, company: Company) -> dict[str, KycDocument]:
    """The current document of each kind (draft, submitted, approved or rejected)."""
    documents = KycDocument.objects.select_related("stored").filter(
        company=company, status__in=CURRENT_DOCUMENT_STATUSES
    )
    return {document.kind: document for document in documents}


def kyc_document_get_for_company(*, company: Company, pk: int) -> KycDocument | None:
    """One of the company's documents whose file is kept (any status), or None for another
    company's or an erased one."""
    return (
        KycDocument.objects.select_related("stored")
        .filter(company=company, pk=pk, erased_at__isnull=True)
        .first()
    )


def kyc_document_get_for_staff(*, user, pk: int) -> KycDocument | None:
    """Any document whose file is kept, for active staff holding `accounts.review_kyc`;
    None otherwise."""
    if not (user.is_active and user.is_staff and user.has_perm("accounts.review_kyc")):
        return None
    return (
        KycDocument.objects.select_related("stored").filter(pk=pk, erased_at__isnull=True).first()
    )


def kyc_submissions_for_company(*, company: Company) -> QuerySet[KycSubmission]:
    """The company's submissions, the latest first, with their documents."""
    return (
        company.kyc_submissions.order_by("-number")
        .select_related("submitted_by")
        .prefetch_related(
            Prefetch("documents", queryset=KycDocument.objects.order_by("kind", "id"))
        )
    )


@dataclass(frozen=True)
class AddressVersion:
    at: datetime
    by: str
    address: str
    is_dom_tom: bool


def delivery_address_events(*, company: Company, limit: int = 20) -> list[AddressVersion]:
    """The saved versions of the company's delivery addresses (pghistory), newest first,
    with the person whose request saved each (empty for a job)."""
    event_model = DeliveryAddress.pgh_event_model  # type: ignore[attr-defined]
    events = list(
        event_model.objects.filter(company=company)
        .select_related("pgh_context")
        .order_by("-pgh_id")[:limit]
    )

    def user_id(event) -> int | None:
        return (event.pgh_context.metadata or {}).get("user") if event.pgh_context else None

    users: dict[int | None, str] = {
        user.pk: str(user)
        for user in User.objects.filter(pk__in={user_id(event) for event in events} - {None})
    }
    return [
        AddressVersion(
            at=event.pgh_created_at,
            by=users.get(user_id(event), ""),
            address=", ".join(
                part
                for part in (
                    event.label,
                    event.line1,
                    event.line2,
                    f"{event.postal_code} {event.city}",
                    event.country,
                )
                if part
            ),
            is_dom_tom=event.is_dom_tom,
        )
        for event in events
    ]


def vat_check_latest(*, company: Company) -> VatCheck | None:
    """The company's last VIES check (of any of its submissions), or None."""
    return (
        VatCheck.objects.filter(submission__company=company)
        .select_related("requested_by")
        .order_by("-checked_at", "-id")
        .first()
    )


def kyc_queue() -> QuerySet[KycSubmission]:
    """Submissions waiting for a decision, the oldest first (the staff queue)."""
    return (
        KycSubmission.objects.filter(status=SubmissionStatus.SUBMITTED)
        .select_related("company", "submitted_by")
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class KycFileState:
    """What a company's KYC file holds and what it still needs, for the portal pages."""

    current: dict[str, KycDocument]
    missing: list[str]
    rejected: list[KycDocument]
    drafts: list[KycDocument]
    can_edit: bool
    can_submit: bool
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def missing_labels(self) -> list[str]:
        return [self.labels[kind] for kind in self.missing]


EDITABLE_STATUSES = (CompanyStatus.DRAFT, CompanyStatus.REJECTED, CompanyStatus.DORMANT)


def kyc_file_state(*, company: Company) -> KycFileState:
    current = kyc_documents_current(company=company)
    missing = [kind for kind in DocumentKind.values if kind not in current]
    rejected = [doc for doc in current.values() if doc.status == DocumentStatus.REJECTED]
    drafts = [doc for doc in current.values() if doc.status == DocumentStatus.DRAFT]
    can_edit = company.status in EDITABLE_STATUSES
    return KycFileState(
        current=current,
        missing=missing,
        rejected=rejected,
        drafts=drafts,
        can_edit=can_edit,
        can_submit=can_edit and not missing and not rejected,
        labels={kind: str(label) for kind, label in DocumentKind.choices},
    )


# --- the order gate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderGate:
    """Whether the company may accept a quote or place an order, and why not."""

    is_open: bool
    code: str
    title: str
    explanation: str
    action_label: str = ""
    action_url_name: str = ""


def company_order_gate(*, company: Company, on: date) -> OrderGate:
    """Open only for an approved company that has not reached its dormancy date.

    Browsing and quote requests never go through this gate. A company past its dormancy
    date is closed even before the nightly job marks it dormant.
    """
    status = company.status
    if status in (CompanyStatus.APPROVED, CompanyStatus.DORMANT):
        terms = kyc_terms_in_force(on=on)
        if terms is None:
            return OrderGate(
                is_open=False,
                code="terms_missing",
                title=str(_("Commandes fermées : conditions générales en cours de publication")),
                explanation=str(
                    _(
                        "Aucune version de nos conditions générales de vente n'est en vigueur "
                        "aujourd'hui : les commandes rouvriront dès sa publication. Le "
                        "catalogue et les devis restent accessibles."
                    )
                ),
            )
        if status == CompanyStatus.APPROVED:
            assert company.approved_on is not None  # set by the approval (check constraint)
            months = terms.dormancy_months
            due = dormancy_date(
                approved_on=company.approved_on, last_order_on=company.last_order_on, months=months
            )
            if on < due:
                return OrderGate(
                    is_open=True,
                    code="open",
                    title=str(_("Commandes ouvertes")),
                    explanation=str(
                        _(
                            "Vous pouvez accepter des devis et passer commande. Sans commande "
                            "pendant %(months)s mois, vous devrez renvoyer vos pièces."
                        )
                        % {"months": months}
                    ),
                )
        return OrderGate(
            is_open=False,
            code="dormant",
            title=str(_("Commandes suspendues : compte inactif")),
            explanation=str(
                _(
                    "Votre entreprise n'a pas commandé depuis %(dormancy)s mois. Comme le "
                    "prévoient nos conditions générales, renvoyez des pièces à jour (Kbis de "
                    "moins de %(kbis)s mois, pièce d'identité, RIB) ; vous pourrez commander "
                    "dès leur validation. Le catalogue et les devis restent accessibles."
                )
                % {"dormancy": terms.dormancy_months, "kbis": terms.kbis_max_age_months}
            ),
            action_label=str(_("Renvoyer mes pièces")),
            action_url_name="kyc_documents",
        )
    if status == CompanyStatus.SUBMITTED:
        return OrderGate(
            is_open=False,
            code="submitted",
            title=str(_("Commandes bientôt ouvertes : dossier en cours de vérification")),
            explanation=str(
                _(
                    "Notre équipe vérifie vos pièces. Vous recevrez un e-mail dès sa décision. "
                    "En attendant, vous pouvez consulter le catalogue et demander des devis."
                )
            ),
        )
    if status == CompanyStatus.REJECTED:
        return OrderGate(
            is_open=False,
            code="rejected",
            title=str(_("Commandes fermées : des pièces sont à corriger")),
            explanation=str(
                _(
                    "Certaines pièces ont été refusées. Lisez le motif indiqué, envoyez les "
                    "pièces corrigées puis soumettez à nouveau votre dossier."
                )
            ),
            action_label=str(_("Corriger mes pièces")),
            action_url_name="kyc_documents",
        )
    return OrderGate(
        is_open=False,
        code="draft",
        title=str(_("Commandes fermées : dossier à compléter")),
        explanation=str(
            _(
                "Pour accepter un devis ou commander, envoyez l'extrait Kbis, la pièce "
                "d'identité du représentant légal (recto et verso) et un RIB, puis soumettez "
                "votre dossier. Le catalogue reste accessible."
            )
        ),
        action_label=str(_("Envoyer mes pièces")),
        action_url_name="kyc_documents",
    )


def company_order_gate_for_member(*, membership: Membership, on: date) -> OrderGate:
    """The order gate as one member reads it on the company page.

    An open gate tells a signatory "you may accept quotes"; anyone else learns that the
    company may, and that the "Bon pour accord" is reserved to its signatories (named),
    so a buyer is never told that they may accept a quote they cannot sign.
    """
    gate = company_order_gate(company=membership.company, on=on)
    if not gate.is_open or membership.has_role(Role.SIGNATORY):
        return gate
    names = [
        str(member.user.get_full_name() or member.user.email)
        for member in company_memberships(company=membership.company)
        if member.has_role(Role.SIGNATORY) and member.user.is_active
    ]
    if names:
        explanation = str(
            _(
                "Votre entreprise peut accepter des devis et commander. Le bon pour accord "
                "sur un devis est réservé à ses signataires : %(names)s."
            )
            % {"names": ", ".join(names)}
        )
    else:
        explanation = str(
            _(
                "Votre entreprise peut accepter des devis et commander, mais aucun de ses "
                "utilisateurs n'a encore le rôle « signataire » qui permet de donner le bon "
                "pour accord : un administrateur peut l'attribuer."
            )
        )
    return replace(gate, explanation=explanation)


def company_may_order(*, company: Company, on: date) -> bool:
    """For other apps (quotes, orders): True when the order gate is open."""
    return company_order_gate(company=company, on=on).is_open


# --- the steps of the application, in plain words --------------------------------------


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    state: str  # "done", "current", "problem" or "todo"

    @property
    def state_label(self) -> str:
        return str(
            {
                "done": _("fait"),
                "current": _("à faire maintenant"),
                "problem": _("à corriger"),
                "todo": _("à venir"),
            }[self.state]
        )


def company_application_steps(
    *,
    company: Company,
    file_state: KycFileState,
    gate: OrderGate,
    kbis_max_age_months: int | None,
) -> list[Step]:
    """The steps of the application; `kbis_max_age_months` None when no terms are in force."""
    status = company.status
    sent = status in (CompanyStatus.SUBMITTED, CompanyStatus.APPROVED)
    complete = not file_state.missing and not file_state.rejected

    def state(done: bool, current: bool, problem: bool = False) -> str:
        if done:
            return "done"
        if problem:
            return "problem"
        return "current" if current else "todo"

    return [
        Step(
            str(_("Créer le compte")),
            str(_("Votre entreprise et votre premier utilisateur sont enregistrés.")),
            "done",
        ),
        Step(
            str(_("Confirmer l'adresse e-mail")),
            str(_("Le lien reçu par e-mail prouve que l'adresse est la vôtre.")),
            "done",
        ),
        Step(
            str(_("Envoyer les pièces")),
            str(
                _(
                    "Un extrait Kbis de moins de %(months)s mois, la pièce d'identité du "
                    "représentant légal (recto et verso) en cours de validité, et un RIB ou "
                    "relevé bancaire avec son IBAN. Formats acceptés : PDF, PNG ou JPEG."
                )
                % {"months": kbis_max_age_months}
            )
            if kbis_max_age_months is not None
            else str(
                _(
                    "Un extrait Kbis récent, la pièce d'identité du représentant légal (recto "
                    "et verso) en cours de validité, et un RIB ou relevé bancaire avec son "
                    "IBAN. Formats acceptés : PDF, PNG ou JPEG."
                )
            ),
            state(
                sent or complete,
                status in EDITABLE_STATUSES,
                problem=bool(file_state.rejected),
            ),
        ),
        Step(
            str(_("Soumettre le dossier")),
            str(
                _(
                    "Quand toutes les pièces sont là, soumettez le dossier : il est alors "
                    "verrouillé pendant que nous le vérifions."
                )
            ),
            state(sent, file_state.can_submit),
        ),
        Step(
            str(_("Vérification par notre équipe")),
            str(
                _(
                    "Nous vérifions chaque pièce. Si l'une est refusée, le motif s'affiche ici "
                    "et vous recevez un e-mail : remplacez-la puis soumettez à nouveau."
                )
            ),
            state(
                status == CompanyStatus.APPROVED,
                status == CompanyStatus.SUBMITTED,
                problem=status == CompanyStatus.REJECTED,
            ),
        ),
        Step(
            str(_("Accepter des devis et commander")),
            str(_("Ouvert dès que votre dossier est validé.")),
            state(gate.is_open, False),
        ),
    ]


# --- commercial settings ---------------------------------------------------------------


def commercial_settings_for_company(*, company: Company):
    """The staff-set conditions of the company (None before they exist)."""
    return CompanyCommercialSettings.objects.filter(company=company).first()


def payment_method_labels(methods) -> list[str]:
    labels = dict(PaymentMethod.choices)
    return [str(labels.get(method, method)) for method in methods]


# --- staff review ------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentReview:
    """A document of a submission with what the rules say about it, for the reviewer."""

    document: KycDocument
    check_ok: bool | None
    check_text: str


def kyc_submission_review(*, submission: KycSubmission, today: date) -> list[DocumentReview]:
    """The submission's documents in kind order, with the date rules applied.

    The Kbis is judged on the day of submission with the pinned maximum age; an identity
    document on `today` (it must still be valid when the decision is taken).
    """
    order = {kind: index for index, kind in enumerate(DocumentKind.values)}
    documents = sorted(
        submission.documents.select_related("stored", "reviewed_by"),
        key=lambda document: order[document.kind],
    )
    reviews = []
    for document in documents:
        check_ok, text = None, ""
        if document.kind == DocumentKind.KBIS and document.issue_date:
            limit = add_months(document.issue_date, submission.kbis_max_age_months)
            check_ok = document.issue_date <= submission.submitted_on < limit
            text = str(
                _(
                    "Délivré le %(issued)s ; moins de %(months)s mois le jour de la soumission "
                    "(%(submitted)s) : %(verdict)s."
                )
                % {
                    "issued": f"{document.issue_date:%d/%m/%Y}",
                    "months": submission.kbis_max_age_months,
                    "submitted": f"{submission.submitted_on:%d/%m/%Y}",
                    "verdict": _("oui") if check_ok else _("non"),
                }
            )
        elif document.expiry_date:
            check_ok = document.expiry_date >= today
            text = str(
                _("Expire le %(date)s : %(verdict)s.")
                % {
                    "date": f"{document.expiry_date:%d/%m/%Y}",
                    "verdict": _("en cours de validité") if check_ok else _("expirée"),
                }
            )
        elif document.iban:
            check_ok = True
            text = str(_("IBAN %(iban)s (clé de contrôle vérifiée)") % {"iban": document.iban})
        reviews.append(DocumentReview(document=document, check_ok=check_ok, check_text=text))
    return reviews


def buyer_tax_profile_for_user(*, user) -> BuyerTaxProfile | None:
    """What decides the VAT regime of a signed-in buyer: its company's billing country and
    VAT number, and the company's first delivery address (quotes and orders name theirs)."""
    membership = membership_of_request_user(user=user)
    if membership is None:
        return None
    company = membership.company
    return BuyerTaxProfile(
        country=company.billing_country,
        vat_number=company.vat_number,
        delivery_country=membership.first_delivery_country or "",  # type: ignore[attr-defined]
        delivery_postcode=membership.first_delivery_postcode or "",  # type: ignore[attr-defined]
    )
