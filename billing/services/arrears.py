"""Suspension and release of deliveries for arrears; prepayment after an incident.

A company is in arrears on a day when one of its invoices (not a penalty invoice) is past
its due date and unpaid that day, under Terms with `arrears_suspend_deliveries` (000 art.
4, 001 art. 7, 004 art. 5: without notice). Billing sets the suspension through
`accounts.services.commercial.delivery_suspension_set`, remembers it in `CompanyArrears`
and sends `company_arrears_changed` in the same transaction; when the arrears are paid it
clears the suspension it set (not one staff set since for another reason). The daily job
reviews the companies whose state changes; `company_arrears_review` reviews one at once,
for a payment flow that wants the release without waiting for the night.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, F, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyCommercialSettings
from accounts.services.commercial import delivery_suspension_set, prepayment_require
from billing.models import CompanyArrears, Invoice, InvoiceKind, InvoiceSettlement
from billing.signals import company_arrears_changed
from core.audit import Actor
from core.calendar import add_days
from core.errors import BusinessError

JOB = "billing.arrears_suspension"
# Stored on the company's settings (French, the contract language); compared on release.
SUSPENSION_REASON = "Impayés : factures échues non réglées (suspension sans préavis des CGV)."


def unpaid_invoices(*, as_of: date):
    """Invoices issued by `as_of` and not fully settled on that day (penalty invoices aside)."""
    settled = (
        InvoiceSettlement.objects.filter(invoice=OuterRef("pk"), on__lte=as_of)
        .values("invoice")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money: DecimalField = DecimalField(max_digits=14, decimal_places=2)
    return (
        Invoice.objects.filter(issue_date__lte=as_of)
        .exclude(kind=InvoiceKind.PENALTY)
        .annotate(settled=Coalesce(Subquery(settled), Value(0), output_field=money))
        .filter(total_ttc__gt=F("settled"))
    )


def unpaid_late_invoices(*, as_of: date):
    """Invoices past their due date and not fully settled on `as_of`."""
    return unpaid_invoices(as_of=as_of).filter(due_date__lt=as_of)


def companies_in_arrears(*, as_of: date, company_id: int | None = None) -> dict[int, date]:
    """Company id -> first day of its oldest unpaid late invoice, under suspending Terms."""
    invoices = unpaid_late_invoices(as_of=as_of).filter(terms__arrears_suspend_deliveries=True)
    if company_id is not None:
        invoices = invoices.filter(company_id=company_id)
    rows = invoices.values("company_id").annotate(first_due=Min("due_date"))
    return {row["company_id"]: add_days(row["first_due"], 1) for row in rows}


def run_arrears_suspension(*, as_of: date) -> dict:
    """Suspend companies newly in arrears on `as_of`, release those no longer in arrears."""
    in_arrears = companies_in_arrears(as_of=as_of)
    suspended = set(
        CompanyArrears.objects.filter(suspended=True).values_list("company_id", flat=True)
    )
    counts = {"suspended": 0, "released": 0}
    for company_id in sorted(set(in_arrears) ^ suspended):
        state = company_arrears_review(company_id=company_id, as_of=as_of, actor=Actor.of_job(JOB))
        if state is not None:
            counts["suspended" if state else "released"] += 1
    return counts


def company_arrears_release(*, company_id: int, on: date, today: date, actor: Actor) -> None:
    """Release the company's deliveries at once when a settlement dated `on` leaves nothing
    overdue, neither on `on` nor `today` (a back-dated payment must not release a company
    that fell into arrears since). Suspending stays the daily job's."""
    if CompanyArrears.objects.filter(company_id=company_id, suspended=True).exists() and (
        company_id not in companies_in_arrears(as_of=today, company_id=company_id)
    ):
        company_arrears_review(company_id=company_id, as_of=on, actor=actor, release_only=True)


def company_arrears_review(
    *, company_id: int, as_of: date, actor: Actor, release_only: bool = False
) -> bool | None:
    """Suspend or release one company's deliveries per its arrears on `as_of`.

    Locks the company, then its arrears row. Returns the new state (True: suspended) when
    it changed, None otherwise; sends `company_arrears_changed` when it changed. With
    `release_only`, a company still in arrears is left as it is.
    """
    with transaction.atomic():
        company = Company.objects.select_for_update(no_key=True).get(pk=company_id)
        first_late = companies_in_arrears(as_of=as_of, company_id=company_id).get(company_id)
        arrears = CompanyArrears.objects.select_for_update(no_key=True).filter(company=company)
        row = arrears.first()
        if row is None:
            if first_late is None:
                return None
            row = CompanyArrears(company=company, first_incident_on=first_late)
        elif first_late is not None and first_late < row.first_incident_on:
            row.first_incident_on = first_late
        suspend = first_late is not None
        if suspend == row.suspended or (release_only and suspend):
            row.save()
            return None
        if suspend:
            delivery_suspension_set(
                company=company, suspended=True, reason=SUSPENSION_REASON, actor=actor
            )
            row.suspended, row.suspended_since, row.released_on = True, as_of, None
        else:
            current = CompanyCommercialSettings.objects.filter(company=company).first()
            if current is not None and current.delivery_suspension_reason == SUSPENSION_REASON:
                delivery_suspension_set(company=company, suspended=False, reason="", actor=actor)
            row.suspended, row.released_on = False, as_of
        row.save()
        company_arrears_changed.send(
            sender=CompanyArrears, company_id=company.pk, suspended=suspend
        )
        return suspend


def company_prepayment_require(*, company: Company, user: Any) -> None:
    """Staff require prepayment after a payment incident (003 art. 4.6, 004 art. 5).

    Refused (BusinessError) when the company never had an invoice paid late or unpaid past
    its due date, nor a payment incident (a rejected LCR, one not returned: billing.lcr),
    under Terms that allow it.
    """
    incident = Invoice.objects.filter(
        Q(penalty__isnull=False) | Q(payment_incidents__isnull=False),
        company=company,
        terms__prepayment_after_incident=True,
    )
    if not incident.exists():
        raise BusinessError(
            "prepayment_no_incident",
            _(
                "Le paiement d'avance ne peut être exigé qu'après un incident de paiement, "
                "quand les conditions générales le prévoient."
            ),
        )
    prepayment_require(company=company, user=user)
