"""The daily accrual of late-payment penalties over every late invoice, in bulk.

`run_penalty_accrual(as_of=D)` marks overdue each invoice whose due date is before D
(`InvoicePenalty.overdue_since` = the day after it) and stores its interest state and
fixed amounts as of D, recomputed from scratch (so the result for D depends on nothing
but the invoices, their settlements up to D and the rate tables). The state changes only
on events (the invoice falls due or its due date moves, a settlement, a rate entered or
corrected, the litigation), and the amounts of a later day are computed from it on
reading (`InvoicePenalty.amounts_on`): a day without event computes and writes nothing.

Invoices are taken in windows of consecutive ids; one statement per window
(`billing.penalties.set_based`, the engine's rules in SQL) finds the invoices with an
event, computes and stores them, reading every table by the window's id range: one query
per window whatever its size, the same cost for each window however many came before,
and no invoice's data travels to Python. An invoice whose row is current costs a read of
its row.

Events: the invoice fell due or its due date moved (acceleration: `overdue_since`); a
settlement (`amount_paid_seen`, the settlements known on the row's day, differs from the
invoice's `amount_paid`: a new one, one dated earlier but entered after the day's run, or
one dated after the row's day); a rate still missing (staff may have entered it); a rate
table changed since the row was computed (`rates_version`). Staff actions (litigation,
billing the penalties) recompute their invoice themselves (`penalties_recompute`).

Concurrency: nothing is locked. A row is written only if no other writer changed it since
the statement's snapshot, so a run never overwrites a fresher row. A row another run
inserted meanwhile fails the window on the unique invoice; the window is computed again
at once with `INSERT … ON CONFLICT DO NOTHING` (not the first time: it costs each insert
a speculative insertion, twice the time), which leaves to the other run the rows it is
inserting, whatever its windows. A payment recorded during a run leaves its invoice with
an event, computed again by the next run. A row never moves back to an earlier day,
waived penalties are left alone and a row already holding the values is not rewritten,
so running a day twice, or twice at once, writes the same values (the second, nothing).
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Min

from billing.models import Invoice, InvoiceKind, InvoicePenalty, InvoiceSettlement
from billing.penalties.set_based import accrual_statement, rates_by_half
from billing.selectors import rate_book_load, rate_tables_version
from shop.models import Terms

CHUNK_SIZE = 10000
LAST_ID = 2**63 - 1  # the open end of the last window (a bigint's largest value)

_STATEMENT, _STATEMENT_AFTER_CONFLICT = (
    accrual_statement(
        invoice_table=Invoice._meta.db_table,
        settlement_table=InvoiceSettlement._meta.db_table,
        terms_table=Terms._meta.db_table,
        penalty_table=InvoicePenalty._meta.db_table,
        skip_inserted_meanwhile=skip,
    )
    for skip in (False, True)
)


def _rates(as_of: date) -> dict:
    """One snapshot of the rate tables for a run: the statement's rate parameters."""
    return {
        **rates_by_half(rate_book_load(), until=as_of),
        "rates_version": rate_tables_version(),
        "penalty_kind": InvoiceKind.PENALTY,
    }


def run_penalty_accrual(*, as_of: date, chunk_size: int = CHUNK_SIZE) -> dict:
    """Accrue penalties of every late invoice with an event as of `as_of` (the daily job).

    Effects: creates or updates `InvoicePenalty` rows; an invoice whose rate is missing
    keeps its previous state and amounts and carries the alert (`rate_missing_table`).
    Returns counts for the job record. Idempotent and safe to run concurrently (module
    docstring).
    """
    rates = _rates(as_of)
    bounds = Invoice.objects.aggregate(first=Min("id"), last=Max("id"))
    computed = missing = 0
    if bounds["first"] is None:
        return {"computed": computed, "rate_missing": missing}
    # Windows of `chunk_size` consecutive ids: a range of the primary key whatever the
    # planner thinks of the day's filters, so each reads its own rows only. The last one
    # has no upper bound (invoices created meanwhile).
    for after in range(bounds["first"] - 1, bounds["last"], chunk_size):
        upto = after + chunk_size if after + chunk_size < bounds["last"] else LAST_ID
        window_computed, window_missing = _accrue(
            ids=None, after=after, upto=upto, rates=rates, as_of=as_of
        )
        computed += window_computed
        missing += window_missing
    return {"computed": computed, "rate_missing": missing}


def penalties_recompute(*, invoice_ids: list[int], as_of: date) -> None:
    """Recompute these invoices' rows as of `as_of` now (after a staff action on them),
    their invoices locked so that no payment is recorded meanwhile."""
    with transaction.atomic():
        ids = list(
            Invoice.objects.filter(id__in=invoice_ids, due_date__lt=as_of)
            .order_by("id")
            .select_for_update(no_key=True)
            .values_list("id", flat=True)
        )
        if ids:
            _accrue(ids=ids, after=ids[0] - 1, upto=ids[-1], rates=_rates(as_of), as_of=as_of)


def _accrue(
    *, ids: list[int] | None, after: int, upto: int, rates: dict, as_of: date
) -> tuple[int, int]:
    """Compute and store, in one statement, the invoices of the window `after` < id <=
    `upto` with an event, or the invoices `ids` of it; how many were computed, and how
    many of them miss a rate."""
    params = {**rates, "ids": ids, "after": after, "last": upto, "as_of": as_of}
    try:
        return _statement(_STATEMENT, params)
    except IntegrityError:  # another run is inserting rows of this window: leave them to it
        return _statement(_STATEMENT_AFTER_CONFLICT, params)


def _statement(statement: str, params: dict) -> tuple[int, int]:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchone()
