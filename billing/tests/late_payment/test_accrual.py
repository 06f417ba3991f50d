"""The daily accrual job: overdue marking, amounts as of the day, idempotence, bulk reads.

Amounts worked out by hand in comments (DOMAIN appendix rates; preset 000: 5 x the
French legal rate, 2025 H1 3.71 -> 18.55 %).
"""

from datetime import date
from decimal import Decimal as D

import pytest

from billing.models import FrenchLegalRate, InvoicePenalty
from billing.services.accrual import run_penalty_accrual
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms_000():
    return preset_terms("000")


def amounts(invoice, on):
    """The row's day (when its state was last computed) and its figures on `on`."""
    row = InvoicePenalty.objects.get(invoice=invoice)
    figures = row.amounts_on(on)
    return (row.as_of, figures.days_late, figures.interest, figures.recovery_indemnity)


def test_due_date_is_on_time_the_next_day_marks_the_invoice_overdue(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))  # due 31 March, TTC 1200.00
    assert invoice.due_date == date(2025, 3, 31)
    run_day(date(2025, 3, 31))
    assert not InvoicePenalty.objects.exists()
    run_day(date(2025, 4, 1))
    row = InvoicePenalty.objects.get(invoice=invoice)
    assert row.overdue_since == date(2025, 4, 1)
    # 1200.00 x 18.55 % x 1 / 365 = 0.6098 -> 0.61, and the EUR 40 indemnity
    assert amounts(invoice, date(2025, 4, 1)) == (date(2025, 4, 1), 1, D("0.61"), D("40.00"))


