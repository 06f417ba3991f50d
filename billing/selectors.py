"""Reads of billing for views, admin, jobs and the apps to the right.

Customer reads of invoices and credit notes take the company (another one: 404).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import F, QuerySet, Sum
from django.http import Http404

from accounts.models import Company
from billing.models import (
    BelgianCommercialRate,
    CreditNote,
    EcbRefinancingRate,
    FrenchLegalRate,
    Invoice,
    InvoiceStatus,
)
from billing.penalties import RateBook, RateMissing
from core.money import ZERO

# --- late payment: rate tables -------------------------------------------------------------


def rate_book_load() -> RateBook:
    """The three rate tables as they stand now (a few dozen rows: read whole)."""
    return RateBook.build(
        french_legal={(row.year, row.half): row.rate for row in FrenchLegalRate.objects.all()},
        belgian_commercial={
            (row.year, row.half): row.rate for row in BelgianCommercialRate.objects.all()
        },
        ecb=EcbRefinancingRate.objects.values_list("effective_from", "rate"),
    )


def rate_tables_missing(*, on: date) -> list[RateMissing]:
    """The rates staff must still enter for invoices falling due on `on` (the admin's alert)."""
    rates = rate_book_load()
    missing = []
    for lookup in (
        rates.french_legal_rate,
        rates.belgian_commercial_rate,
        rates.french_statutory_rate,
    ):
        try:
            lookup(on)
        except RateMissing as error:
            missing.append(error)
    return missing


# --- invoices and credit notes -------------------------------------------------------------

OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)


def company_open_invoices(*, company: Company) -> QuerySet[Invoice]:
    """The company's invoices with an amount still due, oldest due first."""
    return Invoice.objects.filter(company=company, status__in=OPEN_STATUSES).order_by(
        "due_date", "number"
    )


def company_overdue_invoices(*, company: Company, as_of: date) -> QuerySet[Invoice]:
    """Open invoices whose due date is before `as_of` (due on `as_of` is not yet late)."""
    return company_open_invoices(company=company).filter(due_date__lt=as_of)


def company_open_balance(*, company: Company) -> Decimal:
    """What the company still owes on its invoices (TTC), before any unused credit note."""
    total = company_open_invoices(company=company).aggregate(
        due=Sum(F("total_ttc") - F("amount_paid"))
    )["due"]
    return total if total is not None else ZERO


def invoice_get_for_company(*, company: Company, number: str) -> Invoice:
    """The company's invoice `number`; Http404 for any other company's or an unknown one."""
    try:
        return Invoice.objects.get(company=company, number=number)
    except Invoice.DoesNotExist:
        raise Http404(number) from None


def credit_note_get_for_company(*, company: Company, number: str) -> CreditNote:
    """The company's credit note `number`; Http404 otherwise."""
    try:
        return CreditNote.objects.get(company=company, number=number)
    except CreditNote.DoesNotExist:
        raise Http404(number) from None
