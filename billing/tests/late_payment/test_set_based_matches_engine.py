"""The accrual's set-based statement gives, invoice by invoice, what the engine gives.

The engine (`billing.penalties.engine`, tested by hand in `billing/tests/penalties`) is the
reference; the accrual computes the same rules in SQL. Invoices under the five presets,
due in every half-year of the seeded tables and in one the tables lack, settled in many
ways (nothing, on the due date, partly before and after it, several times a day, more
than due), some sent to collection, are accrued on several days and each stored row's
figures for that day (its state carried forward when no event rewrote it) are compared
with `PenaltyBatch.compute` for that day.
"""

import random
from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from billing.models import InvoicePenalty
from billing.penalties import RateMissing
from billing.selectors import PENALTY_INVOICE_FIELDS, PenaltyBatch, rate_book_load
from billing.services.accrual import penalties_recompute, run_penalty_accrual
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms

pytestmark = pytest.mark.django_db

DAYS = (date(2025, 1, 15), date(2025, 7, 1), date(2026, 3, 3), date(2026, 8, 31))


def _settle(invoice, rng):
    """Payments of random parts on random days around the due date (never more than due)."""
    left = invoice.total_ttc
    for _ in range(rng.randint(0, 3)):
        if left <= 0:
            return
        amount = min(left, D(rng.choice(["100.00", "0.01", "333.33", "600.00", str(left)])))
        day = invoice.due_date + timedelta(days=rng.choice([-3, 0, 1, 17, 45, 200]))
        pay(invoice, str(amount), on=max(day, invoice.issue_date))
        left -= amount


@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
def test_every_stored_row_equals_the_engine(code):
    rng = random.Random(int(code) + 13)
    terms = preset_terms(code)
    belgian = code in ("002", "003")
    by_delivery = code == "001"
    invoices = []
    for _ in range(14):
        company = customer(belgian=belgian, deferred_days=None if by_delivery else 30)
        issued = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1300))  # to mid-2026
        delivered = issued - timedelta(days=rng.randint(0, 20)) if by_delivery else None
        invoice = issue(
            company, terms, on=issued, ht=str(rng.randint(50, 5000)), delivered=delivered
        )
        _settle(invoice, rng)
        invoices.append(invoice)
    batch = PenaltyBatch(rates=rate_book_load())
    for day in DAYS:
        run_penalty_accrual(as_of=day, chunk_size=5)
        rows = {row.invoice_id: row for row in InvoicePenalty.objects.filter(invoice__in=invoices)}
        chunk = [
            values
            for values in type(invoices[0])
            .objects.filter(id__in=[i.pk for i in invoices], due_date__lt=day, issue_date__lte=day)
            .values(*PENALTY_INVOICE_FIELDS)
        ]
        for invoice_id, result in batch.compute(chunk, as_of=day).items():
            row = rows.get(invoice_id)
            if row is None:  # paid on time: the accrual leaves it
                assert not isinstance(result, RateMissing) and not result.late, invoice_id
                continue
            if isinstance(result, RateMissing):
                assert (row.rate_missing_table, row.rate_missing_on) == (result.table, result.on)
                continue
            figures = row.amounts_on(day)
            assert (
                figures.days_late,
                row.interest_rate if result.annual_rate is not None else None,
                figures.interest,
                figures.recovery_indemnity,
                figures.collection_fee,
                figures.litigation_penalty,
                row.rate_missing_table,
            ) == (
                result.days_late,
                result.annual_rate,
                result.interest,
                result.recovery_indemnity,
                result.collection_fee,
                result.litigation_penalty,
                "",
            ), (invoice_id, day)
        if day == DAYS[1]:  # staff send some debts to collection: the clause from that day
            sent = InvoicePenalty.objects.filter(invoice__in=invoices[::3])
            sent.update(litigation_on=day)
            # As `invoice_penalty_send_to_collection` does: the event recomputes the rows.
            penalties_recompute(invoice_ids=[row.invoice_id for row in sent], as_of=day)
