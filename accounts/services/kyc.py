"""KYC: uploading documents to the draft file, submitting it, staff decisions.

Locks are taken in the house order: company, then document (then submission).
Every status move goes through `core.transitions.transition_apply` (audit row);
an upload writes its own audit row. E-mails leave after commit.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.emails import mail_queue, mail_users, staff_recipients
from accounts.identifiers import iban_check
from accounts.models import (
    CURRENT_DOCUMENT_STATUSES,
    Company,
    CompanyStatus,
    DocumentKind,
    DocumentStatus,
    KycDocument,
    KycSubmission,
    SubmissionStatus,
)
from accounts.rules import id_expiry_date_check, kbis_issue_date_check
from accounts.selectors import EDITABLE_STATUSES, company_administrators, kyc_terms
from accounts.services.staff import KYC_GROUP
from accounts.services.vat_checks import vat_check_request
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.documents import document_store
from core.errors import BusinessError
from core.links import site_url, url_in_language
from core.transitions import transition_apply
from core.uploads import upload_check

STORAGE_KIND = "kyc"
FILE_FIELDS = {kind: f"{kind}_file" for kind in DocumentKind.values}
ID_KINDS = (DocumentKind.ID_FRONT, DocumentKind.ID_BACK)


def _locked_company(company: Company) -> Company:
    return Company.objects.select_for_update().get(pk=company.pk)


def _not_editable(company: Company) -> BusinessError:
    if company.status == CompanyStatus.SUBMITTED:
        return BusinessError(
            "kyc_under_review",
            _(
                "Votre dossier est en cours de vérification : ses pièces ne peuvent plus être "
                "modifiées. Vous recevrez un e-mail dès notre décision."
            ),
        )
    return BusinessError(
        "kyc_already_approved",
        _("Votre dossier est déjà validé : il n'y a rien à envoyer."),
    )


# --- the customer's side ---------------------------------------------------------------------


def kyc_document_upload(
    *,
    company: Company,
    kind: str,
    uploaded_file,
    user,
    issue_date: date | None = None,
    expiry_date: date | None = None,
    iban: str = "",
    now: datetime | None = None,
) -> KycDocument:
    """Add one file to the company's draft KYC file, replacing the current one of that kind.

    Preconditions: the company's file is editable (draft, rejected or dormant).
    Checks, each raising BusinessError with the form field to correct: a Kbis has an
    issue date neither in the future nor too old for the terms in force today; an
    identity document has an expiry date not before today; bank details carry a valid
    IBAN; the file is a real PDF, PNG or JPEG within the size cap (`core.uploads`).
    Effects: stores the file once (private storage, SHA-256), creates a "draft"
    document, moves the previous current document of that kind to "replaced".
    Nothing is stored when a check fails.
    """
    if kind not in DocumentKind.values:
        raise ValueError(f"Unknown KYC document kind {kind!r}")
    now = now or timezone.now()
    today = localdate(now)
    values: dict = {}
    if kind == DocumentKind.KBIS:
        if issue_date is None:
            raise BusinessError(
                "kbis_issue_date_required",
                _("Indiquez la date de délivrance imprimée sur l'extrait Kbis."),
                field="kbis_issue_date",
            )
        kbis_issue_date_check(
            issue_date=issue_date,
            today=today,
            max_age_months=kyc_terms(on=today).kbis_max_age_months,
        )
        values["issue_date"] = issue_date
    elif kind in ID_KINDS:
        if expiry_date is None:
            raise BusinessError(
                "id_expiry_date_required",
                _("Indiquez la date d'expiration de la pièce d'identité."),
                field="id_expiry_date",
            )
        id_expiry_date_check(expiry_date=expiry_date, today=today)
        values["expiry_date"] = expiry_date
    else:
        values["iban"] = iban_check(iban)
    checked = upload_check(uploaded_file=uploaded_file, field=FILE_FIELDS[kind])
    actor = Actor.of_user(user)
    with transaction.atomic():
        locked = _locked_company(company)
        if locked.status not in EDITABLE_STATUSES:
            raise _not_editable(locked)
        previous = (
            KycDocument.objects.select_for_update()
            .filter(company=locked, kind=kind, status__in=CURRENT_DOCUMENT_STATUSES)
            .first()
        )
        if previous is not None:
            if previous.status == DocumentStatus.SUBMITTED and locked.status != (
                CompanyStatus.REJECTED
            ):
                raise _not_editable(locked)
            transition_apply(
                previous, to=DocumentStatus.REPLACED, actor=actor, reason="Nouvel envoi", at=now
            )
        stored = document_store(
            content=checked.content,
            filename=checked.original_name or f"{kind}{checked.extension}",
            content_type=checked.content_type,
            kind=STORAGE_KIND,
            created_by=user,
        )
        document = KycDocument.objects.create(
            company=locked,
            kind=kind,
            status=DocumentStatus.DRAFT,
            stored=stored,
            uploaded_by=user,
            uploaded_at=now,
            **values,
        )
        audit_record(
            obj=document,
            actor=actor,
            to_state=DocumentStatus.DRAFT,
            reason="Envoi du fichier",
            data={"sha256": stored.sha256, "filename": stored.filename, "size": stored.size},
            at=now,
        )
    return document


def kyc_submit(*, company: Company, user, now: datetime | None = None) -> KycSubmission:
    """Send the company's current documents for review; the file is then locked.

    Preconditions: the file is editable; every kind has a current document, none
    rejected. On the day of submission, the Kbis must be younger than the terms' maximum
    age and the identity document not expired (BusinessError naming the field).
    Effects: a numbered submission pinning the terms' version and Kbis maximum age;
    draft documents move to "submitted"; the company moves to "submitted"; after commit,
    the KYC reviewers are told by e-mail and the VAT number is checked (VIES adapter).
    """
    now = now or timezone.now()
    today = localdate(now)
    terms = kyc_terms(on=today)
    actor = Actor.of_user(user)
    with transaction.atomic():
        locked = _locked_company(company)
        if locked.status not in EDITABLE_STATUSES:
            raise _not_editable(locked)
        current = {
            document.kind: document
            for document in KycDocument.objects.select_for_update().filter(
                company=locked, status__in=CURRENT_DOCUMENT_STATUSES
            )
        }
        labels = dict(DocumentKind.choices)
        missing = [str(labels[kind]) for kind in DocumentKind.values if kind not in current]
        if missing:
            raise BusinessError(
                "kyc_missing_documents",
                _("Votre dossier est incomplet. Il manque : %(missing)s."),
                params={"missing": ", ".join(missing)},
            )
        rejected = [
            str(labels[kind])
            for kind, document in current.items()
            if document.status == DocumentStatus.REJECTED
        ]
        if rejected:
            raise BusinessError(
                "kyc_rejected_documents",
                _("Remplacez d'abord les pièces refusées : %(documents)s."),
                params={"documents": ", ".join(rejected)},
            )
        kbis_issued = current[DocumentKind.KBIS].issue_date
        assert kbis_issued is not None  # check constraint kycdocument_kbis_has_issue_date
        kbis_issue_date_check(
            issue_date=kbis_issued, today=today, max_age_months=terms.kbis_max_age_months
        )
        for kind in ID_KINDS:
            expires = current[kind].expiry_date
            assert expires is not None  # check constraint kycdocument_id_has_expiry_date
            id_expiry_date_check(expiry_date=expires, today=today)
        number = (locked.kyc_submissions.aggregate(last=Max("number"))["last"] or 0) + 1
        submission = KycSubmission.objects.create(
            company=locked,
            number=number,
            submitted_at=now,
            submitted_on=today,
            submitted_by=user,
            terms_version=terms.version,
            kbis_max_age_months=terms.kbis_max_age_months,
        )
        submission.documents.set(current.values())
        audit_record(
            obj=submission,
            actor=actor,
            to_state=SubmissionStatus.SUBMITTED,
            at=now,
            reason=f"Envoi n° {number}",
        )
        for document in current.values():
            if document.status == DocumentStatus.DRAFT:
                transition_apply(
                    document,
                    to=DocumentStatus.SUBMITTED,
                    actor=actor,
                    reason=f"Envoi n° {number}",
                    at=now,
                )
        transition_apply(
            locked,
            to=CompanyStatus.SUBMITTED,
            actor=actor,
            reason=f"Envoi n° {number}",
            data={"submission": submission.pk, "terms_version": terms.version},
            at=now,
        )
        _tell_reviewers(submission=submission, company=locked, user=user)
        vat_check_request(submission=submission)
    company.status = locked.status
    return submission


def _tell_reviewers(*, submission: KycSubmission, company: Company, user) -> None:
    """E-mail the KYC reviewers (see `staff_recipients`) after commit: a file to review."""
    url = site_url(reverse("admin:accounts_kycsubmission_change", args=[submission.pk]))
    for address, language in staff_recipients(
        addresses=settings.KYC_NOTIFICATION_EMAILS, group=KYC_GROUP
    ):
        mail_queue(
            to=address,
            language=language,
            name="kyc_submitted_staff",
            context={"submission": submission, "company": company, "user": user, "url": url},
        )


# --- the staff's side ------------------------------------------------------------------------


def _open_submission(company: Company) -> KycSubmission:
    submission = (
        KycSubmission.objects.select_for_update()
        .filter(company=company, status=SubmissionStatus.SUBMITTED)
        .first()
    )
    if company.status != CompanyStatus.SUBMITTED or submission is None:
        raise BusinessError(
            "kyc_not_under_review",
            _("Ce dossier n'est pas en attente de vérification : il a déjà été décidé."),
        )
    return submission


def _reviewable(document: KycDocument) -> tuple[Company, KycSubmission]:
    company = _locked_company(document.company)
    submission = _open_submission(company)
    if not submission.documents.filter(pk=document.pk).exists():
        raise BusinessError(
            "kyc_document_not_in_submission",
            _("Cette pièce ne fait pas partie du dossier en attente de vérification."),
        )
    return company, submission


def kyc_document_approve(*, document: KycDocument, user, now: datetime | None = None):
    """Accept one document of the open submission (staff)."""
    now = now or timezone.now()
    with transaction.atomic():
        _reviewable(document)
        return transition_apply(
            document,
            to=DocumentStatus.APPROVED,
            actor=Actor.of_user(user),
            changes={"reviewed_by": user, "reviewed_at": now, "review_reason": ""},
            at=now,
        )


def kyc_document_reject(
    *, document: KycDocument, user, reason: str, now: datetime | None = None
) -> KycDocument:
    """Refuse one document of the open submission with a reason the customer reads (staff)."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise BusinessError(
            "kyc_reason_required",
            _("Indiquez le motif du refus : le client le lira pour corriger sa pièce."),
            field="reason",
        )
    with transaction.atomic():
        _reviewable(document)
        return transition_apply(
            document,
            to=DocumentStatus.REJECTED,
            actor=Actor.of_user(user),
            reason=reason,
            changes={"reviewed_by": user, "reviewed_at": now, "review_reason": reason},
            at=now,
        )


