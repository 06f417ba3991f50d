"""Late-payment penalties of one invoice as of a day: a pure function of its inputs.

docs/rules/late-payment.md states the rules; in short:

- interest accrues from the day after the due date on the unpaid TTC; a settlement
  stops interest on the part it pays from its own date, so each part bears
  `amount x days late at its payment` and the part still unpaid bears the days late
  at `as_of` (days late per `core.calendar.days_late`: paid on the due date, 0);
- annual modes: `annual rate x days / 365`, or, where any month started is due in
  full (004), `annual rate / 12 x months started`; the annual rate is the one in force
  on the due date (`RateBook`);
- the fixed daily mode (001): `daily % x days`, the days counted from the Nth day
  after delivery and never before the day after the due date;
- the sum is rounded half-up to the cent once per invoice;
- fixed amounts once the invoice is late: the recovery indemnity, or the collection
  fee (% of the principal that fell late); the litigation penalty (% of what was
  unpaid on the day staff sent the debt to collection) from that day.

Settlements dated after `as_of` are not known on `as_of` and are ignored, so the
result for a day never depends on what happened later or on which days ran before.

The interest is an `InterestState`: what the paid parts bore (closed) plus the unpaid
rest times the units late on the day asked. Until the next settlement the state does not
change, so the daily accrual stores it and the amount of any later day is computed on
reading (`InterestState.interest_on`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from billing.penalties.rates import RateBook
from core.calendar import add_days, days_late, months_started
from core.money import ZERO, percent_of, round_cents
from shop.models.terms_choices import LatePenaltyMode


class InterestUnit:
    """What one unit of delay is and how the rate applies to it."""

    DAYS = "days"  # annual rate x days / 365
    MONTHS = "months"  # annual rate / 12 x months started (any month started is due in full)
    DAILY = "daily"  # a fixed percentage per day


# The rate (percent) of one unit: annual / 100 / 365, annual / 100 / 12, daily / 100.
UNIT_DIVISOR = {
    InterestUnit.DAYS: Decimal("36500"),
    InterestUnit.MONTHS: Decimal("1200"),
    InterestUnit.DAILY: Decimal("100"),
}


@dataclass(frozen=True)
class PenaltyRules:
    """The late-payment parameters of the pinned Terms version."""

    mode: str
    multiplier: Decimal | None = None
    daily_percent: Decimal | None = None
    from_day_after_delivery: int | None = None
    month_started_due_in_full: bool = False
    recovery_indemnity: Decimal | None = None
    collection_fee_percent: Decimal | None = None
    litigation_penalty_percent: Decimal | None = None

    @classmethod
    def from_terms(cls, terms) -> PenaltyRules:
        return cls(
            mode=terms.late_penalty_mode,
            multiplier=terms.late_penalty_multiplier,
            daily_percent=terms.late_penalty_daily_percent,
            from_day_after_delivery=terms.late_penalty_from_day_after_delivery,
            month_started_due_in_full=terms.late_penalty_month_started_due_in_full,
            recovery_indemnity=terms.recovery_indemnity_amount,
            collection_fee_percent=terms.collection_fee_percent,
            litigation_penalty_percent=terms.litigation_penalty_percent,
        )


@dataclass(frozen=True)
class Settlement:
    """An amount that reduced what is due (payment or credit note), with its date."""

    on: date
    amount: Decimal


@dataclass(frozen=True)
class InterestState:
    """An invoice's interest between two settlements.

    `closed` is the sum of each paid part x the units late at its payment; `unpaid` bears
    the units late from `start` (the due date, or the last free day of the daily mode)
    to the day asked. Rounded half-up to the cent once, on reading.
    """

    unit: str
    rate: Decimal  # percent per year (DAYS, MONTHS) or per day (DAILY)
    start: date
    closed: Decimal
    unpaid: Decimal

    def units_late(self, day: date) -> int:
        if self.unit == InterestUnit.MONTHS:
            return months_started(start=self.start, end=day)
        return days_late(due=self.start, paid=day)

    def interest_on(self, day: date) -> Decimal:
        weighted = self.closed + self.unpaid * self.units_late(day)
        return round_cents(weighted * self.rate / UNIT_DIVISOR[self.unit])


@dataclass(frozen=True)
class PenaltyAmounts:
    """Days late and penalties of one invoice on a day."""

    days_late: int  # to the last settlement when paid in full, else to the day
    interest: Decimal
    recovery_indemnity: Decimal
    collection_fee: Decimal
    litigation_penalty: Decimal

    @property
    def total(self) -> Decimal:
        return (
            self.interest + self.recovery_indemnity + self.collection_fee + self.litigation_penalty
        )


@dataclass(frozen=True)
class PenaltyResult(PenaltyAmounts):
    late: bool
    amount_due: Decimal  # principal still unpaid on as_of
    annual_rate: Decimal | None  # percent; None in the fixed daily mode


def annual_rate_for(*, rules: PenaltyRules, due_date: date, rates: RateBook) -> Decimal | None:
    """The annual rate (percent) in force on the due date; None in the fixed daily mode.

    Raises `RateMissing` when the table lacks the period, ValueError on an unknown mode.
    """
    mode = rules.mode
    if mode == LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE:
        if rules.multiplier is None:  # the Terms' check constraint makes this unreachable
            raise ValueError("The Terms name no multiple of the French legal rate.")
        return rates.french_legal_rate(due_date) * rules.multiplier
    if mode == LatePenaltyMode.ECB_PLUS_10:
        return rates.french_statutory_rate(due_date)
    if mode == LatePenaltyMode.BELGIAN_COMMERCIAL_RATE:
        return rates.belgian_commercial_rate(due_date)
    if mode == LatePenaltyMode.FIXED_DAILY_PERCENT_OF_TTC:
        if rules.daily_percent is None:  # the Terms' check constraint makes this unreachable
            raise ValueError("The Terms name no daily percentage.")
        return None
    raise ValueError(f"Unknown late penalty mode {mode!r}.")


def _paid_parts(
    principal: Decimal, settlements: Iterable[Settlement], as_of: date
) -> tuple[list[Settlement], Decimal]:
    """The settlements known on `as_of` (each capped at what was still due) and the rest unpaid."""
    unpaid = principal
    parts: list[Settlement] = []
    for settlement in sorted(settlements, key=lambda s: s.on):
        if settlement.on > as_of or unpaid <= 0:
            continue
        amount = min(settlement.amount, unpaid)
        if amount > 0:
            parts.append(Settlement(on=settlement.on, amount=amount))
            unpaid -= amount
    return parts, max(unpaid, ZERO)


def _unpaid_on(principal: Decimal, parts: list[Settlement], day: date) -> Decimal:
    return max(principal - sum((p.amount for p in parts if p.on <= day), ZERO), ZERO)


def interest_state(
    *,
    rules: PenaltyRules,
    annual_rate: Decimal | None,
    due_date: date,
    delivery_date: date | None,
    parts: list[Settlement],
    unpaid: Decimal,
) -> InterestState:
    """The interest state after the paid `parts` (`annual_rate`: None in the daily mode)."""
    if annual_rate is None:
        start = due_date
        if rules.from_day_after_delivery and delivery_date is not None:
            start = max(due_date, add_days(delivery_date, rules.from_day_after_delivery - 1))
        unit, rate = InterestUnit.DAILY, rules.daily_percent or ZERO
    elif rules.month_started_due_in_full:
        start, unit, rate = due_date, InterestUnit.MONTHS, annual_rate
    else:
        start, unit, rate = due_date, InterestUnit.DAYS, annual_rate
    state = InterestState(unit=unit, rate=rate, start=start, closed=ZERO, unpaid=unpaid)
    return replace(state, closed=sum((p.amount * state.units_late(p.on) for p in parts), ZERO))


def penalties_compute(
    *,
    rules: PenaltyRules,
    principal_ttc: Decimal,
    due_date: date,
    delivery_date: date | None,
    settlements: Iterable[Settlement],
    as_of: date,
    rates: RateBook,
    litigation_on: date | None = None,
) -> PenaltyResult:
    """Penalties of one invoice as of `as_of` (see the module docstring).

    Raises `RateMissing` only for an invoice that is late and whose rate is missing.
    """
    parts, unpaid = _paid_parts(principal_ttc, settlements, as_of)
    # Each part of the principal and the day its interest stopped (as_of for the rest).
    stops = [(p.amount, p.on) for p in parts] + ([(unpaid, as_of)] if unpaid > 0 else [])
    late = any(days_late(due=due_date, paid=on) > 0 for _amount, on in stops)
    last_day = stops[-1][1] if stops else due_date  # the last payment, or as_of while unpaid
    if not late:
        return PenaltyResult(
            late=False,
            days_late=0,
            amount_due=unpaid,
            annual_rate=None,
            interest=ZERO,
            recovery_indemnity=ZERO,
            collection_fee=ZERO,
            litigation_penalty=ZERO,
        )
    annual_rate = annual_rate_for(rules=rules, due_date=due_date, rates=rates)
    state = interest_state(
        rules=rules,
        annual_rate=annual_rate,
        due_date=due_date,
        delivery_date=delivery_date,
        parts=parts,
        unpaid=unpaid,
    )
    interest = state.interest_on(as_of)
    litigation = ZERO
    if rules.litigation_penalty_percent and litigation_on is not None and litigation_on <= as_of:
        litigation = percent_of(
            amount=_unpaid_on(principal_ttc, parts, litigation_on),
            percent=rules.litigation_penalty_percent,
        )
    collection_fee = ZERO
    if rules.collection_fee_percent:
        collection_fee = percent_of(
            amount=_unpaid_on(principal_ttc, parts, due_date),
            percent=rules.collection_fee_percent,
        )
    return PenaltyResult(
        late=True,
        days_late=days_late(due=due_date, paid=last_day),
        amount_due=unpaid,
        annual_rate=annual_rate,
        interest=interest,
        recovery_indemnity=round_cents(rules.recovery_indemnity or ZERO),
        collection_fee=collection_fee,
        litigation_penalty=litigation,
    )
