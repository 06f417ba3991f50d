"""Staff settings per company: financial reviews and commercial conditions (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import pghistory
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import (
    Company,
    CompanyCommercialSettings,
    FinancialReview,
    PaymentTerm,
    ReviewConclusion,
)
from core.audit import Actor
from core.errors import BusinessError
from shop.models.terms_choices import PaymentMethod


def financial_review_record(
    *,
    company: Company,
    user,
    conclusion: str,
    notes: str,
    max_term_days: int | None = None,
    now: datetime | None = None,
) -> FinancialReview:
    """Record a financial review of `company` (staff). The row is immutable.

    A favourable review states the longest payment term it supports; an unfavourable
    one states none.
    """
    now = now or timezone.now()
    if conclusion not in ReviewConclusion.values:
        raise BusinessError(
            "review_conclusion_invalid", _("Choisissez la conclusion."), field="conclusion"
        )
    if not (notes or "").strip():
        raise BusinessError(
            "review_notes_required",
            _("Résumez l'analyse : sources consultées et éléments retenus."),
            field="notes",
        )
    if conclusion == ReviewConclusion.FAVOURABLE and not max_term_days:
        raise BusinessError(
            "review_term_required",
            _("Une analyse favorable indique le délai de paiement maximal accordable."),
            field="max_term_days",
        )
    if conclusion == ReviewConclusion.UNFAVOURABLE:
        max_term_days = None
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=company.pk)
        return FinancialReview.objects.create(
            company=company,
            reviewed_by=user,
            reviewed_at=now,
            conclusion=conclusion,
            max_term_days=max_term_days,
            notes=notes.strip(),
        )


@dataclass(frozen=True)
class CommercialValues:
    payment_methods: list[str]
    payment_term: str
    deferred_days: int | None
    financial_review: FinancialReview | None
    credit_limit: Decimal
    delivery_suspended: bool
    delivery_suspension_reason: str
    prepayment_required: bool


def commercial_settings_check(
    *,
    company: Company,
    payment_methods: list[str],
    payment_term: str,
    deferred_days: int | None,
    financial_review: FinancialReview | None,
    credit_limit: Decimal,
    delivery_suspended: bool,
    delivery_suspension_reason: str,
    prepayment_required: bool,
) -> CommercialValues:
    """Check and normalise staff settings (no write); BusinessError names the field.

    Rules: at least one payment method; cash at order needs no review; a deferred term
    needs a favourable financial review of this company allowing at least that many
    days; a delivery suspension needs a reason; the credit limit is not negative.
    """
    methods = [method for method in PaymentMethod.values if method in set(payment_methods or ())]
    if not methods:
        raise BusinessError(
            "payment_methods_required",
            _("Autorisez au moins un moyen de paiement."),
            field="payment_methods",
        )
    if payment_term == PaymentTerm.CASH_AT_ORDER:
        deferred_days = None
        financial_review = None
    elif payment_term == PaymentTerm.DEFERRED:
        if not deferred_days or deferred_days <= 0:
            raise BusinessError(
                "deferred_days_required",
                _("Indiquez le délai de paiement accordé, en jours (par exemple 30)."),
                field="deferred_days",
            )
        if financial_review is None or financial_review.company_id != company.pk:
            raise BusinessError(
                "financial_review_required",
                _(
                    "Un paiement différé n'est accordé qu'après une analyse financière de "
                    "l'entreprise : enregistrez-la, puis choisissez-la ici."
                ),
                field="financial_review",
            )
        if financial_review.conclusion != ReviewConclusion.FAVOURABLE:
            raise BusinessError(
                "financial_review_unfavourable",
                _("L'analyse financière choisie est défavorable : pas de paiement différé."),
                field="financial_review",
            )
        max_days = financial_review.max_term_days or 0  # set whenever favourable
        if deferred_days > max_days:
            raise BusinessError(
                "deferred_days_over_review",
                _(
                    "L'analyse financière autorise au plus %(max)s jours : le délai de "
                    "%(days)s jours dépasse ce qu'elle permet."
                ),
                field="deferred_days",
                params={"max": max_days, "days": deferred_days},
            )
    else:
        raise BusinessError(
            "payment_term_invalid",
            _("Choisissez les conditions de paiement."),
            field="payment_term",
        )
    reason = (delivery_suspension_reason or "").strip()
    if delivery_suspended and not reason:
        raise BusinessError(
            "suspension_reason_required",
            _("Indiquez le motif de la suspension des livraisons."),
            field="delivery_suspension_reason",
        )
    if credit_limit is None or credit_limit < 0:
        raise BusinessError(
            "credit_limit_invalid",
            _("L'encours autorisé est un montant positif ou nul."),
            field="credit_limit",
        )
    return CommercialValues(
        payment_methods=methods,
        payment_term=payment_term,
        deferred_days=deferred_days,
        financial_review=financial_review,
        credit_limit=credit_limit,
        delivery_suspended=delivery_suspended,
        delivery_suspension_reason=reason if delivery_suspended else "",
        prepayment_required=prepayment_required,
    )


def commercial_settings_update(
    *,
    company: Company,
    user,
    now: datetime | None = None,
    **values,
) -> CompanyCommercialSettings:
    """Set the company's commercial conditions (staff) after `commercial_settings_check`.

    `values` are the keyword arguments of `commercial_settings_check`. The history of
    every value is kept by django-pghistory (with the staff user in its context);
    `updated_by` and `updated_at` name the last change.
    """
    now = now or timezone.now()
    checked = commercial_settings_check(company=company, **values)
    with transaction.atomic(), pghistory.context(staff_user=user.pk):
        Company.objects.select_for_update().get(pk=company.pk)
        settings_row, _created = (
            CompanyCommercialSettings.objects.select_for_update().get_or_create(company=company)
        )
        for name, value in checked.__dict__.items():
            setattr(settings_row, name, value)
        settings_row.updated_at = now
        settings_row.updated_by = user
        settings_row.save()
    return settings_row


# --- late payment: suspension and prepayment set by billing (docs/rules/late-payment.md) ---


def delivery_suspension_set(
    *, company: Company, suspended: bool, reason: str, actor: Actor
) -> CompanyCommercialSettings:
    """Suspend or resume the company's deliveries (billing's arrears job, or staff).

    Preconditions: a reason when suspending. Effects: `delivery_suspended` and its reason,
    with pghistory context naming the actor; `updated_by` is kept for staff changes only.
    The caller holds the transaction and tells orders (billing's `company_arrears_changed`).
    """
    if suspended and not reason.strip():
        raise BusinessError(
            "suspension_reason_required",
            _("Indiquez le motif de la suspension des livraisons."),
            field="delivery_suspension_reason",
        )
    with transaction.atomic(), pghistory.context(actor=str(actor)):
        settings_row, _created = (
            CompanyCommercialSettings.objects.select_for_update().get_or_create(company=company)
        )
        settings_row.delivery_suspended = suspended
        settings_row.delivery_suspension_reason = reason.strip() if suspended else ""
        settings_row.updated_at = timezone.now()
        settings_row.save(
            update_fields=["delivery_suspended", "delivery_suspension_reason", "updated_at"]
        )
    return settings_row


def prepayment_require(*, company: Company, user: Any) -> CompanyCommercialSettings:
    """Staff require prepayment from the company after a payment incident (003 art. 4.6).

    The caller (billing) checks that the Terms allow it and that an incident occurred.
    """
    with transaction.atomic(), pghistory.context(staff_user=user.pk):
        settings_row, _created = (
            CompanyCommercialSettings.objects.select_for_update().get_or_create(company=company)
        )
        settings_row.prepayment_required = True
        settings_row.updated_at = timezone.now()
        settings_row.updated_by = user
        settings_row.save(update_fields=["prepayment_required", "updated_at", "updated_by"])
    return settings_row
