"""The period archive for accountants: every invoice and credit note of a period as its
Factur-X PDF (and Peppol UBL for a Belgian seller), `ledger.csv`, and the FEC.

Streamed to disk: the ZIP is written entry by entry to a file, one document in memory at
a time, so memory stays flat however many documents the period holds. A company's
archive (customer accountants) holds its own documents and ledger, without the seller's
FEC.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from accounts.models import Company
from billing.einvoice.ubl import ubl_xml
from billing.exports.fec import document_entry, fec_filename, fec_write, settlement_entry
from billing.exports.ledger import ledger_row, ledger_writer
from billing.models import CreditNote, Invoice, InvoiceSettlement, SettlementSource
from billing.services.pdf import document_pdf_ensure
from core.documents import document_read
from shop.selectors import seller_get_required

Progress = Callable[[int, int], None]
CHUNK = 200


@dataclass(frozen=True)
class ArchiveSummary:
    documents: int
    entries: int
    fec_name: str


def period_documents(
    *, date_from: date, date_to: date, company: Company | None = None
) -> tuple[list[int], list[int]]:
    """Ids of the invoices and credit notes issued in [date_from, date_to]."""
    invoices = Invoice.objects.filter(issue_date__range=(date_from, date_to))
    notes = CreditNote.objects.filter(issue_date__range=(date_from, date_to))
    if company is not None:
        invoices, notes = invoices.filter(company=company), notes.filter(company=company)
    return (
        list(invoices.order_by("issue_date", "number").values_list("pk", flat=True)),
        list(notes.order_by("issue_date", "number").values_list("pk", flat=True)),
    )


def _documents(model, ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = model.objects.filter(pk__in=chunk).select_related("terms").prefetch_related("lines")
        by_id = {row.pk: row for row in rows}
        yield from (by_id[pk] for pk in chunk)


def archive_write(
    *,
    path: Path,
    date_from: date,
    date_to: date,
    company: Company | None = None,
    progress: Progress | None = None,
) -> ArchiveSummary:
    """Write the archive of the period to `path` (created or replaced)."""
    seller = seller_get_required()
    belgian = seller.country == "BE"
    invoice_ids, note_ids = period_documents(date_from=date_from, date_to=date_to, company=company)
    total = len(invoice_ids) + len(note_ids)
    ledger = io.StringIO()
    ledger_rows = ledger_writer(ledger)
    entries = []
    done = 0
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model, folder, ids in (
            (Invoice, "factures", invoice_ids),
            (CreditNote, "avoirs", note_ids),
        ):
            for document in _documents(model, ids):
                pdf = document_read(document_pdf_ensure(document=document))
                archive.writestr(f"{folder}/{document.number}.pdf", pdf)
                if belgian:
                    archive.writestr(f"{folder}/{document.number}.xml", ubl_xml(document))
                ledger_rows.writerow(ledger_row(document))
                entries.append(document_entry(document))
                done += 1
                if progress is not None:
                    progress(done, total)
        archive.writestr("ledger.csv", ledger.getvalue().encode("utf-8"))
        fec_name = ""
        if company is None:
            settlements = InvoiceSettlement.objects.filter(
                on__range=(date_from, date_to), source=SettlementSource.PAYMENT
            ).select_related("invoice")
            entries.extend(settlement_entry(s) for s in settlements)
            entries.sort(key=lambda e: (e.on, e.journal[0] != "VE", e.piece))
            fec = io.StringIO()
            fec_write(fec, entries)
            fec_name = fec_filename(siren=seller.siren or seller.enterprise_number, closing=date_to)
            archive.writestr(fec_name, fec.getvalue().encode("utf-8"))
    return ArchiveSummary(documents=total, entries=len(entries), fec_name=fec_name)
