"""Reads of billing for views, admin, jobs and the apps to the right."""

from __future__ import annotations

from datetime import date

from billing.models import BelgianCommercialRate, EcbRefinancingRate, FrenchLegalRate
from billing.penalties import RateBook, RateMissing

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
