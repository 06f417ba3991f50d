"""The daily accrual of late-payment penalties over every late invoice, in bulk.

`run_penalty_accrual(as_of=D)` marks overdue each invoice whose due date is before D
(`InvoicePenalty.overdue_since` = the day after it) and stores its penalties as of D,
recomputed from scratch by `billing.penalties` (so the result for D depends on nothing
but the invoices, their settlements up to D and the rate tables). Chunks of invoices
are read in id order with a fixed number of queries each (invoices, settlements, terms
not seen yet, existing rows, one upsert), never a query per invoice.

Concurrency: each chunk locks its invoices `FOR NO KEY UPDATE`, so a payment being
recorded is waited for, not missed; the upsert never moves a row back to an earlier day
and leaves waived penalties alone, so running a day twice, or twice at once, writes the
same values. Invoices already computed for D or later, and paid invoices computed after
their last payment, are skipped: a finished invoice costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F, Q

from billing.models import Invoice, InvoiceKind, InvoicePenalty, InvoiceStatus
from billing.penalties import RateMissing
from billing.selectors import PENALTY_INVOICE_FIELDS, PenaltyBatch, rate_book_load
from core.calendar import add_days

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class _Row:
    """One upserted `InvoicePenalty` row."""

    invoice_id: int
    amount_paid_seen: Decimal
    overdue_since: date
    days_late: int
    annual_rate: Decimal | None
    interest: Decimal
    recovery_indemnity: Decimal
    collection_fee: Decimal
    litigation_penalty: Decimal
    rate_missing_table: str = ""
    rate_missing_on: date | None = None


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
    batch = PenaltyBatch(rates=rate_book_load())
    last_id = 0
    computed = missing = 0
    while True:
        with transaction.atomic():
            chunk = list(
                late_invoices(as_of=as_of)
                .filter(id__gt=last_id)
                .order_by("id")
                .select_for_update(no_key=True, of=("self",))
                .values(*PENALTY_INVOICE_FIELDS)[:chunk_size]
            )
            if not chunk:
                break
            last_id = chunk[-1]["id"]
            rows = _accrue(chunk, batch=batch, as_of=as_of)
        computed += len(rows)
        missing += sum(1 for row in rows if row.rate_missing_table)
    return {"computed": computed, "rate_missing": missing}


def penalties_recompute(*, invoice_ids: list[int], as_of: date) -> None:
    """Recompute these invoices' rows as of `as_of` now (after a staff action on them)."""
    with transaction.atomic():
        chunk = list(
            Invoice.objects.filter(id__in=invoice_ids, due_date__lt=as_of)
            .order_by("id")
            .select_for_update(no_key=True)
            .values(*PENALTY_INVOICE_FIELDS)
        )
        if chunk:
            _accrue(chunk, batch=PenaltyBatch(rates=rate_book_load()), as_of=as_of)


def _accrue(chunk: list[dict], *, batch: PenaltyBatch, as_of: date) -> list[_Row]:
    results = batch.compute(chunk, as_of=as_of)
    missing_ids = [i["id"] for i in chunk if isinstance(results[i["id"]], RateMissing)]
    previous = {
        row["invoice_id"]: row
        for row in InvoicePenalty.objects.filter(invoice_id__in=missing_ids).values()
    }
    rows = [_row(invoice, results[invoice["id"]], previous, as_of) for invoice in chunk]
    _upsert(rows, as_of=as_of)
    return rows


def _row(invoice: dict, result, previous: dict, as_of: date) -> _Row:
    """The stored row: the result, or the previous amounts with the missing rate's alert."""
    common = {
        "invoice_id": invoice["id"],
        "amount_paid_seen": invoice["amount_paid"],
        "overdue_since": add_days(invoice["due_date"], 1),
    }
    if isinstance(result, RateMissing):
        before = previous.get(invoice["id"], {})
        zero = Decimal("0.00")
        return _Row(
            **common,
            days_late=(as_of - invoice["due_date"]).days,
            annual_rate=before.get("annual_rate"),
            interest=before.get("interest", zero),
            recovery_indemnity=before.get("recovery_indemnity", zero),
            collection_fee=before.get("collection_fee", zero),
            litigation_penalty=before.get("litigation_penalty", zero),
            rate_missing_table=result.table,
            rate_missing_on=result.on,
        )
    return _Row(
        **common,
        days_late=result.days_late,
        annual_rate=result.annual_rate,
        interest=result.interest,
        recovery_indemnity=result.recovery_indemnity,
        collection_fee=result.collection_fee,
        litigation_penalty=result.litigation_penalty,
    )


_BILLED = (
    "billed_interest",
    "billed_recovery_indemnity",
    "billed_collection_fee",
    "billed_litigation_penalty",
)
_COLUMNS = (
    ("invoice_id", "bigint"),
    ("amount_paid_seen", "numeric"),
    ("overdue_since", "date"),
    ("days_late", "integer"),
    ("annual_rate", "numeric"),
    ("interest", "numeric"),
    ("recovery_indemnity", "numeric"),
    ("collection_fee", "numeric"),
    ("litigation_penalty", "numeric"),
    ("rate_missing_table", "text"),
    ("rate_missing_on", "date"),
)


def _upsert(rows: list[_Row], *, as_of: date) -> None:
    """One statement: insert new rows, update older ones, never go back to an earlier day."""
    table = InvoicePenalty._meta.db_table
    names = [name for name, _type in _COLUMNS]
    arrays = ", ".join(f"%s::{sql_type}[]" for _name, sql_type in _COLUMNS)
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in names[1:])
    sql = f"""
        INSERT INTO {table} ({", ".join(names)}, as_of, {", ".join(_BILLED)}, waiver_reason,
            updated_at)
        SELECT *, %s::date, {", ".join("0" for _name in _BILLED)}, '', now() FROM unnest({arrays})
        ON CONFLICT (invoice_id) DO UPDATE SET {updates}, as_of = EXCLUDED.as_of,
            updated_at = EXCLUDED.updated_at
        WHERE {table}.as_of <= EXCLUDED.as_of AND {table}.waived_at IS NULL
    """  # noqa: S608 (identifiers are ours; values are parameters)
    params = [as_of] + [[getattr(row, name) for row in rows] for name in names]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