def _company_path(language: str) -> str:
    return url_in_language("company", language=language)


def kyc_application_approve(
    *, submission: KycSubmission, user, base_url: str | None = None, now: datetime | None = None
) -> KycSubmission:
    """Approve the application: the company may order from today (staff).

    Preconditions: the submission is open and each of its documents is approved.
    Effects: submission "approved"; company "approved" with `approved_on` = today
    (the dormancy period counts from it); e-mail to the company's administrators.
    """
    now = now or timezone.now()
    today = localdate(now)
    actor = Actor.of_user(user)
    with transaction.atomic():
        company = _locked_company(submission.company)
        open_submission = _open_submission(company)
        if open_submission.pk != submission.pk:
            raise BusinessError(
                "kyc_not_under_review",
                _("Ce dossier n'est pas en attente de vérification : il a déjà été décidé."),
            )
        pending = [
            document.get_kind_display()
            for document in open_submission.documents.order_by("kind")
            if document.status != DocumentStatus.APPROVED
        ]
        if pending:
            raise BusinessError(
                "kyc_documents_not_all_approved",
                _("Acceptez d'abord chaque pièce. Pas encore acceptée(s) : %(documents)s."),
                params={"documents": ", ".join(str(label) for label in pending)},
            )
        submission = transition_apply(
            open_submission,
            to=SubmissionStatus.APPROVED,
            actor=actor,
            changes={"decided_at": now, "decided_by": user, "decision_reason": ""},
            at=now,
        )
        transition_apply(
            company,
            to=CompanyStatus.APPROVED,
            actor=actor,
            reason=f"Envoi n° {submission.number} validé",
            changes={"approved_on": today, "dormant_since": None},
            at=now,
        )
        mail_users(
            users=company_administrators(company=company),
            name="kyc_approved",
            context={"company": company},
            path_for=lambda language: site_url(_company_path(language), base_url=base_url),
        )
    return submission


