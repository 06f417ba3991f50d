"""Continuous numbering per series and year: no gap, no duplicate.

The counter row is taken by one INSERT ... ON CONFLICT DO UPDATE inside the caller's
transaction: it stays locked until that transaction ends, so a concurrent issuer waits,
and a rollback gives the number back. The table is `core.SequenceCounter`'s.
"""

from django.db import connection


def sequence_next(*, series: str, year: int) -> int:
    """The next number of `series` for `year`, starting at 1.

    Must run inside the transaction that stores the numbered document: called
    outside one it raises RuntimeError, since the lock would end at once and a
    later failure would leave a gap.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("sequence_next must be called inside transaction.atomic().")
    with connection.cursor() as cursor:
        # One statement: creates the counter at 1 or raises it by one, and holds the row's
        # lock until the caller's transaction ends (ON CONFLICT DO UPDATE locks the row).
        cursor.execute(
            "INSERT INTO core_sequencecounter (series, year, last_value) VALUES (%s, %s, 1) "
            "ON CONFLICT (series, year) "
            "DO UPDATE SET last_value = core_sequencecounter.last_value + 1 "
            "RETURNING last_value",
            [series, year],
        )
        return cursor.fetchone()[0]


def sequence_format(*, prefix: str, year: int, value: int, width: int = 6) -> str:
    """The printed form of a number, e.g. `FA-2026-000042`."""
    return f"{prefix}-{year}-{value:0{width}d}"
