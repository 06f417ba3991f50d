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


def amounts(invoice):
    row = InvoicePenalty.objects.get(invoice=invoice)
    return (row.as_of, row.days_late, row.interest, row.recovery_indemnity)


def test_due_date_is_on_time_the_next_day_marks_the_invoice_overdue(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))  # due 31 March, TTC 1200.00
    assert invoice.due_date == date(2025, 3, 31)
    run_day(date(2025, 3, 31))
    assert not InvoicePenalty.objects.exists()
    run_day(date(2025, 4, 1))
    row = InvoicePenalty.objects.get(invoice=invoice)
    assert row.overdue_since == date(2025, 4, 1)
    # 1200.00 x 18.55 % x 1 / 365 = 0.6098 -> 0.61, and the EUR 40 indemnity
    assert amounts(invoice) == (date(2025, 4, 1), 1, D("0.61"), D("40.00"))


def test_a_day_gives_the_same_result_whichever_days_ran_before(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    run_day(date(2025, 4, 30))
    # 30 days: 1200 x 18.55 % x 30 / 365 = 6678 / 365 = 18.2959 -> 18.30
    assert amounts(invoice) == (date(2025, 4, 30), 30, D("18.30"), D("40.00"))
    run_day(date(2025, 4, 10))  # an earlier day replayed afterwards moves nothing back
    assert amounts(invoice) == (date(2025, 4, 30), 30, D("18.30"), D("40.00"))

    other = issue(customer(), terms_000, on=date(2025, 3, 1))
    for day in range(1, 31):
        run_penalty_accrual(as_of=date(2025, 4, day))
    assert amounts(other)[1:] == (30, D("18.30"), D("40.00"))


def test_running_a_day_twice_changes_nothing_more(terms_000, django_assert_num_queries):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    assert run_penalty_accrual(as_of=date(2025, 4, 15)) == {"computed": 1, "rate_missing": 0}
    before = InvoicePenalty.objects.values().get(invoice=invoice)
    # The second run finds nothing left to compute: the 3 rate tables, the first and last
    # invoice ids, and the one window's empty select between a savepoint and its release.
    with django_assert_num_queries(7):
        assert run_penalty_accrual(as_of=date(2025, 4, 15)) == {"computed": 0, "rate_missing": 0}
    assert InvoicePenalty.objects.values().get(invoice=invoice) == before


def test_partial_then_full_payment_and_the_paid_invoice_is_left_alone(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    pay(invoice, "200.00", on=date(2025, 4, 10))
    run_day(date(2025, 4, 30))
    # (200 x 10 + 1000 x 30) x 18.55 % / 365 = 5936 / 365 = 16.2630 -> 16.26
    assert amounts(invoice) == (date(2025, 4, 30), 30, D("16.26"), D("40.00"))
    pay(invoice, "1000.00", on=date(2025, 5, 5))
    run_day(date(2025, 5, 10))
    # (200 x 10 + 1000 x 35) x 18.55 % / 365 = 6863.50 / 365 = 18.8041 -> 18.80;
    # days late count to the last payment (5 May: 35 days).
    assert amounts(invoice) == (date(2025, 5, 10), 35, D("18.80"), D("40.00"))
    run_day(date(2025, 5, 11))
    assert amounts(invoice)[0] == date(2025, 5, 10)  # final: not recomputed


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
    assert (row.rate_missing_table, row.rate_missing_on, row.interest) == (
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
    assert (row.rate_missing_table, row.interest, row.recovery_indemnity) == (
        "",
        D("0.41"),
        D("40.00"),
    )


def test_chunks_cost_a_bounded_number_of_queries(terms_000, django_assert_max_num_queries):
    company = customer()
    invoices = [issue(company, terms_000, on=date(2025, 3, 1)) for _ in range(25)]
    # 3 rate tables, the first and last invoice ids, and per window of 10 ids (3 windows,
    # the last open-ended): the lock of its late invoices, the statement computing and
    # storing them, and the savepoint and its release around them.
    with django_assert_max_num_queries(3 + 1 + 3 * 4):
        run_penalty_accrual(as_of=date(2025, 4, 1), chunk_size=10)
    assert InvoicePenalty.objects.filter(invoice__in=invoices, interest=D("0.61")).count() == 25


def test_a_payment_entered_after_the_days_run_is_taken_into_account_on_the_next(terms_000):
    invoice = issue(customer(), terms_000, on=date(2025, 3, 1))
    run_day(date(2025, 4, 30))
    pay(invoice, "1200.00", on=date(2025, 4, 10))  # a transfer of 10 April, entered late
    run_penalty_accrual(as_of=date(2025, 4, 30))
    # 10 days: 1200 x 18.55 % x 10 / 365 = 2226 / 365 = 6.0986 -> 6.10
    assert amounts(invoice) == (date(2025, 4, 30), 10, D("6.10"), D("40.00"))
