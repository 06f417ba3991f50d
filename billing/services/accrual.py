"""The daily accrual of late-payment penalties over every late invoice, in bulk.

`run_penalty_accrual(as_of=D)` marks overdue each invoice whose due date is before D
(`InvoicePenalty.overdue_since` = the day after it) and stores its penalties as of D,
recomputed from scratch (so the result for D depends on nothing but the invoices, their
settlements up to D and the rate tables). Chunks of invoices are read in id order and
each is computed and stored by one statement (`billing.penalties.set_based`, the
engine's rules in SQL): two queries per chunk whatever its size, and no invoice's data
travels to Python.

Concurrency: each chunk locks its invoices `FOR NO KEY UPDATE`, so a payment being
recorded is waited for, not missed; the upsert never moves a row back to an earlier day
and leaves waived penalties alone, so running a day twice, or twice at once, writes the
same values. Invoices already computed for D or later, and paid invoices computed after
their last payment, are skipped: a finished invoice costs nothing.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.db.models import F, Q

from billing.models import Invoice, InvoiceKind, InvoicePenalty, InvoiceSettlement, InvoiceStatus
from billing.penalties.set_based import accrual_statement, rates_by_half
from billing.selectors import rate_book_load
from shop.models import Terms

CHUNK_SIZE = 10000

_STATEMENT = accrual_statement(
    invoice_table=Invoice._meta.db_table,
    settlement_table=InvoiceSettlement._meta.db_table,
    terms_table=Terms._meta.db_table,
    penalty_table=InvoicePenalty._meta.db_table,
)


def late_invoices(*, as_of: date):
    """Invoices that may owe penalties on `as_of` and are not computed for it yet.

    A row still missing its rate is retried on every run (staff may have entered it), and
    so is one computed before a settlement was recorded (a transfer dated earlier but
    entered after the day's run): `amount_paid_seen` is what the invoice showed then.
    """
    return (
        Invoice.objects.filter(due_date__lt=as_of, issue_date__lte=as_of)
        .exclude(kind=InvoiceKind.PENALTY)
        .filter(Q(paid_on__isnull=True) | Q(paid_on__gt=F("due_date")))
        .exclude(
            penalty__as_of__gte=as_of,
            penalty__rate_missing_table="",
            penalty__amount_paid_seen=F("amount_paid"),
        )
        .exclude(penalty__waived_at__isnull=False)
        .exclude(
            status=InvoiceStatus.PAID,
            penalty__as_of__gte=F("paid_on"),
            penalty__amount_paid_seen=F("amount_paid"),
        )
    )


def run_penalty_accrual(*, as_of: date, chunk_size: int = CHUNK_SIZE) -> dict:
    """Accrue penalties of every late invoice as of `as_of` (the daily job).

    Effects: creates or updates `InvoicePenalty` rows; an invoice whose rate is missing
    keeps its previous amounts and carries the alert (`rate_missing_table`). Returns
    counts for the job record. Idempotent and safe to run concurrently (module docstring).
    """
    rates = rates_by_half(rate_book_load(), until=as_of)  # one snapshot for the whole run
    last_id = 0
    computed = missing = 0
    while True:
        with transaction.atomic():
            ids = list(
                late_invoices(as_of=as_of)
                .filter(id__gt=last_id)
                .order_by("id")
                .select_for_update(no_key=True, of=("self",))
                .values_list("id", flat=True)[:chunk_size]
            )
            if not ids:
                break
            last_id = ids[-1]
            missing += _accrue(ids, rates=rates, as_of=as_of)
        computed += len(ids)
    return {"computed": computed, "rate_missing": missing}


def penalties_recompute(*, invoice_ids: list[int], as_of: date) -> None:
    """Recompute these invoices' rows as of `as_of` now (after a staff action on them)."""
    with transaction.atomic():
        ids = list(
            Invoice.objects.filter(id__in=invoice_ids, due_date__lt=as_of)
            .order_by("id")
            .select_for_update(no_key=True)
            .values_list("id", flat=True)
        )
        if ids:
            _accrue(ids, rates=rates_by_half(rate_book_load(), until=as_of), as_of=as_of)


def _accrue(ids: list[int], *, rates: dict[str, list], as_of: date) -> int:
    """Compute and store the chunk in one statement; the number of rows missing a rate."""
    with connection.cursor() as cursor:
        cursor.execute(_STATEMENT, {**rates, "ids": ids, "as_of": as_of})
        return sum(1 for (table,) in cursor.fetchall() if table)