def kyc_application_reject(
    *,
    submission: KycSubmission,
    user,
    reason: str,
    base_url: str | None = None,
    now: datetime | None = None,
) -> KycSubmission:
    """Reject the application with a reason the customer reads (staff).

    Effects: submission and company "rejected"; documents keep their own decisions
    (the rejected ones must be replaced before resubmitting); e-mail to the company's
    administrators naming the rejected documents and the reasons.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise BusinessError(
            "kyc_reason_required",
            _("Indiquez le motif du refus : le client le lira pour corriger son dossier."),
            field="reason",
        )
    actor = Actor.of_user(user)
    with transaction.atomic():
        company = _locked_company(submission.company)
        open_submission = _open_submission(company)
        if open_submission.pk != submission.pk:
            raise BusinessError(
                "kyc_not_under_review",
                _("Ce dossier n'est pas en attente de vérification : il a déjà été décidé."),
            )
        submission = transition_apply(
            open_submission,
            to=SubmissionStatus.REJECTED,
            actor=actor,
            reason=reason,
            changes={"decided_at": now, "decided_by": user, "decision_reason": reason},
            at=now,
        )
        transition_apply(
            company,
            to=CompanyStatus.REJECTED,
            actor=actor,
            reason=reason,
            data={"submission": submission.pk},
            at=now,
        )
        rejected = list(
            open_submission.documents.filter(status=DocumentStatus.REJECTED).order_by("kind")
        )
        mail_users(
            users=company_administrators(company=company),
            name="kyc_rejected",
            context={"company": company, "reason": reason, "rejected": rejected},
            path_for=lambda language: site_url(
                url_in_language("kyc_documents", language=language), base_url=base_url
            ),
        )
    return submission
