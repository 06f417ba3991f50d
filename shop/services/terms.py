"""Life cycle of the versions of the terms of sale: draft, then published (immutable)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.transitions import transition_apply
from shop.models import Seller, Terms, TermsStatus

TEXT_FIELDS = (
    "text_fr",
    "text_fr_translated_from",
    "text_en",
    "text_en_translated_from",
    "text_nl",
    "text_nl_translated_from",
)


def terms_publish(*, terms: Terms, actor: Actor, at: datetime) -> Terms:
    """Publish a draft version: from then on the database refuses any change to it.

    Preconditions: `terms` is a draft (else `TransitionRefused`); its parameters agree
    with each other (`Terms.clean`); it has its full text in French, the version that
    prevails (other languages are optional, marked when they are translations); its
    effective date is not before that of a version already published and, unless it is
    the seller's first published version, not before the day of `at` (a version cannot
    be put in force retroactively).
    Effects: status "published" and `published_at = at`, with an audit row by `actor`.
    Raises `BusinessError` (codes `terms_invalid`, `terms_text_missing`,
    `terms_effective_date_before_latest`, `terms_effective_date_in_past`) or
    `TransitionRefused` when the version is not a draft.
    """
    with transaction.atomic():
        # Lock the seller first: publications of one seller are serialised.
        Seller.objects.select_for_update().get(pk=terms.seller_id)
        current = Terms.objects.get(pk=terms.pk)
        if current.status == TermsStatus.DRAFT:
            _check_publishable(current, at=at)
        return transition_apply(
            terms,
            to=TermsStatus.PUBLISHED,
            actor=actor,
            changes={"published_at": at},
            reason=f"Publication de la version {current.version}",
            data={"version": current.version, "effective_date": current.effective_date},
            at=at,
        )


def _check_publishable(terms: Terms, *, at: datetime) -> None:
    try:
        terms.full_clean()
    except ValidationError as error:
        problems = "; ".join(
            f"{_field_label(name)} : {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        )
        raise BusinessError(
            "terms_invalid",
            _("Cette version ne peut pas être publiée : %(problems)s"),
            params={"problems": problems},
        ) from error
    if not terms.text_fr.strip():
        raise BusinessError(
            "terms_text_missing",
            _(
                "Cette version ne peut pas être publiée sans le texte intégral des conditions "
                "en français, la version qui fait foi."
            ),
            field="text_fr",
        )
    published = Terms.objects.filter(seller_id=terms.seller_id, status=TermsStatus.PUBLISHED)
    latest = published.order_by("-effective_date", "-version").first()
    if latest is None:
        return
    if terms.effective_date < latest.effective_date:
        raise BusinessError(
            "terms_effective_date_before_latest",
            _(
                "La date d'entrée en vigueur doit être au plus tôt le %(date)s, date de la "
                "version %(version)s déjà publiée."
            ),
            field="effective_date",
            params={"date": f"{latest.effective_date:%d/%m/%Y}", "version": latest.version},
        )
    if terms.effective_date < timezone.localdate(at):
        raise BusinessError(
            "terms_effective_date_in_past",
            _("Une nouvelle version ne peut entrer en vigueur avant le jour de sa publication."),
            field="effective_date",
        )


def _field_label(name: str) -> str:
    if name == "__all__":
        return str(_("Ensemble"))
    field = Terms._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, models.Field) else name


def terms_draft_create(
    *,
    seller: Seller,
    actor: Actor,
    source: Terms | None = None,
    effective_date: date | None = None,
) -> Terms:
    """Create a new draft version, numbered after the seller's highest version.

    With `source`, every parameter and text is copied from it (the "new draft from this
    version" admin action); without, the draft starts from the model defaults (the
    "default" column of the parameters table). The effective date defaults to today
    (Europe/Paris). Writes an audit row by `actor`.
    Raises `BusinessError` `terms_source_other_seller` when `source` belongs to another seller.
    """
    if source is not None and source.seller_id != seller.pk:
        raise BusinessError(
            "terms_source_other_seller",
            _("La version copiée appartient à un autre vendeur."),
        )
    with transaction.atomic():
        Seller.objects.select_for_update().get(pk=seller.pk)
        highest = Terms.objects.filter(seller=seller).aggregate(top=Max("version"))["top"] or 0
        values = {}
        if source is not None:
            for name in (*Terms.parameter_names(), *TEXT_FIELDS):
                value = getattr(source, name)
                values[name] = list(value) if isinstance(value, list) else value
        draft = Terms.objects.create(
            seller=seller,
            version=highest + 1,
            effective_date=effective_date or timezone.localdate(),
            status=TermsStatus.DRAFT,
            **values,
        )
        audit_record(
            obj=draft,
            actor=actor,
            from_state="",
            to_state=TermsStatus.DRAFT,
            reason=(
                f"Nouveau brouillon à partir de la version {source.version}"
                if source is not None
                else "Nouveau brouillon"
            ),
            data={"source_version": source.version if source is not None else None},
        )
    return draft
