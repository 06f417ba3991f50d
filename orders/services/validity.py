"""The validity end of a quote, from the terms pinned at issue (docs/rules/quotes-signing.md).

"15 days" runs to the end of day D + 15 in Europe/Paris (D the issue day); "72 hours"
runs from the exact issuing time; working days skip weekends and the public holidays of
the seller's country. The result is an exclusive bound: the quote is valid while
`now < valid_until`, expired from `valid_until` on.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from core.calendar import (
    add_days,
    add_hours,
    localdate,
    period_end,
    public_holidays,
    start_of_day,
    working_period_end,
)
from core.errors import BusinessError
from shop.models import Terms
from shop.models.terms_choices import DurationUnit


def quote_validity_rule(*, terms: Terms, special_order: bool) -> tuple[int, str]:
    """(value, unit) of the validity that applies: the special-order offer validity for a
    special order when the terms define one (003 art. 2.3: 48 hours), else the quote
    validity. Raises BusinessError when the terms define no validity at all."""
    if special_order and terms.special_order_offer_validity_value is not None:
        return terms.special_order_offer_validity_value, terms.special_order_offer_validity_unit
    if terms.quote_validity_value is None or not terms.quote_validity_unit:
        raise BusinessError(
            "quote_validity_missing",
            _("Les CGV en vigueur ne fixent pas la durée de validité d'un devis."),
        )
    return terms.quote_validity_value, terms.quote_validity_unit


def validity_end(*, issued_at: datetime, value: int, unit: str, country: str) -> datetime:
    """The exclusive end of a validity of `value` `unit`s from the instant `issued_at`."""
    day = localdate(issued_at)
    if unit == DurationUnit.HOURS:
        return add_hours(issued_at, value)
    if unit == DurationUnit.DAYS:
        return period_end(day, value)
    if unit == DurationUnit.WORKING_DAYS:
        return working_period_end(day, value, country=country)
    if unit == DurationUnit.DAYS_EXCLUDING_HOLIDAYS:
        current = day
        for _step in range(value):
            current = add_days(current, 1)
            while current in public_holidays(country, current.year):
                current = add_days(current, 1)
        return start_of_day(add_days(current, 1))
    raise ValueError(f"Unknown duration unit {unit!r}.")


def quote_valid_until(*, terms: Terms, issued_at: datetime, special_order: bool) -> datetime:
    """The validity end of a quote issued at `issued_at` under `terms`."""
    value, unit = quote_validity_rule(terms=terms, special_order=special_order)
    return validity_end(issued_at=issued_at, value=value, unit=unit, country=terms.seller.country)
