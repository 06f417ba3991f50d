"""The engine's rules as one SQL statement over a chunk of invoices (the daily accrual).

`penalties_compute` is the reference (docs/rules/late-payment.md); this is the same
arithmetic written for PostgreSQL so the accrual computes and stores a chunk's interest
states and fixed amounts in one statement instead of one Python computation and one row
per invoice:

- settlements known on the as-of day stop interest on the part they pay from their own
  date. The engine caps each at what was still due; here they never exceed it, so no
  cap is computed: `invoice_apply_settlement` is their only writer and refuses more than
  is due, the invoice's check constraint keeps `amount_paid` within its total, and a
  settlement is never changed afterwards;
- the annual rate of the due date's half-year comes from `rates_by_half`, built from a
  `RateBook` (the same lookups the engine makes, once per run), NULL where the table
  lacks it: the row then carries the missing table and the date that needs it;
- the interest state (`InterestState`): the unit (days, months started, or days of the
  fixed daily rate from day N after delivery), the rate, the day interest starts after,
  the paid parts weighted by their units late (`core.calendar.months_started`:
  PostgreSQL's `date + n months` clamps to the month end like `add_months`) and the
  unpaid rest; the amount of a day is computed from it on reading;
- the fixed amounts as the engine computes them.

`tests/…/test_set_based_matches_engine.py` checks both give the same figures for every
mode on many invoices. No database access here: text and parameters only.
"""

from __future__ import annotations

from datetime import date

from billing.penalties.engine import InterestUnit
from billing.penalties.rates import RateBook, RateMissing, RateTable
from shop.models.terms_choices import LatePenaltyMode

FIRST_RATE_YEAR = 2000  # the rate tables' first possible year (their validators)

# The computed columns of a penalty row (`fresh` in the statement).
_COLUMNS = (
    "invoice_id",
    "amount_paid_seen",
    "overdue_since",
    "interest_unit",
    "interest_rate",
    "interest_start",
    "interest_closed",
    "unpaid",
    "settled_on",
    "recovery_indemnity",
    "collection_fee",
    "litigation_penalty",
    "rate_missing_table",
    "rate_missing_on",
)
# What a row keeps while its rate is missing: its previous state and amounts.
_KEPT = _COLUMNS[3:12]
# What makes a row different (`as_of` aside: a state that did not change is not rewritten).
_COMPARED = _COLUMNS[1:]


def rates_by_half(rates: RateBook, *, until: date) -> dict[str, list]:
    """Per half-year up to `until`'s: French legal, Belgian commercial and L441-10 rates.

    Parallel arrays (statement parameters); None where the table lacks the rate.
    """
    columns: dict[str, list] = {"year": [], "half": [], "fl": [], "be": [], "ecb": []}
    for year in range(FIRST_RATE_YEAR, until.year + 1):
        for half in (1, 2):
            start = date(year, 1 if half == 1 else 7, 1)
            if start > until:
                break
            columns["year"].append(year)
            columns["half"].append(half)
            for key, lookup in (
                ("fl", rates.french_legal_rate),
                ("be", rates.belgian_commercial_rate),
                ("ecb", rates.french_statutory_rate),
            ):
                try:
                    columns[key].append(lookup(start))
                except RateMissing:
                    columns[key].append(None)
    return columns


def _months_started(start: str, end: str) -> str:
    """SQL for `core.calendar.months_started(start, end)`: the smallest k >= 1 with
    start + k months >= end (k is the month difference, or one more)."""
    diff = (
        f"GREATEST(1, (EXTRACT(YEAR FROM {end})::int - EXTRACT(YEAR FROM {start})::int) * 12"
        f" + EXTRACT(MONTH FROM {end})::int - EXTRACT(MONTH FROM {start})::int)"
    )
    return (
        f"(CASE WHEN {end} <= {start} THEN 0 ELSE {diff} + CASE WHEN "
        f"({start} + make_interval(months => {diff}))::date < {end} THEN 1 ELSE 0 END END)"
    )


