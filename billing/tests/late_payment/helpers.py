"""A seller under one preset, its customers and their invoices, for the late-payment tests."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from django.core.management import call_command

from accounts.models import Company, DeliveryAddress
from accounts.tests.factories import CompanyFactory, belgian_number
from billing.models import Invoice, SettlementSource
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line
from shop.models import Terms
from shop.presets import preset_get
from shop.tests.factories import SellerFactory, TermsFactory

_payment_ids = itertools.count(1)
_belgian_numbers = itertools.count(4_031_000)


def preset_terms(code: str) -> Terms:
    """The seller of preset `code` (French or Belgian) with the preset's terms, published."""
    preset = preset_get(code)
    seller = SellerFactory(belgian=preset.seller["country"] == "BE")
    return TermsFactory(
        seller=seller, published=True, effective_date=date(2023, 1, 1), **preset.terms
    )


def customer(*, belgian: bool = False, deferred_days: int | None = 30, **fields) -> Company:
    """An approved customer; on a deferred term of `deferred_days` unless None."""
    if belgian:
        number = belgian_number(next(_belgian_numbers))
        fields.update(
            country="BE",
            siren="",
            siret="",
            enterprise_number=number,
            vat_number=f"BE{number}",
            billing_postal_code="1000",
            billing_city="Bruxelles",
            billing_country="BE",
        )
    if deferred_days is None:
        company = CompanyFactory(approved=True, **fields)
    else:
        company = company_on_deferred_term(days=deferred_days, **fields)
    if belgian:
        DeliveryAddress.objects.filter(company=company).update(postal_code="1000", country="BE")
    return company


def issue(
    company: Company,
    terms: Terms,
    *,
    on: date,
    ht: str = "1000.00",
    delivered: date | None = None,
) -> Invoice:
    """One invoice of `ht` HT at the buyer's VAT rate (20 % in France, 21 % in Belgium)."""
    rate = "21.00" if company.country == "BE" else "20.00"
    return invoice_issue(
        company=company,
        terms=terms,
        lines=[line(ht, rate=rate)],
        delivery_date=delivered,
        issue_date=on,
        actor=ACTOR,
    )


def pay(invoice: Invoice, amount: str, *, on: date) -> None:
    invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal(amount),
        on=on,
        source=SettlementSource.PAYMENT,
        source_id=next(_payment_ids),
        actor=ACTOR,
    )


def run_day(day: date) -> None:
    """Every daily job for `day`, as the scheduler or a replay runs them."""
    call_command("run_daily_jobs", "--date", day.isoformat())
