"""What the return pages show about an invoice line: what may still be returned, and
until when it is covered for each kind of claim, decided by the same rules as the request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from billing.models import Invoice, InvoiceLine, LineKind
from returns.choices import ReturnReason
from returns.coverage import Coverage
from returns.selectors import line_coverage, product_for_line, returned_quantity


@dataclass(frozen=True)
class LineRow:
    line: InvoiceLine
    available: int
    warranty: Coverage
    complaint: Coverage
    hidden_defect: Coverage
    commercial: Coverage


def invoice_rows(*, invoice: Invoice, on: date) -> list[LineRow]:
    """The goods lines of `invoice`, with the units still returnable and their coverage."""
    rows = []
    for line in invoice.lines.filter(kind=LineKind.GOODS).order_by("position"):
        product = product_for_line(invoice_line=line)

        def cover(reason: str, line=line, product=product) -> Coverage:
            return line_coverage(invoice_line=line, reason=reason, requested_on=on, product=product)

        rows.append(
            LineRow(
                line=line,
                available=max(0, line.quantity - returned_quantity(invoice_line=line)),
                warranty=cover(ReturnReason.DEFECT),
                complaint=cover(ReturnReason.TRANSPORT_DAMAGE),
                hidden_defect=cover(ReturnReason.HIDDEN_DEFECT),
                commercial=cover(ReturnReason.COMMERCIAL),
            )
        )
    return rows
