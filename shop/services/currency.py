"""Currency-indexed products (000 art. 3): rates of the day, and the move passed on.

A rate is stored as units of the currency for 1 EUR (1.0850 USD). The price of the
currency in euros is its inverse, so between the offer's rate `r0` and the invoice's
rate `r1` the currency has moved by `r0 / r1 - 1` against the euro. A rise of the
currency makes the seller's purchase dearer: it is "against the seller". When it is
strictly more than the terms' threshold (`Terms.currency_indexed_threshold_percent`,
2% for 000), the whole move is passed on: the line is invoiced at `unit x r0 / r1`,
rounded once per line. A move in the buyer's favour, or within the threshold, changes
nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from core.money import HUNDRED, ZERO, line_total, to_decimal
from shop.models import ExchangeRate

_CURRENCY = re.compile(r"[A-Z]{3}")


def exchange_rate_check(*, currency: str, rate) -> tuple[str, Decimal]:
    """The currency code (upper case) and the rate (Decimal) a person typed, checked.

    Raises BusinessError `exchange_rate_currency` (not an ISO code, or EUR) or
    `exchange_rate_invalid` (not a positive number; a comma decimal is accepted).
    """
    code = (currency or "").strip().upper()
    if not _CURRENCY.fullmatch(code) or code == "EUR":
        raise BusinessError(
            "exchange_rate_currency",
            _("Devise : indiquez un code ISO de 3 lettres autre que EUR, par exemple USD."),
            field="currency",
        )
    try:
        value = to_decimal(rate)
    except (TypeError, ValueError):
        value = None
    if value is None or value <= 0:
        raise BusinessError(
            "exchange_rate_invalid",
            _("Cours : indiquez un nombre positif, par exemple 1,0850."),
            field="rate",
        )
    return code, value


def exchange_rate_record(*, currency: str, day: date, rate, user=None) -> ExchangeRate:
    """Record (or correct) the rate of `currency` on `day`; history is kept by pghistory.

    Raises the BusinessErrors of `exchange_rate_check`.
    """
    code, value = exchange_rate_check(currency=currency, rate=rate)
    with transaction.atomic():
        record, _created = ExchangeRate.objects.update_or_create(
            currency=code, day=day, defaults={"rate": value, "recorded_by": user}
        )
    return record


@dataclass(frozen=True)
class CurrencyAdjustment:
    """The effect of the exchange-rate move on one invoice line.

    `move_percent` > 0 is a move against the seller. `applies` when it exceeds the
    threshold; then `adjusted_line_total_ht` replaces the line total and
    `difference_ht` is what the buyer pays more (zero otherwise).
    """

    move_percent: Decimal
    applies: bool
    original_line_total_ht: Decimal
    adjusted_line_total_ht: Decimal

    @property
    def difference_ht(self) -> Decimal:
        return self.adjusted_line_total_ht - self.original_line_total_ht


def currency_move_percent(*, offer_rate, invoice_rate) -> Decimal:
    """How much the currency's price in EUR rose from offer to invoice, in percent."""
    offer_rate = to_decimal(offer_rate)
    invoice_rate = to_decimal(invoice_rate)
    if offer_rate <= 0 or invoice_rate <= 0:
        raise ValueError("Exchange rates are positive.")
    return (offer_rate / invoice_rate - 1) * HUNDRED


def currency_indexed_adjustment(
    *, unit_price_ht, quantity: int, offer_rate, invoice_rate, threshold_percent
) -> CurrencyAdjustment:
    """The line at invoicing for a currency-indexed product (billing calls this).

    `unit_price_ht` and `quantity` are those agreed at the offer; the rates those of the
    offer's day and the invoice's day; `threshold_percent` from the pinned terms (None:
    the terms pass nothing on).
    """
    original = line_total(unit_price=unit_price_ht, quantity=quantity)
    move = currency_move_percent(offer_rate=offer_rate, invoice_rate=invoice_rate)
    applies = threshold_percent is not None and move > to_decimal(threshold_percent)
    adjusted = original
    if applies:
        factor = to_decimal(offer_rate) / to_decimal(invoice_rate)
        adjusted = line_total(unit_price=to_decimal(unit_price_ht) * factor, quantity=quantity)
    return CurrencyAdjustment(
        move_percent=move if move else ZERO,
        applies=applies,
        original_line_total_ht=original,
        adjusted_line_total_ht=adjusted,
    )
