"""The period archive for accountants: every invoice and credit note of a period as its
Factur-X PDF (and Peppol UBL for a Belgian seller), `ledger.csv`, and the FEC.

Memory stays flat however many documents the period holds:
- documents are read by chunks of CHUNK, with their Terms, stored PDF row and lines in
  three queries per chunk (no query per document), and the chunk is collected before the
  next one is read (documents and their prefetched lines refer to each other: without
  `gc.collect()` several chunks would wait for the cycle collector);
- the ZIP is written to disk entry by entry, one PDF in memory at a time;
- `ledger.csv` and the FEC are written to temporary files while the documents go by
  and copied into the ZIP at the end: invoices, credit notes and payment settlements are
  each read in date order and merged, so the FEC's entries need no sorting in memory.
A PDF not yet stored (the outbox renders them after issuing) is rendered here, in the
worker that builds the archive. A company's archive (customer accountants) holds its own
documents and ledger, without the seller's FEC.
"""

from __future__ import annotations

import gc
import heapq
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO

from django.db.models import QuerySet

from accounts.models import Company
from billing.einvoice.ubl import ubl_xml
from billing.exports.fec import (
    document_entry,
    entry_order,
    fec_filename,
    fec_write,
    settlement_entry,
)
from billing.exports.ledger import ledger_row, ledger_writer
from billing.models import CreditNote, Invoice, InvoiceSettlement, SettlementSource
from billing.services.pdf import document_pdf_ensure
from core.documents import document_read
from shop.selectors import seller_get_required

Progress = Callable[[int, int], None]
CHUNK = 200
COPY_BUFFER = 1024 * 1024


@dataclass(frozen=True)
class ArchiveSummary:
    documents: int
    entries: int
    fec_name: str


def period_documents(
    *, date_from: date, date_to: date, company: Company | None = None
) -> tuple[list[int], list[int]]:
    """Ids of the invoices and credit notes issued in [date_from, date_to], in date and
    number order."""

    def ids(model) -> list[int]:
        rows = model.objects.filter(issue_date__range=(date_from, date_to))
        if company is not None:
            rows = rows.filter(company=company)
        return list(rows.order_by("issue_date", "number").values_list("pk", flat=True))

    return ids(Invoice), ids(CreditNote)


def _in_chunks(queryset: QuerySet, ids: list[int]) -> Iterator:
    """The rows of `ids`, in that order, read CHUNK at a time; each chunk is collected
    before the next is read."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        by_id = {row.pk: row for row in queryset.filter(pk__in=chunk)}
        yield from (by_id.pop(pk) for pk in chunk)
        del by_id
        gc.collect()


def _documents(model, ids: list[int]) -> Iterator[Invoice | CreditNote]:
    related = ("terms", "pdf", "invoice") if model is CreditNote else ("terms", "pdf")
    return _in_chunks(model.objects.select_related(*related).prefetch_related("lines"), ids)


def _settlements(*, date_from: date, date_to: date) -> Iterator[InvoiceSettlement]:
    """The period's payments, in date then invoice-number order."""
    ids = list(
        InvoiceSettlement.objects.filter(
            on__range=(date_from, date_to), source=SettlementSource.PAYMENT
        )
        .order_by("on", "invoice__number", "pk")
        .values_list("pk", flat=True)
    )
    return _in_chunks(InvoiceSettlement.objects.select_related("invoice"), ids)


def _pdf(document: Invoice | CreditNote) -> bytes:
    stored = document.pdf if document.pdf_id else document_pdf_ensure(document=document)
    return document_read(stored)


def _copy_into(archive: zipfile.ZipFile, name: str, source: IO[str]) -> None:
    source.seek(0)
    with archive.open(name, "w") as target:
        while block := source.read(COPY_BUFFER):
            target.write(block.encode("utf-8"))


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
    documents = heapq.merge(
        _documents(Invoice, invoice_ids),
        _documents(CreditNote, note_ids),
        key=lambda document: (document.issue_date, document.number),
    )
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as ledger,
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as fec,
    ):
        rows = ledger_writer(ledger)

        def written() -> Iterator[Invoice | CreditNote]:
            for done, document in enumerate(documents, start=1):
                folder = "factures" if isinstance(document, Invoice) else "avoirs"
                archive.writestr(f"{folder}/{document.number}.pdf", _pdf(document))
                if belgian:
                    archive.writestr(f"{folder}/{document.number}.xml", ubl_xml(document))
                rows.writerow(ledger_row(document))
                if progress is not None:
                    progress(done, total)
                yield document

        entries, fec_name = 0, ""
        if company is None:
            entries = fec_write(
                fec,
                _period_entries(written(), _settlements(date_from=date_from, date_to=date_to)),
            )
            fec_name = fec_filename(siren=seller.siren or seller.enterprise_number, closing=date_to)
        else:
            deque(written(), maxlen=0)
        _copy_into(archive, "ledger.csv", ledger)
        if fec_name:
            _copy_into(archive, fec_name, fec)
    return ArchiveSummary(documents=total, entries=entries, fec_name=fec_name)


def _period_entries(
    documents: Iterable[Invoice | CreditNote], settlements: Iterable[InvoiceSettlement]
):
    """Sales and receipts entries in the FEC's order, merged as they are read."""
    return heapq.merge(
        (document_entry(document) for document in documents),
        (settlement_entry(settlement) for settlement in settlements),
        key=entry_order,
    )
