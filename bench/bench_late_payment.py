"""The daily accrual over 10,000 and 100,000 open invoices with partial payments, against
one set-based SQL statement computing the same interest (the floor).

The "ratio to the floor" column is the SQL statement's median over the accrual's: the
goal is at least 0.33 (the accrual within 3x of the statement), the same ratio at 10k and
100k (linear), and a query count per run that grows with the windows, never per invoice.
Sizes: BENCH_LATE_SIZES (default "10000,100000"). Rows per size:

- a new day: the daily run, every invoice late with its partial payment already known
  (no event: nothing is computed nor written);
- the day's interest of every invoice read from the stored states (what a report of the
  day costs on top of the run; `_check` compares these figures with the statement's);
- every invoice paid in part that day: every row is locked, computed and rewritten (the
  most a day can cost: a corrected rate costs the same);
- every row inserted, as on a day all the invoices fall late;
- the same day replayed (no floor: there is no statement to compare with).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.harness import Result, p95
from billing.models import (
    Invoice,
    InvoicePenalty,
    InvoiceSettlement,
    InvoiceStatus,
)
from billing.services.accrual import CHUNK_SIZE, run_penalty_accrual
from billing.services.invoices import invoice_issue
from billing.tests.factories import company_on_deferred_term, line
from core.audit import Actor
from demo.seller import demo_identity_complete
from shop.models import Terms
from shop.models.terms_choices import TermsStatus
from shop.selectors import seller_get_current
from shop.services.presets import seller_preset_load

FIRST_DAY = date(2025, 5, 1)  # 31 days after the due date of 31 March 2025 (H1: 18.55 %)
RUNS = 3

# Interest under preset 000 as one statement: the same formula, the same rounding.
SET_BASED = """
    CREATE TEMP TABLE bench_accrual ON COMMIT DROP AS
    SELECT i.id,
        ROUND(((COALESCE(SUM(s.amount * GREATEST(s."on" - i.due_date, 0)), 0)
            + (i.total_ttc - COALESCE(SUM(s.amount), 0)) * (%(as_of)s::date - i.due_date))
            * 18.55 / 100 / 365)::numeric, 2) AS interest
    FROM billing_invoice i
    LEFT JOIN billing_invoicesettlement s ON s.invoice_id = i.id AND s."on" <= %(as_of)s
    WHERE i.number LIKE 'BENCH-%%' AND i.due_date < %(as_of)s
    GROUP BY i.id
"""


def _invoices(count: int) -> None:
    """`count` copies of one issued invoice of 1200.00 TTC due 31 March 2025; every other
    one with a partial payment of 200.00 on 10 April."""
    seller = seller_get_current() or seller_preset_load(code="000", complete=demo_identity_complete)
    terms = Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED).latest("version")
    model = invoice_issue(
        company=company_on_deferred_term(days=30),
        terms=terms,
        lines=[line("1000.00")],
        issue_date=date(2025, 3, 1),
        actor=Actor.of_job("bench"),
    )
    values = {
        field.attname: getattr(model, field.attname)
        for field in Invoice._meta.concrete_fields
        if field.attname not in ("id", "number", "pdf_id")
    }
    start = Invoice.objects.filter(number__startswith="BENCH-").count()
    for offset in range(start, start + count, 5000):
        batch = [
            Invoice(
                **{
                    **values,
                    "number": f"BENCH-{n:07d}",
                    "amount_paid": Decimal("200.00") if n % 2 else Decimal("0.00"),
                    "status": InvoiceStatus.PARTIALLY_PAID if n % 2 else InvoiceStatus.ISSUED,
                }
            )
            for n in range(offset, min(offset + 5000, start + count))
        ]
        created = Invoice.objects.bulk_create(batch)
        InvoiceSettlement.objects.bulk_create(
            InvoiceSettlement(
                invoice=invoice,
                amount=Decimal("200.00"),
                on=date(2025, 4, 10),
                source="payment",
                source_id=invoice.pk,
                recorded_by="bench",
            )
            for invoice in created
            if invoice.amount_paid
        )


def _analyze() -> None:
    """Table statistics after the bulk load, as autovacuum would gather them in production
    (it is off on the development server); the accrual and the floor plan with the same."""
    with connection.cursor() as cursor:
        for model in (Invoice, InvoiceSettlement, InvoicePenalty):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def _set_based(as_of: date) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SET_BASED, {"as_of": as_of})


# Every invoice's interest on a day read from the stored states, into a table like the
# floor's (`InterestState.interest_on` in SQL; preset 000 counts days at an annual rate).
FROM_STATES = """
    CREATE TEMP TABLE bench_from_states ON COMMIT DROP AS
    SELECT invoice_id AS id, ROUND((interest_closed + unpaid
        * GREATEST(%(as_of)s::date - interest_start, 0)) * interest_rate / 36500, 2) AS interest
    FROM billing_invoicepenalty WHERE interest_unit = 'days'