def accrual_statement(
    *,
    invoice_table: str,
    settlement_table: str,
    terms_table: str,
    penalty_table: str,
    skip_inserted_meanwhile: bool = False,
) -> str:
    """One statement computing and storing the penalty state, as of `%(as_of)s`, of the
    invoices of the id window `after` < id <= `last` that had an event since their row
    was computed, or of the invoices `ids` of that window whatever happened (a staff
    action).
    Parameters: `after`, `last`, `ids` (None for the daily run), `as_of`, `rates_version`,
    `penalty_kind` (penalty invoices bear none) and `rates_by_half`'s arrays.

    An event (`billing.services.accrual`): the invoice fell due or its due date moved
    (`overdue_since`), a settlement known on a day after the row's or not known then
    (`amount_paid_seen`), a rate still missing, a rate table changed (`rates_version`).

    Every table is read by the window's id range (an index range scan of its rows,
    whatever the table's size), and nothing is locked beforehand: a row is updated only
    if no other writer changed it since the statement's snapshot (its `xmin`); a row
    another writer inserted meanwhile fails the statement on the unique invoice, unless
    `skip_inserted_meanwhile` (the caller's retry: `ON CONFLICT DO NOTHING`, which costs
    each insert a speculative insertion, about twice the time). A payment recorded
    meanwhile leaves the row's `amount_paid_seen` behind the invoice's, so the next run
    computes it again. A row never moves back to an earlier day, waived penalties stay as
    they are, a row already holding the values is not rewritten, a missing rate keeps the
    previous state and amounts. Returns one row: how many invoices were computed, and how
    many of them miss a rate.
    """
    fixed_daily = LatePenaltyMode.FIXED_DAILY_PERCENT_OF_TTC
    return f"""
WITH rates AS (
    SELECT * FROM unnest(%(year)s::int[], %(half)s::int[], %(fl)s::numeric[],
        %(be)s::numeric[], %(ecb)s::numeric[]) AS r(year, half, fl, be, ecb)
),
stored AS MATERIALIZED (
    SELECT invoice_id, litigation_on, as_of, amount_paid_seen, overdue_since,
        rate_missing_table, rates_version, waived_at, xmin AS seen_xmin
    FROM {penalty_table} WHERE invoice_id > %(after)s AND invoice_id <= %(last)s
),
inv AS (
    SELECT i.id, i.total_ttc AS principal, i.amount_paid, i.due_date,
        t.late_penalty_mode AS mode, t.late_penalty_daily_percent AS daily_percent,
        t.late_penalty_month_started_due_in_full AS by_month,
        t.recovery_indemnity_amount AS indemnity, t.collection_fee_percent AS fee_percent,
        t.litigation_penalty_percent AS litigation_percent, p.litigation_on,
        p.invoice_id IS NOT NULL AS stored, p.seen_xmin,
        CASE WHEN t.late_penalty_from_day_after_delivery > 0 AND i.delivery_date IS NOT NULL
            THEN GREATEST(i.due_date, i.delivery_date
                + t.late_penalty_from_day_after_delivery - 1)
            ELSE i.due_date END AS last_free_day,
        CASE t.late_penalty_mode
            WHEN '{LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE}'
                THEN r.fl * t.late_penalty_multiplier
            WHEN '{LatePenaltyMode.ECB_PLUS_10}' THEN r.ecb
            WHEN '{LatePenaltyMode.BELGIAN_COMMERCIAL_RATE}' THEN r.be
        END AS annual_rate,
        CASE t.late_penalty_mode
            WHEN '{LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE}'
                THEN CASE WHEN r.fl IS NULL THEN '{RateTable.FRENCH_LEGAL}' END
            WHEN '{LatePenaltyMode.ECB_PLUS_10}'
                THEN CASE WHEN r.ecb IS NULL THEN '{RateTable.ECB}' END
            WHEN '{LatePenaltyMode.BELGIAN_COMMERCIAL_RATE}'
                THEN CASE WHEN r.be IS NULL THEN '{RateTable.BELGIAN_COMMERCIAL}' END
        END AS missing_table
    FROM {invoice_table} i
    JOIN {terms_table} t ON t.id = i.terms_id
    LEFT JOIN stored p ON p.invoice_id = i.id
    LEFT JOIN rates r ON r.year = date_part('year', i.due_date)::int
        AND r.half = CASE WHEN date_part('month', i.due_date) <= 6 THEN 1 ELSE 2 END
    WHERE i.id > %(after)s AND i.id <= %(last)s AND i.due_date < %(as_of)s::date
        AND CASE WHEN %(ids)s::bigint[] IS NOT NULL THEN i.id = ANY(%(ids)s::bigint[])
            ELSE i.issue_date <= %(as_of)s::date AND i.kind <> %(penalty_kind)s
                AND (i.paid_on IS NULL OR i.paid_on > i.due_date)
                AND (p.invoice_id IS NULL OR p.waived_at IS NULL AND p.as_of <= %(as_of)s::date
                    AND NOT (p.rate_missing_table = '' AND p.amount_paid_seen = i.amount_paid
                        AND p.overdue_since = i.due_date + 1
                        AND p.rates_version >= %(rates_version)s))
        END
),
paid AS (
    SELECT inv.id,
        SUM(s.amount) AS amount,
        MAX(s."on") AS last_on,
        SUM(s.amount * CASE WHEN inv.mode = '{fixed_daily}'
                THEN GREATEST(s."on" - inv.last_free_day, 0)
            WHEN inv.by_month THEN {_months_started("inv.due_date", 's."on"')}
            ELSE GREATEST(s."on" - inv.due_date, 0) END) AS closed,
        SUM(s.amount) FILTER (WHERE s."on" <= inv.due_date) AS by_due,
        SUM(s.amount) FILTER (WHERE s."on" <= inv.litigation_on) AS by_litigation
    FROM inv JOIN {settlement_table} s ON s.invoice_id = inv.id
    WHERE s.invoice_id > %(after)s AND s.invoice_id <= %(last)s AND s."on" <= %(as_of)s::date
    GROUP BY inv.id
),
due AS (
    SELECT inv.*, COALESCE(paid.amount, 0) AS recorded,
        COALESCE(paid.closed, 0) AS closed,
        inv.principal - COALESCE(paid.by_due, 0) AS unpaid_at_due,
        inv.principal - COALESCE(paid.by_litigation, 0) AS unpaid_at_litigation,
        inv.principal - COALESCE(paid.amount, 0) AS unpaid,
        CASE WHEN inv.principal > COALESCE(paid.amount, 0) THEN %(as_of)s::date
            ELSE paid.last_on END AS last_day
    FROM inv LEFT JOIN paid ON paid.id = inv.id
),
fresh AS (
    SELECT id AS invoice_id, stored, seen_xmin, recorded AS amount_paid_seen,
        due_date + 1 AS overdue_since,
        CASE WHEN mode = '{fixed_daily}' THEN '{InterestUnit.DAILY}'
            WHEN by_month THEN '{InterestUnit.MONTHS}' ELSE '{InterestUnit.DAYS}'
        END AS interest_unit,
        CASE WHEN mode = '{fixed_daily}' THEN daily_percent
            WHEN missing_table IS NULL THEN annual_rate END AS interest_rate,
        CASE WHEN mode = '{fixed_daily}' THEN last_free_day ELSE due_date END AS interest_start,
        closed AS interest_closed,
        unpaid,
        CASE WHEN unpaid = 0 THEN last_day END AS settled_on,
        CASE WHEN last_day > due_date AND missing_table IS NULL
            THEN ROUND(COALESCE(indemnity, 0), 2) ELSE 0 END AS recovery_indemnity,
        CASE WHEN last_day > due_date AND missing_table IS NULL AND fee_percent > 0
            THEN ROUND(unpaid_at_due * fee_percent / 100, 2) ELSE 0 END AS collection_fee,
        CASE WHEN last_day > due_date AND missing_table IS NULL AND litigation_percent > 0
                AND litigation_on <= %(as_of)s::date
            THEN ROUND(unpaid_at_litigation * litigation_percent / 100, 2)
            ELSE 0 END AS litigation_penalty,
        CASE WHEN last_day > due_date THEN COALESCE(missing_table, '') ELSE ''
            END AS rate_missing_table,
        CASE WHEN last_day > due_date AND missing_table = '{RateTable.ECB}'
                THEN make_date(EXTRACT(YEAR FROM due_date)::int,
                    CASE WHEN EXTRACT(MONTH FROM due_date) <= 6 THEN 1 ELSE 7 END, 1)
            WHEN last_day > due_date AND missing_table IS NOT NULL THEN due_date
        END AS rate_missing_on
    FROM due
),
updated AS (
    UPDATE {penalty_table} AS p SET
        {", ".join(f"{column} = {_written(column)}" for column in _COMPARED)},
        as_of = %(as_of)s::date,
        rates_version = %(rates_version)s,
        updated_at = now()
    FROM fresh AS f
    WHERE p.invoice_id = f.invoice_id AND p.invoice_id > %(after)s AND p.invoice_id <= %(last)s
        AND p.as_of <= %(as_of)s::date AND p.waived_at IS NULL AND p.xmin = f.seen_xmin
        AND (({", ".join(f"p.{column}" for column in _COMPARED)})
            IS DISTINCT FROM ({", ".join(_written(column) for column in _COMPARED)})
            OR p.rates_version < %(rates_version)s)
),
inserted AS (
    INSERT INTO {penalty_table} ({", ".join(_COLUMNS)}, as_of, rates_version, billed_interest,
        billed_recovery_indemnity, billed_collection_fee, billed_litigation_penalty,
        waiver_reason, updated_at)
    SELECT {", ".join(_COLUMNS)}, %(as_of)s::date, %(rates_version)s, 0, 0, 0, 0, '', now()
    FROM fresh WHERE NOT stored
    {"ON CONFLICT (invoice_id) DO NOTHING" if skip_inserted_meanwhile else ""}
)
SELECT count(*), count(*) FILTER (WHERE rate_missing_table <> '') FROM fresh
"""  # noqa: S608 (identifiers and choice values are ours; values are parameters)


def _written(column: str) -> str:
    """The value written to `column`: the new one, or the stored one when a rate is missing."""
    if column not in _KEPT:
        return f"f.{column}"
    return f"CASE WHEN f.rate_missing_table = '' THEN f.{column} ELSE p.{column} END"
