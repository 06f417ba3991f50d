"""Bank statement import: a CAMT.053 of 10,000 transactions read, stored and matched in
one go (time, SQL queries, peak memory), then the same file again (nothing added).

Matching is by indexed lookups (invoice numbers, the payers' IBANs and names), so the
queries of an import do not grow with its lines.
"""

from __future__ import annotations

import tracemalloc

from accounts.tests.factories import CompanyFactory, UserFactory
from bench.harness import Result, measure
from billing.payments.transfer import structured_communication
from billing.services.invoices import invoice_issue
from billing.services.statements import statement_import
from billing.tests.factories import ACTOR, line, published_terms
from billing.tests.statement_files import Tx, camt053

LINES = 10_000
INVOICES = 500


def _statement(tag: str, numbers: list[str]) -> bytes:
    txs = [
        Tx(
            "120.00",
            f"{tag}-{n:05d}",
            structured=structured_communication(numbers[n % len(numbers)]) if n % 2 else "",
            free="" if n % 2 else f"Facture {numbers[n % len(numbers)]}",
        )
        for n in range(LINES)
    ]
    return camt053([txs[i : i + 4] for i in range(0, LINES, 4)], statement_id=tag)


def run() -> list[Result]:
    terms = published_terms()
    company = CompanyFactory(approved=True)
    staff = UserFactory(is_staff=True)
    numbers = [
        invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR).number
        for _ in range(INVOICES)
    ]
    files = iter([_statement(f"B{k}", numbers) for k in range(6)])

    def import_new():
        report = statement_import(content=next(files), filename="bench.xml", user=staff)
        assert report.statement.lines_added == LINES and report.proposed == LINES

    tracemalloc.start()
    import_new()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    again = _statement("B0", numbers)

    def import_again():
        assert (
            statement_import(content=again, filename="bench.xml", user=staff).statement.lines_added
            == 0
        )

    return [
        measure(
            f"statement import, {LINES:,} CAMT lines matched (peak {peak / 2**20:.0f} MB)",
            import_new,
            runs=3,
            warmup=1,
        ),
        measure(f"statement re-import, {LINES:,} lines known", import_again, runs=3, warmup=1),
    ]
