"""Open credit notes are deducted from the company's next invoice as it is issued: up to
what the invoice leaves due, the soonest to expire first, while still valid on the
invoice date; two invoices issued at once never use the same balance twice."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.deductions import invoice_deductions, invoice_payable_at_issue
from billing.models import CreditNote, CreditNoteStatus, Invoice, InvoiceStatus, SettlementSource
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def terms():
    return published_terms(credit_note_validity_months=12)


def note_of(company, terms, price):
    return credit_note_issue(
        company=company, terms=terms, lines=[line(price)], reason="Retour RMA", actor=ACTOR
    )


def invoice_of(company, terms, price, **kwargs):
    return invoice_issue(company=company, terms=terms, lines=[line(price)], actor=ACTOR, **kwargs)


def test_the_next_invoice_deducts_the_balance_and_shows_what_is_left(terms):
    company = CompanyFactory(approved=True)
    note = note_of(company, terms, "100.00")  # 100.00 HT + 20 % = 120.00 TTC
    first = invoice_of(company, terms, "50.00")  # 60.00 TTC, all of it deducted
    assert (first.amount_due, first.status) == (Decimal("0.00"), InvoiceStatus.PAID)
    note.refresh_from_db()
    assert (note.balance, note.status) == (Decimal("60.00"), CreditNoteStatus.OPEN)
    second = invoice_of(company, terms, "150.00")  # 180.00 TTC - the 60.00 left = 120.00
    assert (second.amount_due, second.status) == (Decimal("120.00"), InvoiceStatus.PARTIALLY_PAID)
    note.refresh_from_db()
    assert (note.balance, note.status) == (Decimal("0.00"), CreditNoteStatus.USED)
    (settlement,) = second.settlements.all()
    assert (settlement.source, settlement.source_id, settlement.on) == (
        SettlementSource.CREDIT_NOTE,
        note.pk,
        date(2026, 3, 10),
    )
    assert [(d.credit_note_number, d.amount) for d in invoice_deductions(second)] == [
        (note.number, Decimal("60.00"))
    ]
    assert invoice_payable_at_issue(second) == Decimal("120.00")
    # Nothing left to deduct: the third invoice is due in full.
    assert invoice_of(company, terms, "10.00").amount_due == Decimal("12.00")


def test_the_soonest_to_expire_goes_first_and_another_companys_note_never(terms):
    company = CompanyFactory(approved=True)
    lasting = note_of(company, published_terms(credit_note_validity_months=None), "10.00")
    expiring = note_of(company, terms, "10.00")  # 12.00 TTC until 2027-03-10
    note_of(CompanyFactory(approved=True), terms, "500.00")
    invoice = invoice_of(company, terms, "15.00")  # 18.00 TTC: 12.00 + 6.00
    assert [(d.credit_note_number, d.amount) for d in invoice_deductions(invoice)] == [
        (expiring.number, Decimal("12.00")),
        (lasting.number, Decimal("6.00")),
    ]
    assert invoice.amount_due == Decimal("0.00")


def test_a_note_is_deducted_on_its_last_valid_day_not_the_day_after(terms, _today):
    company = CompanyFactory(approved=True)
    note = note_of(company, terms, "100.00")  # usable until 2027-03-10 inclusive
    _today.move_to("2027-03-10 18:00 +01:00")
    on_last_day = invoice_of(company, terms, "10.00")  # 12.00 TTC deducted
    assert on_last_day.amount_due == Decimal("0.00")
    _today.move_to("2027-03-11 09:00 +01:00")
    day_after = invoice_of(company, terms, "10.00")
    assert day_after.amount_due == Decimal("12.00")
    note.refresh_from_db()
    assert note.balance == Decimal("108.00")  # 120.00 - 12.00, left for the expiry job


def test_an_invoice_dated_before_the_note_does_not_use_it(terms):
    company = CompanyFactory(approved=True)
    note_of(company, terms, "100.00")  # issued 2026-03-10
    backdated = invoice_of(company, terms, "10.00", issue_date=date(2026, 3, 9))
    assert backdated.amount_due == Decimal("12.00")


@pytest.mark.django_db(transaction=True)
def test_two_invoices_issued_at_once_share_one_balance():
    terms = published_terms(credit_note_validity_months=12)
    company = CompanyFactory(approved=True)
    note = note_of(company, terms, "50.00")  # 60.00 TTC
    # Two invoices of 60.00 TTC each issued together: one is settled by the note, the
    # other stays due in full; never 2 x 60.00 used.
    results, errors = run_together(
        [lambda: invoice_of(company, terms, "50.00").pk for _ in range(2)]
    )
    assert errors == []
    dues = sorted(Invoice.objects.get(pk=pk).amount_due for pk in results)
    assert dues == [Decimal("0.00"), Decimal("60.00")]
    assert CreditNote.objects.get(pk=note.pk).status == CreditNoteStatus.USED