"""


def _from_states(as_of: date) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(FROM_STATES, {"as_of": as_of})


def _check(as_of: date) -> None:
    """The stored states give, on `as_of`, the statement's interest for every invoice."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SET_BASED, {"as_of": as_of})
        cursor.execute(FROM_STATES, {"as_of": as_of})
        cursor.execute(
            "SELECT count(*) FROM bench_accrual b LEFT JOIN bench_from_states f "
            "ON f.id = b.id WHERE f.interest IS DISTINCT FROM b.interest"
        )
        (differences,) = cursor.fetchone()
    if differences:
        raise AssertionError(f"{differences} invoices differ from the set-based statement")


def _against_floor(name: str, days: list[date], before_each) -> Result:
    """Time the accrual on each of `days` (after `before_each(day)`, untimed) and the
    statement on the same day, alternately."""
    accrual, floor, queries = [], [], 0
    for day in days:
        before_each(day)
        with CaptureQueriesContext(connection) as captured:
            accrual.append(_timed(lambda: run_penalty_accrual(as_of=day)))  # noqa: B023
        queries = len(captured)
        floor.append(_timed(lambda: _set_based(day)))  # noqa: B023
        _check(day)
    return Result(
        name,
        len(days),
        statistics.median(accrual),
        p95(accrual),
        queries,
        statistics.median(floor),
        1,
    )


def _paid_in_part(day: date) -> None:
    """Every invoice receives a payment of 1.00 on `day` (a settlement and the invoice's
    amount paid, as `invoice_settle` records them): each has an event to compute."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {InvoiceSettlement._meta.db_table} "
            '(invoice_id, amount, "on", source, source_id, recorded_at, recorded_by) '
            "SELECT id, 1.00, %s, 'payment', id, now(), 'bench' "
            f"FROM {Invoice._meta.db_table} WHERE number LIKE 'BENCH-%%'",
            [day],
        )
        cursor.execute(
            f"UPDATE {Invoice._meta.db_table} SET amount_paid = amount_paid + 1.00 "
            "WHERE number LIKE 'BENCH-%%'"
        )


def _rows_removed(_day: date) -> None:
    """No penalty row, as before the first day late (emptied, not deleted row by row: no
    dead rows left for the inserts to step over)."""
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {InvoicePenalty._meta.db_table}")


def _nothing(_day: date) -> None:
    return None


def run() -> list[Result]:
    sizes = [int(size) for size in os.environ.get("BENCH_LATE_SIZES", "10000,100000").split(",")]
    results = []
    total = 0
    day = FIRST_DAY
    for size in sizes:
        _invoices(size - total)
        _analyze()
        total = size
        name = f"penalty accrual, {size} open invoices (windows of {CHUNK_SIZE})"
        run_penalty_accrual(as_of=day)  # every invoice late and computed once
        days = [day + timedelta(days=n) for n in range(1, RUNS + 1)]
        results.append(_against_floor(f"{name}, a new day", days, _nothing))
        reads, floor = [], []
        for read_day in days:
            reads.append(_timed(lambda: _from_states(read_day)))  # noqa: B023
            floor.append(_timed(lambda: _set_based(read_day)))  # noqa: B023
        results.append(
            Result(
                f"{size} open invoices: the day's interest of each read from the stored states",
                RUNS,
                statistics.median(reads),
                p95(reads),
                1,
                statistics.median(floor),
                1,
            )
        )
        day = days[-1]
        results.append(
            _against_floor(
                f"{name}, every invoice paid in part that day", [day] * RUNS, _paid_in_part
            )
        )
        results.append(
            _against_floor(
                f"{name}, every row inserted (as when all fall late)", [day] * RUNS, _rows_removed
            )
        )
        replay = [_timed(lambda: run_penalty_accrual(as_of=day)) for _ in range(RUNS)]  # noqa: B023
        with CaptureQueriesContext(connection) as captured:
            run_penalty_accrual(as_of=day)
        _check(day)
        results.append(
            Result(
                f"{name}, the same day replayed",
                RUNS,
                statistics.median(replay),
                p95(replay),
                len(captured),
            )
        )
    InvoicePenalty.objects.all().delete()
    return results
