"""Billing test helpers: a seller with its published terms, companies on a payment term."""

from __future__ import annotations

from decimal import Decimal

from accounts.models import (
    CompanyCommercialSettings,
    FinancialReview,
    PaymentTerm,
    ReviewConclusion,
)
from accounts.tests.factories import CompanyFactory, UserFactory
from billing.services.documents import InvoiceLineInput
from core.audit import Actor
from shop.tests.factories import SellerFactory, TermsFactory

ACTOR = Actor.of_job("tests")


def published_terms(**fields):
    """A published version of the test seller's terms with `fields` set."""
    return TermsFactory(seller=SellerFactory(), published=True, **fields)


def company_on_deferred_term(*, days: int = 30, **fields):
    """An approved company granted a deferred term of `days` after a favourable review."""
    company = CompanyFactory(approved=True, **fields)
    review = FinancialReview.objects.create(
        company=company,
        reviewed_by=UserFactory(),
        conclusion=ReviewConclusion.FAVOURABLE,
        max_term_days=days,
        notes="Bilan 2025 sain.",
    )
    CompanyCommercialSettings.objects.filter(company=company).update(
        payment_term=PaymentTerm.DEFERRED, deferred_days=days, financial_review=review
    )
    return company


def line(price: str = "100.00", *, quantity: int = 1, rate: str = "20.00", **fields):
    return InvoiceLineInput(
        reference=fields.pop("reference", "REF-1"),
        designation=fields.pop("designation", "Écran 27 pouces"),
        quantity=quantity,
        unit_price_ht=Decimal(price),
        vat_rate=Decimal(rate),
        **fields,
    )
