"""Acceleration (001, 004): the first overdue invoice makes the company's others due."""

from datetime import date
from decimal import Decimal as D

import pytest

from billing.models import InvoicePenalty
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day

pytestmark = pytest.mark.django_db


def test_004_other_invoices_fall_due_the_day_after_the_first_one_is_late():
    terms = preset_terms("004")
    company = customer()
    first = issue(company, terms, on=date(2025, 1, 1))  # due 31 January
    second = issue(company, terms, on=date(2025, 1, 20))  # due 19 February
    neighbour = issue(customer(), terms, on=date(2025, 1, 20))

    run_day(date(2025, 1, 31))
    second.refresh_from_db()
    assert second.due_date == date(2025, 2, 19)

    run_day(date(2025, 2, 1))
    second.refresh_from_db()
    neighbour.refresh_from_db()
    assert (second.due_date, second.original_due_date) == (date(2025, 2, 1), date(2025, 2, 19))
    assert neighbour.due_date == date(2025, 2, 19)  # another company: untouched

    run_day(date(2025, 2, 2))
    # 3 x 3.71 = 11.13 % (due dates in 2025 H1); one month started for each:
    # 1200 x 11.13 % / 12 = 133.56 / 12 = 11.13, plus EUR 40 each.
    for invoice in (first, second):
        figures = InvoicePenalty.objects.get(invoice=invoice).amounts_on(date(2025, 2, 2))
        assert (figures.interest, figures.recovery_indemnity) == (D("11.13"), D("40.00"))
    assert InvoicePenalty.objects.get(invoice=second).overdue_since == date(2025, 2, 2)


def test_004_an_invoice_issued_later_is_due_on_its_issue_date_and_paid_ones_stay():
    terms = preset_terms("004")
    company = customer()
    issue(company, terms, on=date(2025, 1, 1))  # due 31 January, left unpaid
    paid = issue(company, terms, on=date(2025, 1, 15))  # due 14 February
    pay(paid, "1200.00", on=date(2025, 1, 20))
    run_day(date(2025, 2, 1))
    later = issue(company, terms, on=date(2025, 2, 10))  # due 12 March
    run_day(date(2025, 2, 10))
    paid.refresh_from_db()
    later.refresh_from_db()
    assert paid.due_date == date(2025, 2, 14)
    assert later.due_date == date(2025, 2, 10)


def test_000_has_no_acceleration():
    terms = preset_terms("000")
    company = customer()
    issue(company, terms, on=date(2025, 1, 1))
    second = issue(company, terms, on=date(2025, 1, 20))
    run_day(date(2025, 2, 5))
    second.refresh_from_db()
    assert second.due_date == date(2025, 2, 19)
