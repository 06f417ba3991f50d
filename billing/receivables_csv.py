"""The receivables CSV: UTF-8, `;` separator, `.` decimal point, ISO dates, a header row.

Columns exactly as the accounting export is specified (docs/rules/late-payment.md); the
command, the admin and the accountant's portal download write the same file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from billing.selectors import RECEIVABLE_COLUMNS, Receivable


def _cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def receivables_csv_write(*, receivables: Iterable[Receivable], out: TextIO) -> int:
    """Write the header and one row per receivable to `out`; returns the number of rows."""
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(RECEIVABLE_COLUMNS)
    count = 0
    for receivable in receivables:
        writer.writerow([_cell(getattr(receivable, name)) for name in RECEIVABLE_COLUMNS])
        count += 1
    return count
