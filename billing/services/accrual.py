"""The daily accrual of late-payment penalties over every late invoice, in bulk.

`run_penalty_accrual(as_of=D)` marks overdue each invoice whose due date is before D
(`InvoicePenalty.overdue_since` = the day after it) and stores its interest state and
fixed amounts as of D, recomputed from scratch (so the result for D depends on nothing
but the invoices, their settlements up to D and the rate tables). The state changes only
on events (the invoice falls due or its due date moves, a settlement, a rate entered or
corrected, the litigation), and the amounts of a later day are computed from it on
reading (`InvoicePenalty.amounts_on`): a day without event computes and writes nothing.

Invoices are taken in windows of consecutive ids; a window's invoices with an event are
locked by one query, then computed and stored by one statement
(`billing.penalties.set_based`, the engine's rules in SQL) that reads every table by the
window's id range: two queries per window whatever its size, the same cost for each
window however many came before, and no invoice's data travels to Python.

Concurrency: each window locks its invoices `FOR NO KEY UPDATE`, so a payment being
recorded is waited for, not missed; the upsert never moves a row back to an earlier day,
leaves waived penalties alone and does not rewrite a row that already holds the values,
so running a day twice, or twice at once, writes the same values (the second, nothing).
An invoice whose row is current (no event since) is not locked nor computed: it costs a
read of its row.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import F, FilteredRelation, Max, Min, Q

from billing.models import Invoice, InvoiceKind, InvoicePenalty, InvoiceSettlement
from billing.penalties.set_based import accrual_statement, rates_by_half
from billing.selectors import rate_book_load, rate_tables_version
from shop.models import Terms

CHUNK_SIZE = 10000

_STATEMENT = accrual_statement(
    invoice_table=Invoice._meta.db_table,
    settlement_table=InvoiceSettlement._meta.db_table,
    terms_table=Terms._meta.db_table,
    penalty_table=InvoicePenalty._meta.db_table,
)


def late_invoices(*, as_of: date, rates_version: int, after: int = 0, upto: int | None = None):
    """Invoices in the id window `after` < id <= `upto` (no upper bound: None) that may owe
    penalties on `as_of` and had an event since their row was computed (or have none).

    Events: a settlement (`amount_paid_seen`, the settlements known on the row's day,
    differs from the invoice's `amount_paid`: a new one, one dated earlier but entered
    after the day's run, or one dated after the row's day), a due date moved
    (acceleration: `overdue_since`), a rate still missing (staff may have entered it) or
    a rate table changed since the row was computed (`rates_version`). The penalty rows
    are read in the same window.
    """
    window = Q(id__gt=after) if upto is None else Q(id__gt=after, id__lte=upto)
    in_window = Q(penalty__invoice_id__gt=after)
    if upto is not None:
        in_window &= Q(penalty__invoice_id__lte=upto)
    return (
        Invoice.objects.annotate(current=FilteredRelation("penalty", condition=in_window))
        .filter(window, due_date__lt=as_of, issue_date__lte=as_of)
        .exclude(kind=InvoiceKind.PENALTY)
        .filter(Q(paid_on__isnull=True) | Q(paid_on__gt=F("due_date")))
        .exclude(
            current__rate_missing_table="",
            current__amount_paid_seen=F("amount_paid"),
            current__overdue_since=F("due_date") + timedelta(days=1),
            current__rates_version__gte=rates_version,
        )
        .exclude(current__waived_at__isnull=False)
    )


def run_penalty_accrual(*, as_of: date, chunk_size: int = CHUNK_SIZE) -> dict:
    """Accrue penalties of every late invoice with an event as of `as_of` (the daily job).

    Effects: creates or updates `InvoicePenalty` rows; an invoice whose rate is missing
    keeps its previous state and amounts and carries the alert (`rate_missing_table`).
    Returns counts for the job record. Idempotent and safe to run concurrently (module
    docstring).
    """
    # One snapshot of the rates for the whole run.
    rates = {
        **rates_by_half(rate_book_load(), until=as_of),
        "rates_version": rate_tables_version(),
    }
    bounds = Invoice.objects.aggregate(first=Min("id"), last=Max("id"))
    computed = missing = 0
    if bounds["first"] is None:
        return {"computed": computed, "rate_missing": missing}
    # Windows of `chunk_size` consecutive ids: a range of the primary key whatever the
    # planner thinks of the day's filters, so each reads its own rows only. The last one
    # has no upper bound (invoices created meanwhile).
    for after in range(bounds["first"] - 1, bounds["last"], chunk_size):
        upto = after + chunk_size if after + chunk_size < bounds["last"] else None
        with transaction.atomic():
            ids = list(
                late_invoices(
                    as_of=as_of,
                    rates_version=rates["rates_version"],
                    after=after,
                    upto=upto,
                )
                .order_by("id")
                .select_for_update(no_key=True, of=("self",))
                .values_list("id", flat=True)
            )
            if ids:
                missing += _accrue(ids, after=after, rates=rates, as_of=as_of)
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
            rates = {
                **rates_by_half(rate_book_load(), until=as_of),
                "rates_version": rate_tables_version(),
            }
            _accrue(ids, after=ids[0] - 1, rates=rates, as_of=as_of)


def _accrue(ids: list[int], *, after: int, rates: dict[str, list], as_of: date) -> int:
    """Compute and store the invoices `ids` (ascending, all above `after`) in one
    statement; how many of them miss a rate."""
    with connection.cursor() as cursor:
        cursor.execute(
            _STATEMENT, {**rates, "ids": ids, "after": after, "last": ids[-1], "as_of": as_of}
        )
        (missing,) = cursor.fetchone()
        return missing
