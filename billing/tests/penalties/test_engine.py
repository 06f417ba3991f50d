"""The penalty engine under each preset, at the boundaries, with amounts worked out by hand.

Rates are DOMAIN's appendix (rate_book.py). Each expected amount is computed in the
comment above it: interest = unpaid TTC x annual rate x days / 365, rounded half-up to
the cent once per invoice.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from billing.penalties import PenaltyRules, RateBook, RateMissing, Settlement, penalties_compute
from billing.tests.penalties.rate_book import APPENDIX_RATES
from shop.models import Terms
from shop.presets import preset_get


def rules_of(code: str) -> PenaltyRules:
    return PenaltyRules.from_terms(SimpleNamespace(**preset_get(code).terms))


DEFAULT_RULES = PenaltyRules.from_terms(Terms())  # the "default" column: ECB + 10, EUR 40


def compute(rules, *, principal, due, as_of, paid=(), delivery=None, litigation_on=None):
    return penalties_compute(
        rules=rules,
        principal_ttc=D(principal),
        due_date=due,
        delivery_date=delivery,
        settlements=[Settlement(on=on, amount=D(amount)) for on, amount in paid],
        as_of=as_of,
        rates=APPENDIX_RATES,
        litigation_on=litigation_on,
    )


# --- 000: 5 x the French legal rate, EUR 40, 10% litigation clause -------------------------


def test_000_paid_on_the_due_date_owes_nothing():
    result = compute(
        rules_of("000"),
        principal="1200.00",
        due=date(2025, 3, 31),
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 3, 31), "1200.00")],
    )
    assert (result.late, result.days_late, result.interest) == (False, 0, D("0.00"))
    assert result.recovery_indemnity == D("0.00")


def test_000_paid_the_next_day_is_one_day_late():
    # 2025 H1 legal rate 3.71 x 5 = 18.55 %; 1200.00 x 18.55 % x 1 / 365 = 222.60 / 365
    # = 0.6098... -> 0.61; plus the EUR 40 indemnity.
    result = compute(
        rules_of("000"),
        principal="1200.00",
        due=date(2025, 3, 31),
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 4, 1), "1200.00")],
    )
    assert result.annual_rate == D("18.55")
    assert (result.days_late, result.interest, result.recovery_indemnity) == (
        1,
        D("0.61"),
        D("40.00"),
    )


def test_000_rate_is_the_one_in_force_on_the_due_date_across_a_half_year_change():
    # Due 30 June 2025 (H1: 3.71 x 5 = 18.55 %), 10 days: 1200 x 18.55 % x 10 / 365
    # = 2226 / 365 = 6.0986 -> 6.10, though the interest runs in H2.
    h1 = compute(
        rules_of("000"), principal="1200.00", due=date(2025, 6, 30), as_of=date(2025, 7, 10)
    )
    # Due 1 July 2025 (H2: 2.76 x 5 = 13.80 %), 10 days: 1200 x 13.80 % x 10 / 365
    # = 1656 / 365 = 4.5370 -> 4.54.
    h2 = compute(
        rules_of("000"), principal="1200.00", due=date(2025, 7, 1), as_of=date(2025, 7, 11)
    )
    assert (h1.annual_rate, h1.days_late, h1.interest) == (D("18.55"), 10, D("6.10"))
    assert (h2.annual_rate, h2.days_late, h2.interest) == (D("13.80"), 10, D("4.54"))


def test_000_partial_payment_stops_interest_on_its_part_from_its_date():
    # 200.00 paid 10 days late, 1000.00 still unpaid 30 days after the due date:
    # (200 x 10 + 1000 x 30) x 18.55 % / 365 = 32000 x 0.1855 / 365 = 5936 / 365
    # = 16.2630 -> 16.26
    result = compute(
        rules_of("000"),
        principal="1200.00",
        due=date(2025, 3, 31),
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 4, 10), "200.00")],
    )
    assert (result.amount_due, result.days_late, result.interest) == (D("1000.00"), 30, D("16.26"))


def test_000_litigation_clause_from_the_day_staff_send_the_debt_to_collection():
    # 10 % of the 1000.00 unpaid on 20 April (200.00 were paid on 10 April) = 100.00
    kwargs = dict(
        principal="1200.00",
        due=date(2025, 3, 31),
        paid=[(date(2025, 4, 10), "200.00")],
        litigation_on=date(2025, 4, 20),
    )
    before = compute(rules_of("000"), as_of=date(2025, 4, 19), **kwargs)
    on_the_day = compute(rules_of("000"), as_of=date(2025, 4, 20), **kwargs)
    assert before.litigation_penalty == D("0.00")
    assert on_the_day.litigation_penalty == D("100.00")


def test_settlements_after_as_of_are_not_known_yet():
    # As of 5 April the 10 April payment has not happened: 1200 x 18.55 % x 5 / 365
    # = 1113 / 365 = 3.0493 -> 3.05
    result = compute(
        rules_of("000"),
        principal="1200.00",
        due=date(2025, 3, 31),
        as_of=date(2025, 4, 5),
        paid=[(date(2025, 4, 10), "1200.00")],
    )
    assert (result.amount_due, result.interest) == (D("1200.00"), D("3.05"))


# --- 001: 2.5 % of the TTC per day from the 31st day after delivery, EUR 40 ------------------


def test_001_day_30_after_delivery_is_free_day_31_costs_one_day():
    delivered = date(2025, 3, 1)
    due = date(2025, 3, 31)  # 30 days from delivery
    day_30 = compute(
        rules_of("001"),
        principal="1000.00",
        due=due,
        delivery=delivered,
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 3, 31), "1000.00")],
    )
    # Day 31 (1 April): 1000.00 x 2.5 % x 1 = 25.00, plus EUR 40.
    day_31 = compute(
        rules_of("001"),
        principal="1000.00",
        due=due,
        delivery=delivered,
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 4, 1), "1000.00")],
    )
    assert (day_30.late, day_30.interest, day_30.recovery_indemnity) == (
        False,
        D("0.00"),
        D("0.00"),
    )
    assert (day_31.days_late, day_31.interest, day_31.recovery_indemnity) == (
        1,
        D("25.00"),
        D("40.00"),
    )


def test_001_due_before_day_31_is_late_but_bears_no_daily_penalty_before_day_31():
    # Due 20 March, delivered 1 March: paid 31 March (day 30) is 11 days late, the
    # indemnity is due, the daily penalty not yet; paid 1 April: 1 day x 2.5 % x 1000 = 25.00.
    args = dict(principal="1000.00", due=date(2025, 3, 20), delivery=date(2025, 3, 1))
    day_30 = compute(rules_of("001"), as_of=date(2025, 3, 31), **args)
    day_31 = compute(rules_of("001"), as_of=date(2025, 4, 1), **args)
    assert (day_30.days_late, day_30.interest, day_30.recovery_indemnity) == (
        11,
        D("0.00"),
        D("40.00"),
    )
    assert day_31.interest == D("25.00")


def test_001_partial_payment_under_the_daily_rate():
    # 400.00 paid 2 April (2 days), 600.00 unpaid on 5 April (5 days):
    # 400 x 2 x 2.5 % + 600 x 5 x 2.5 % = 20.00 + 75.00 = 95.00
    result = compute(
        rules_of("001"),
        principal="1000.00",
        due=date(2025, 3, 31),
        delivery=date(2025, 3, 1),
        as_of=date(2025, 4, 5),
        paid=[(date(2025, 4, 2), "400.00")],
    )
    assert (result.annual_rate, result.interest) == (None, D("95.00"))


# --- 002: Belgian commercial rate, EUR 40 -----------------------------------------------------


def test_002_one_day_late_on_either_side_of_the_half_year():
    # Due 30 June 2025 (H1 11.5 %): 1210.00 x 11.5 % / 365 = 139.15 / 365 = 0.3812 -> 0.38
    h1 = compute(
        rules_of("002"), principal="1210.00", due=date(2025, 6, 30), as_of=date(2025, 7, 1)
    )
    # Due 1 July 2025 (H2 10.5 %): 1210.00 x 10.5 % / 365 = 127.05 / 365 = 0.3481 -> 0.35
    h2 = compute(rules_of("002"), principal="1210.00", due=date(2025, 7, 1), as_of=date(2025, 7, 2))
    assert (h1.annual_rate, h1.interest, h1.recovery_indemnity) == (
        D("11.5"),
        D("0.38"),
        D("40.00"),
    )
    assert (h2.annual_rate, h2.interest) == (D("10.5"), D("0.35"))


# --- 003: Belgian commercial rate, 15 % collection fee instead of the EUR 40 ------------------


def test_003_interest_and_collection_fee_on_the_principal_that_fell_late():
    # 500.00 paid before the due date, 710.00 fell late. 30 days at 11.5 % (H1 2025):
    # 710 x 11.5 % x 30 / 365 = 2449.50 / 365 = 6.7110 -> 6.71; fee 15 % x 710 = 106.50
    result = compute(
        rules_of("003"),
        principal="1210.00",
        due=date(2025, 3, 31),
        as_of=date(2025, 4, 30),
        paid=[(date(2025, 3, 20), "500.00")],
    )
    assert (result.interest, result.collection_fee, result.recovery_indemnity) == (
        D("6.71"),
        D("106.50"),
        D("0.00"),
    )


def test_003_on_time_owes_no_fee():
    result = compute(
        rules_of("003"), principal="1210.00", due=date(2025, 3, 31), as_of=date(2025, 3, 31)
    )
    assert (result.late, result.collection_fee) == (False, D("0.00"))


# --- 004: 3 x the French legal rate, any month started due in full, EUR 40, 10 % clause -------


def test_004_any_month_started_counts_a_twelfth_of_the_annual_rate():
    # Due 31 January 2025: 3.71 x 3 = 11.13 %; one month: 1000 x 11.13 % / 12
    # = 111.30 / 12 = 9.275 -> 9.28 (half-up). 1 Feb and 28 Feb are the first month
    # started; 1 March starts the second: 2 x 9.275 = 18.55.
    rules = rules_of("004")
    args = dict(principal="1000.00", due=date(2025, 1, 31))
    first_day = compute(rules, as_of=date(2025, 2, 1), **args)
    month_end = compute(rules, as_of=date(2025, 2, 28), **args)
    second = compute(rules, as_of=date(2025, 3, 1), **args)
    on_time = compute(rules, as_of=date(2025, 1, 31), **args)
    assert on_time.interest == D("0.00")
    assert (first_day.annual_rate, first_day.interest) == (D("11.13"), D("9.28"))
    assert month_end.interest == D("9.28")
    assert second.interest == D("18.55")
    assert second.recovery_indemnity == D("40.00")


def test_004_litigation_clause_on_the_sums_due():
    # 10 % of 1000.00 = 100.00
    result = compute(
        rules_of("004"),
        principal="1000.00",
        due=date(2025, 1, 31),
        as_of=date(2025, 3, 1),
        litigation_on=date(2025, 3, 1),
    )
    assert result.litigation_penalty == D("100.00")
    # 18.55 interest + 40.00 indemnity + 100.00 clause
    assert result.total == D("158.55")


# --- default column: ECB rate in force on 1 January / 1 July + 10 points ----------------------


def test_default_ecb_rate_of_the_half_year_start_plus_ten_points():
    # Due 15 March 2025: ECB on 1 January 2025 was 3.15 (from 18 Dec 2024), not the 2.65
    # of 12 March: 13.15 %; 10 days: 1000 x 13.15 % x 10 / 365 = 1315 / 365 = 3.6027 -> 3.60
    h1 = compute(DEFAULT_RULES, principal="1000.00", due=date(2025, 3, 15), as_of=date(2025, 3, 25))
    # Due 10 July 2025: ECB on 1 July 2025 was 2.15: 12.15 %; 1215 / 365 = 3.3287 -> 3.33
    h2 = compute(DEFAULT_RULES, principal="1000.00", due=date(2025, 7, 10), as_of=date(2025, 7, 20))
    assert (h1.annual_rate, h1.interest, h1.recovery_indemnity) == (
        D("13.15"),
        D("3.60"),
        D("40.00"),
    )
    assert (h2.annual_rate, h2.interest) == (D("12.15"), D("3.33"))


# --- a missing rate is an error, never a zero -------------------------------------------------


def test_missing_half_year_raises_for_a_late_invoice():
    # 2026 H2 is "to be entered by staff".
    with pytest.raises(RateMissing) as error:
        compute(rules_of("000"), principal="100.00", due=date(2026, 7, 15), as_of=date(2026, 7, 16))
    assert error.value.code == "penalty_rate_missing"
    assert "15/07/2026" in error.value.message


def test_missing_rate_does_not_matter_before_the_invoice_is_late():
    result = compute(
        rules_of("000"), principal="100.00", due=date(2026, 7, 15), as_of=date(2026, 7, 15)
    )
    assert result.interest == D("0.00")


def test_ecb_rate_before_the_first_row_is_missing():
    rates = RateBook.build(
        french_legal={}, belgian_commercial={}, ecb=[(date(2025, 6, 11), D("2.15"))]
    )
    with pytest.raises(RateMissing):
        rates.french_statutory_rate(date(2025, 3, 1))  # needs the rate of 1 January 2025


def test_a_multiple_without_its_multiplier_is_refused_not_zero():
    with pytest.raises(ValueError):
        compute(
            replace(rules_of("000"), multiplier=None),
            principal="100.00",
            due=date(2025, 3, 31),
            as_of=date(2025, 4, 1),
        )
