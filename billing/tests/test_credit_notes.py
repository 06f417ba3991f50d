"""Credit notes: own series, linked invoice's regime, use against invoices, validity end."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.models import CreditNoteStatus, InvoiceStatus
from billing.services.credit_notes import (
    credit_note_apply,
    credit_note_issue,
    run_expire_credit_notes,
)
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from core.errors import BusinessError
from shop.services.tax import VatRegime

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def terms():
    return published_terms(credit_note_validity_months=12)


def issue_note(company, terms, price="50.00", **kwargs):
    return credit_note_issue(
        company=company,
        terms=terms,
        lines=[line(price)],
        reason="Écran rayé",
        actor=ACTOR,
        **kwargs,
    )


def test_own_series_and_validity_of_twelve_months(terms):
    company = CompanyFactory(approved=True)
    invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)
    note = issue_note(company, terms)
    second = issue_note(company, terms)
    assert (note.number, second.number) == ("AV-2026-000001", "AV-2026-000002")
    # 10 Mar 2026 + 12 months
    assert note.expires_on == date(2027, 3, 10)
    # 50.00 HT at 20 %: 10.00 VAT, 60.00 TTC
    assert (note.total_ht, note.total_vat, note.total_ttc) == (
        Decimal("50.00"),
        Decimal("10.00"),
        Decimal("60.00"),
    )


def test_without_validity_in_the_terms_a_credit_note_does_not_expire():
    note = issue_note(CompanyFactory(approved=True), published_terms())
    assert note.expires_on is None


def test_a_credit_note_for_an_invoice_copies_its_regime_and_order_reference(terms):
    company = CompanyFactory(approved=True)
    export = VatRegime(
        code="export", charges_vat=False, legal_mention="Exonération de TVA, article 262 I du CGI"
    )
    invoice = invoice_issue(
        company=company,
        terms=terms,
        lines=[line()],
        actor=ACTOR,
        vat_regime=export,
        order_reference="CMD-2026-000001",
    )
    note = issue_note(company, terms, invoice=invoice)
    assert note.vat_regime == export.as_dict() and note.total_vat == Decimal("0.00")
    assert (note.invoice_number, note.order_reference) == (invoice.number, "CMD-2026-000001")
    with pytest.raises(BusinessError) as refused:
        issue_note(CompanyFactory(approved=True), terms, invoice=invoice)
    assert refused.value.code == "credit_note_other_company"


def test_using_a_credit_note_settles_the_invoice_and_consumes_the_balance(terms):
    company = CompanyFactory(approved=True)
    invoice = invoice_issue(company=company, terms=terms, lines=[line("100.00")], actor=ACTOR)
    note = issue_note(company, terms)  # 60.00 TTC against 120.00 TTC
    credit_note_apply(credit_note=note, invoice=invoice, amount=Decimal("20.00"), actor=ACTOR)
    assert (note.amount_used, note.balance, note.status) == (
        Decimal("20.00"),
        Decimal("40.00"),
        CreditNoteStatus.OPEN,
    )
    with pytest.raises(BusinessError) as refused:
        credit_note_apply(credit_note=note, invoice=invoice, amount=Decimal("40.01"), actor=ACTOR)
    assert refused.value.code == "credit_note_balance"
    settlement = credit_note_apply(credit_note=note, invoice=invoice, actor=ACTOR)
    assert settlement.amount == Decimal("40.00") and settlement.source == "credit_note"
    assert note.status == CreditNoteStatus.USED
    invoice.refresh_from_db()
    # 120.00 - 20.00 - 40.00 = 60.00 still due
    assert (invoice.status, invoice.amount_due) == (InvoiceStatus.PARTIALLY_PAID, Decimal("60.00"))


def test_a_credit_note_is_usable_on_its_last_day_not_the_day_after(terms, _today):
    company = CompanyFactory(approved=True)
    invoice = invoice_issue(company=company, terms=terms, lines=[line("100.00")], actor=ACTOR)
    note = issue_note(company, terms)  # expires_on 2027-03-10
    _today.move_to("2027-03-10 23:00 +01:00")
    credit_note_apply(credit_note=note, invoice=invoice, amount=Decimal("1.00"), actor=ACTOR)
    _today.move_to("2027-03-11 00:30 +01:00")
    with pytest.raises(BusinessError) as refused:
        credit_note_apply(credit_note=note, invoice=invoice, amount=Decimal("1.00"), actor=ACTOR)
    assert refused.value.code == "credit_note_not_open"


def test_a_credit_note_is_used_only_for_its_own_company(terms):
    company = CompanyFactory(approved=True)
    other_invoice = invoice_issue(
        company=CompanyFactory(approved=True), terms=terms, lines=[line()], actor=ACTOR
    )
    with pytest.raises(BusinessError) as refused:
        credit_note_apply(
            credit_note=issue_note(company, terms), invoice=other_invoice, actor=ACTOR
        )
    assert refused.value.code == "credit_note_other_company"


def test_the_daily_job_expires_the_unused_balance_from_the_day_after_validity(terms, _today):
    company = CompanyFactory(approved=True)
    invoice = invoice_issue(company=company, terms=terms, lines=[line("100.00")], actor=ACTOR)
    note = issue_note(company, terms)  # 60.00 TTC, usable until 2027-03-10 inclusive
    credit_note_apply(credit_note=note, invoice=invoice, amount=Decimal("25.00"), actor=ACTOR)
    assert run_expire_credit_notes(as_of=date(2027, 3, 10)) == {"expired": 0}
    assert run_expire_credit_notes(as_of=date(2027, 3, 11)) == {"expired": 1}
    note.refresh_from_db()
    # 60.00 - 25.00 used = 35.00 expired
    assert (note.status, note.amount_expired, note.balance) == (
        CreditNoteStatus.EXPIRED,
        Decimal("35.00"),
        Decimal("0.00"),
    )
    assert run_expire_credit_notes(as_of=date(2027, 3, 12)) == {"expired": 0}  # idempotent
