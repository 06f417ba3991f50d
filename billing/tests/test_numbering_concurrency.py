"""50 invoices issued at once by threads get exactly the next 50 numbers, rollbacks included."""

import pytest
import time_machine
from django.db import transaction

from accounts.tests.factories import CompanyFactory
from billing.models import Invoice, InvoiceLine
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from tests.concurrency import run_together

THREADS = 10
INVOICES_PER_THREAD = 5  # 10 x 5 = 50 committed invoices


class ForcedRollback(Exception):
    pass


@pytest.mark.django_db(transaction=True)
@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)  # process-wide: threads too
def test_fifty_concurrent_invoices_get_the_next_fifty_numbers_without_gap():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    # One invoice before: the concurrent ones continue the series at 2.
    invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)

    def worker():
        numbers = []
        for n in range(INVOICES_PER_THREAD):
            if n == 2:  # in the middle: takes a number, then its transaction fails
                try:
                    with transaction.atomic():
                        invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)
                        raise ForcedRollback
                except ForcedRollback:
                    pass
            invoice = invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)
            numbers.append(invoice.number)
        return numbers

    results, errors = run_together([worker] * THREADS)
    assert errors == []
    issued = sorted(number for numbers in results for number in numbers)
    # 1 before + 50 concurrent = FA-2026-000002 .. FA-2026-000051, each once.
    assert issued == [f"FA-2026-{n:06d}" for n in range(2, 52)]
    assert Invoice.objects.count() == 51
    assert InvoiceLine.objects.count() == 51
