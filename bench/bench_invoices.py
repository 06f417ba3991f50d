"""Invoices: the Factur-X PDF of a 10-line and a 100-line invoice, and the period archive.

PDF: the product's path (`document_pdf_render`: context from the database, template,
WeasyPrint PDF/A-3b, CII XML built and embedded by `factur-x`) against its floor, a bare
`weasyprint.HTML(string=...).write_pdf()` of the same template output (its stylesheet
inlined, so that both draw the same document), alternately. The goal is at most 1.5x the
floor's time (a "ratio to the floor" of at least 0.67): what Factur-X adds must stay small
beside the rendering itself.

Archive: `archive_write` over N invoices whose PDFs are already stored (the outbox renders
them after issuing), at BENCH_ARCHIVE_SIZES (default "500,1000,2000"; add 5000 for the
full run). The peak of Python allocations (tracemalloc, a separate run) must stay flat as
N grows: rows are read by chunks (`archive.CHUNK`) and collected after each, the ZIP, the
ledger and the FEC are streamed to disk, so nothing held grows with N but the list of ids.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

import weasyprint
from django.contrib.staticfiles import finders
from django.db import connection
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import CompanyFactory
from bench.harness import Result, measure_against_floor, p95
from billing.exports.archive import archive_write
from billing.models import Invoice
from billing.services.invoices import invoice_issue
from billing.services.pdf import document_pdf_context, document_pdf_ensure, document_pdf_render
from billing.tests.factories import ACTOR, line, published_terms

RENDERED_ON = date(2026, 3, 2)
ARCHIVED_ON = date(2026, 3, 3)
ARCHIVE_RUNS = 3


def _invoice(terms, company, lines: int, *, on: date = RENDERED_ON) -> Invoice:
    return invoice_issue(
        company=company,
        terms=terms,
        lines=[
            line(f"{n % 900 + 10}.{n % 100:02d}", quantity=n % 7 + 1, reference=f"REF-{n:03d}")
            for n in range(lines)
        ],
        order_reference="CMD-BENCH",
        issue_date=on,
        actor=ACTOR,
    )


def _pdf_against_bare(invoice: Invoice, lines: int) -> Result:
    html = render_to_string("pdf/invoice.html", document_pdf_context(invoice))
    link = f'<link rel="stylesheet" href="{static("css/pdf.css")}">'
    assert link in html, "the invoice template no longer links its stylesheet this way"
    html = html.replace(link, f"<style>{Path(finders.find('css/pdf.css')).read_text()}</style>")

    def product() -> None:
        document_pdf_render(Invoice.objects.get(pk=invoice.pk))

    return measure_against_floor(
        f"Factur-X invoice PDF, {lines} lines (floor: bare WeasyPrint)",
        product,
        lambda: weasyprint.HTML(string=html).write_pdf(),
        runs=7,
        warmup=1,
    )


def _archive(count: int, directory: Path) -> Result:
    path = directory / f"archive-{count}.zip"

    def build() -> None:
        summary = archive_write(path=path, date_from=ARCHIVED_ON, date_to=ARCHIVED_ON)
        assert summary.documents == count, summary

    tracemalloc.start()
    build()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timings = []
    for _ in range(ARCHIVE_RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            build()
            timings.append((time.perf_counter() - start) * 1000)
    return Result(
        f"period archive, {count:,} invoices (peak {peak / 2**20:.1f} MB, "
        f"ZIP {path.stat().st_size / 2**20:.1f} MB)",
        ARCHIVE_RUNS,
        statistics.median(timings),
        p95(timings),
        len(captured),
    )


def run() -> list[Result]:
    terms = published_terms()
    company = CompanyFactory(approved=True)
    results = [_pdf_against_bare(_invoice(terms, company, n), n) for n in (10, 100)]
    sizes = [int(n) for n in os.environ.get("BENCH_ARCHIVE_SIZES", "500,1000,2000").split(",")]
    stored = document_pdf_ensure(document=_invoice(terms, company, 10, on=ARCHIVED_ON))
    with tempfile.TemporaryDirectory() as directory:
        for size in sizes:
            for _ in range(size - Invoice.objects.filter(issue_date=ARCHIVED_ON).count()):
                _invoice(terms, company, 10, on=ARCHIVED_ON)
            # One PDF for all: the archive reads stored PDFs, it never renders them.
            Invoice.objects.filter(pdf__isnull=True).update(pdf=stored)
            results.append(_archive(size, Path(directory)))
    return results
