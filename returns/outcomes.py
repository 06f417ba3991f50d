"""What the seller may do with a received item, and the credit it gives
(docs/rules/returns-warranty.md).

At the seller's choice among the outcomes the Terms allow: repair, standard exchange
(only within the Terms' window after the invoice date, 001 art. 13: 30 days), a
replacement, or a credit note. A credit note is the item's value at intake capped at
the invoiced amount (001 art. 13); a commercial return is credited at the invoiced price
minus the return's fees (004 art. 9).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.calendar import add_days
from core.money import ZERO, round_cents
from returns.choices import Outcome, ReturnReason
from shop.models import Terms


def standard_exchange_last_day(*, terms: Terms, invoice_date: date) -> date | None:
    """The last day a standard exchange is possible (invoice date + the window, the end
    of that day counting), or None when the Terms allow none."""
    if terms.standard_exchange_window_days is None:
        return None
    return add_days(invoice_date, terms.standard_exchange_window_days)


def outcomes_allowed(
    *, terms: Terms, reason: str, invoice_date: date, returned_on: date
) -> tuple[str, ...]:
    """The outcomes staff may choose for an item of `reason` returned on `returned_on`."""
    if reason == ReturnReason.COMMERCIAL:
        return (Outcome.CREDIT_NOTE,)
    if reason == ReturnReason.MISSING_ITEM:
        return (Outcome.REPLACEMENT, Outcome.CREDIT_NOTE)
    allowed = [Outcome.REPAIR]
    exchange_until = standard_exchange_last_day(terms=terms, invoice_date=invoice_date)
    if exchange_until is not None and returned_on <= exchange_until:
        allowed.append(Outcome.STANDARD_EXCHANGE)
    allowed += [Outcome.REPLACEMENT, Outcome.CREDIT_NOTE]
    return tuple(allowed)


def credit_note_amount_ht(
    *,
    reason: str,
    invoiced_value_ht: Decimal,
    value_at_intake_ht: Decimal | None = None,
    fees_ht: Decimal = ZERO,
) -> Decimal:
    """The credit, HT, for the returned units of one line.

    Commercial return: the invoiced value minus `fees_ht`, never below zero. Otherwise:
    the value at intake that staff assess, capped at the invoiced value (the invoiced
    value when staff assess none).
    """
    if reason == ReturnReason.COMMERCIAL:
        return max(ZERO, round_cents(invoiced_value_ht - fees_ht))
    if value_at_intake_ht is None:
        return round_cents(invoiced_value_ht)
    return round_cents(min(value_at_intake_ht, invoiced_value_ht))
