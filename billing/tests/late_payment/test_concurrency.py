"""The accrual, acceleration and suspension jobs run twice at once, and beside a payment."""

import threading
import time
from datetime import date
from decimal import Decimal as D

import pytest
from django.db import transaction

from billing.models import CompanyArrears, FrenchLegalRate, InvoicePenalty
from billing.services.acceleration import run_acceleration
from billing.services.accrual import run_penalty_accrual
from billing.services.arrears import run_arrears_suspension
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms
from tests.concurrency import run_together

DAY = date(2025, 4, 30)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_and_a_payment_write_what_one_run_writes():
    # The seeded rate a transactional test run before may have flushed (DOMAIN appendix).
    FrenchLegalRate.objects.get_or_create(year=2025, half=1, defaults={"rate": D("3.71")})
    terms = preset_terms("000")
    companies = [customer() for _ in range(3)]
    invoices = [issue(c, terms, on=date(2025, 3, 1)) for c in companies for _ in range(4)]
    paid_today = invoices[0]

    _results, errors = run_together(
        [
            lambda: run_penalty_accrual(as_of=DAY, chunk_size=3),
            lambda: run_penalty_accrual(as_of=DAY, chunk_size=5),
            lambda: pay(paid_today, "1200.00", on=date(2025, 4, 10)),
            lambda: run_arrears_suspension(as_of=DAY),
            lambda: run_arrears_suspension(as_of=DAY),
        ]
    )
    assert errors == []
    run_penalty_accrual(as_of=DAY)  # whatever the order above, a run after it settles the day
    rows = InvoicePenalty.objects.order_by("invoice_id")
    assert rows.count() == 12
    # Unpaid, 30 days: 1200 x 18.55 % x 30 / 365 = 6678 / 365 = 18.2959 -> 18.30
    assert {row.amounts_on(DAY).interest for row in rows if row.invoice_id != paid_today.pk} == {
        D("18.30")
    }
    # Paid 10 April, 10 days: 1200 x 18.55 % x 10 / 365 = 2226 / 365 = 6.0986 -> 6.10
    assert rows.get(invoice=paid_today).amounts_on(DAY).interest == D("6.10")
    assert CompanyArrears.objects.filter(suspended=True).count() == 3

    before = list(rows.values())
    _results, errors = run_together([lambda: run_penalty_accrual(as_of=DAY)] * 2)
    assert errors == []
    assert list(rows.values()) == before


@pytest.mark.django_db(transaction=True)
def test_two_accelerations_at_once_move_each_due_date_once():
    terms = preset_terms("004")
    company = customer()
    issue(company, terms, on=date(2025, 1, 1))
    others = [issue(company, terms, on=date(2025, 1, 20)) for _ in range(5)]
    results, errors = run_together([lambda: run_acceleration(as_of=date(2025, 2, 1))] * 2)
    assert errors == []
    assert sorted(r["accelerated"] for r in results) == [0, 5]
    for invoice in others:
        invoice.refresh_from_db()
        assert invoice.due_date == date(2025, 2, 1)


@pytest.mark.django_db(transaction=True)
def test_a_run_that_meets_rows_another_run_is_inserting_computes_its_window_again():
    FrenchLegalRate.objects.get_or_create(year=2025, half=1, defaults={"rate": D("3.71")})
    terms = preset_terms("000")
    invoices = [issue(customer(), terms, on=date(2025, 3, 1)) for _ in range(3)]
    first_inserted = threading.Event()

    def first():
        with transaction.atomic():  # its rows stay uncommitted while the second one runs
            run_penalty_accrual(as_of=DAY)
            first_inserted.set()
            time.sleep(1)  # the second run now waits on the unique invoice of these rows

    def second():
        assert first_inserted.wait(timeout=60)
        return run_penalty_accrual(as_of=DAY)

    results, errors = run_together([first, second])
    assert errors == []
    # The second run's insert failed once the first committed; its window ran again and
    # found the rows stored and current: nothing computed.
    assert {"computed": 0, "rate_missing": 0} in results
    rows = InvoicePenalty.objects.filter(invoice__in=invoices)
    # 30 days: 1200 x 18.55 % x 30 / 365 = 6678 / 365 = 18.2959 -> 18.30
    assert [row.amounts_on(DAY).interest for row in rows] == [D("18.30")] * 3
