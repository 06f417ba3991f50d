"""Continuous numbering per series and year: no gap, no duplicate.

The counter row is locked with SELECT ... FOR UPDATE inside the caller's
transaction, so a concurrent issuer waits, and a rollback gives the number back.
"""

from django.db import connection

from core.models import SequenceCounter


def sequence_next(*, series: str, year: int) -> int:
    """The next number of `series` for `year`, starting at 1.

    Must run inside the transaction that stores the numbered document: called
    outside one it raises RuntimeError, since the lock would end at once and a
    later failure would leave a gap.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("sequence_next must be called inside transaction.atomic().")
    SequenceCounter.objects.bulk_create(
        [SequenceCounter(series=series, year=year, last_value=0)], ignore_conflicts=True
    )
    counter = SequenceCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_value += 1
    counter.save(update_fields=["last_value"])
    return counter.last_value


def sequence_format(*, prefix: str, year: int, value: int, width: int = 6) -> str:
    """The printed form of a number, e.g. `FA-2026-000042`."""
    return f"{prefix}-{year}-{value:0{width}d}"