def test_a_day_gives_the_same_result_whichever_days_ran_before(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    run_day(date(2025, 4, 30))
    # 30 days: 1200 x 18.55 % x 30 / 365 = 6678 / 365 = 18.2959 -> 18.30
    assert amounts(invoice, date(2025, 4, 30)) == (date(2025, 4, 30), 30, D("18.30"), D("40.00"))
    run_day(date(2025, 4, 10))  # an earlier day replayed afterwards moves nothing back
    assert amounts(invoice, date(2025, 4, 30)) == (date(2025, 4, 30), 30, D("18.30"), D("40.00"))

    other = issue(customer(), terms_000, on=date(2025, 3, 1))
    for day in range(1, 31):
        run_penalty_accrual(as_of=date(2025, 4, day))
    # Computed on 1 April, the day it fell late; no event since: the same figures on 30 April.
    assert amounts(other, date(2025, 4, 30)) == (date(2025, 4, 1), 30, D("18.30"), D("40.00"))


def test_a_day_without_event_writes_nothing_and_the_figures_follow_the_day(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    pay(invoice, "200.00", on=date(2025, 4, 10))
    run_day(date(2025, 4, 15))
    before = InvoicePenalty.objects.values().get(invoice=invoice)
    assert run_penalty_accrual(as_of=date(2025, 4, 16)) == {"computed": 0, "rate_missing": 0}
    assert InvoicePenalty.objects.values().get(invoice=invoice) == before
    # 200 paid 10 days late; 1000 unpaid: 14 days on the 14th, 15 on the 15th, 16 on the 16th
    # (200 x 10 + 1000 x 14) x 18.55 % / 365 = 2968 / 365 = 8.1315 -> 8.13
    # (200 x 10 + 1000 x 15) x 18.55 % / 365 = 3153.50 / 365 = 8.6397 -> 8.64
    # (200 x 10 + 1000 x 16) x 18.55 % / 365 = 3339 / 365 = 9.1479 -> 9.15
    row = InvoicePenalty.objects.get(invoice=invoice)
    assert row.amounts_on(date(2025, 4, 14)).interest == D("8.64")  # never before its day
    assert row.amounts_on(date(2025, 4, 15)).interest == D("8.64")
    assert row.amounts_on(date(2025, 4, 16)).interest == D("9.15")
    assert row.amounts_on(date(2025, 4, 16)).days_late == 16


def test_a_rate_corrected_by_staff_recomputes_each_row_once(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    run_day(date(2025, 4, 1))
    rate = FrenchLegalRate.objects.get(year=2025, half=1)
    rate.rate = D("4.00")  # 3.71 corrected: 5 x 4.00 = 20 %
    rate.save()
    assert run_penalty_accrual(as_of=date(2025, 4, 2))["computed"] == 1
    assert run_penalty_accrual(as_of=date(2025, 4, 3))["computed"] == 0
    # 1200 x 20 % x 3 / 365 = 720 / 365 = 1.9726 -> 1.97
    assert amounts(invoice, date(2025, 4, 3)) == (date(2025, 4, 2), 3, D("1.97"), D("40.00"))


def test_running_a_day_twice_changes_nothing_more(terms_000, django_assert_num_queries):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    assert run_penalty_accrual(as_of=date(2025, 4, 15)) == {"computed": 1, "rate_missing": 0}
    before = InvoicePenalty.objects.values().get(invoice=invoice)
    # The second run finds nothing left to compute: the 3 rate tables and their last
    # changes, the first and last invoice ids, and the one window's statement between a
    # savepoint and its release.
    with django_assert_num_queries(10):
        assert run_penalty_accrual(as_of=date(2025, 4, 15)) == {"computed": 0, "rate_missing": 0}
    assert InvoicePenalty.objects.values().get(invoice=invoice) == before


def test_partial_then_full_payment_and_the_paid_invoice_is_left_alone(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    pay(invoice, "200.00", on=date(2025, 4, 10))
    run_day(date(2025, 4, 30))
    # (200 x 10 + 1000 x 30) x 18.55 % / 365 = 5936 / 365 = 16.2630 -> 16.26
    assert amounts(invoice, date(2025, 4, 30)) == (date(2025, 4, 30), 30, D("16.26"), D("40.00"))
    pay(invoice, "1000.00", on=date(2025, 5, 5))
    run_day(date(2025, 5, 10))
    # (200 x 10 + 1000 x 35) x 18.55 % / 365 = 6863.50 / 365 = 18.8041 -> 18.80;
    # days late count to the last payment (5 May: 35 days).
    assert amounts(invoice, date(2025, 5, 10)) == (date(2025, 5, 10), 35, D("18.80"), D("40.00"))
    run_day(date(2025, 5, 11))
    # Final: not recomputed, and paid, nothing more accrues.
    assert amounts(invoice, date(2025, 6, 30)) == (date(2025, 5, 10), 35, D("18.80"), D("40.00"))


def test_an_invoice_completed_by_a_back_dated_transfer_is_paid_on_its_last_part(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))  # due 31 March
    pay(invoice, "200.00", on=date(2025, 4, 10))
    pay(invoice, "1000.00", on=date(2025, 3, 28))  # a transfer of 28 March, entered after
    invoice.refresh_from_db()
    assert invoice.paid_on == date(2025, 4, 10)
    run_day(date(2025, 4, 15))
    # Only the 200.00 was late, 10 days: 200 x 18.55 % x 10 / 365 = 371 / 365 = 1.0164 -> 1.02
    assert amounts(invoice, date(2025, 4, 15)) == (date(2025, 4, 15), 10, D("1.02"), D("40.00"))


def test_paid_on_the_due_date_never_gets_a_penalty_row(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    pay(invoice, "1200.00", on=date(2025, 3, 31))
    run_day(date(2025, 4, 1))
    assert not InvoicePenalty.objects.filter(invoice=invoice).exists()


def test_a_missing_rate_stops_the_accrual_with_an_alert_until_staff_enter_it(terms_000):
    invoice = issue(customer(), terms_000, on=date(2026, 6, 15))  # due 15 July 2026 (H2)
    summary = run_penalty_accrual(as_of=date(2026, 7, 16))
    assert summary == {"computed": 1, "rate_missing": 1}
    row = InvoicePenalty.objects.get(invoice=invoice)
    assert (
        row.rate_missing_table,
        row.rate_missing_on,
        row.amounts_on(date(2026, 7, 16)).interest,
    ) == (
        "french_legal",
        date(2026, 7, 15),
        D("0.00"),
    )
    # Retried on the same day, still missing: recomputed, but the row is not rewritten.
    assert run_penalty_accrual(as_of=date(2026, 7, 16)) == {"computed": 1, "rate_missing": 1}
    assert InvoicePenalty.objects.get(invoice=invoice).updated_at == row.updated_at
    FrenchLegalRate.objects.create(year=2026, half=2, rate=D("2.50"))
    run_penalty_accrual(as_of=date(2026, 7, 16))
    row.refresh_from_db()
    # 2.50 x 5 = 12.50 %: 1200 x 12.5 % x 1 / 365 = 150 / 365 = 0.4110 -> 0.41
    assert (
        row.rate_missing_table,
        row.amounts_on(date(2026, 7, 16)).interest,
        row.recovery_indemnity,
    ) == (
        "",
        D("0.41"),
        D("40.00"),
    )


def test_chunks_cost_a_bounded_number_of_queries(terms_000, django_assert_num_queries):
    company = customer()
    invoices = [issue(company, terms_000, on=date(2025, 3, 1)) for _ in range(25)]
    # 3 rate tables and their last changes, the first and last invoice ids, and per window
    # of 10 ids (3 windows, the last open-ended) one statement finding, computing and
    # storing its invoices with an event, between a savepoint and its release.
    with django_assert_num_queries(3 + 3 + 1 + 3 * 3):
        run_penalty_accrual(as_of=date(2025, 4, 1), chunk_size=10)
    rows = InvoicePenalty.objects.filter(invoice__in=invoices)
    assert [row.amounts_on(date(2025, 4, 1)).interest for row in rows] == [D("0.61")] * 25


def test_a_payment_entered_after_the_days_run_is_taken_into_account_on_the_next(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    run_day(date(2025, 4, 30))
    pay(invoice, "1200.00", on=date(2025, 4, 10))  # a transfer of 10 April, entered late
    run_penalty_accrual(as_of=date(2025, 4, 30))
    # 10 days: 1200 x 18.55 % x 10 / 365 = 2226 / 365 = 6.0986 -> 6.10
    assert amounts(invoice, date(2025, 4, 30)) == (date(2025, 4, 30), 10, D("6.10"), D("40.00"))
