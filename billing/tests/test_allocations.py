"""Payments recorded by staff and allocated to invoices: partial allocations, what an
invoice or a payment cannot take, the customer's credit, never cash."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.models import InvoiceStatus, PaymentStatus
from billing.services.allocations import (
    company_payment_credit,
    payment_allocate,
    payment_credit_refund,
    payment_record,
)
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from core.errors import BusinessError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def world():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    # 2 × 100,00 HT + 20 % VAT = 240,00 TTC.
    invoice = invoice_issue(company=company, terms=terms, lines=[line(quantity=2)], actor=ACTOR)
    return {"terms": terms, "company": company, "invoice": invoice}


def _pay(world, amount: str, method: str = "cheque"):
    return payment_record(
        company=world["company"],
        method=method,
        amount=Decimal(amount),
        received_on=date(2026, 3, 10),
        reference="CHQ 1234567",
        actor=ACTOR,
    )


def test_a_cheque_is_validated_on_the_day_it_is_received(world):
    payment = _pay(world, "100.00")
    assert (payment.status, payment.validated_on) == (PaymentStatus.VALIDATED, date(2026, 3, 10))


def test_a_transfer_recorded_by_staff_is_validated_the_next_working_day(world):
    payment = _pay(world, "100.00", method="transfer")
    assert payment.validated_on == date(2026, 3, 11)  # Tuesday 10 → Wednesday 11


@pytest.mark.parametrize("method", ["cash", "card", "lcr"])
def test_cash_is_never_accepted_nor_anything_staff_do_not_record(world, method):
    with pytest.raises(BusinessError) as refused:
        _pay(world, "10.00", method=method)
    assert refused.value.code == "payment_method_refused"
    assert "espèces ne sont jamais acceptées" in refused.value.message


def test_partial_allocations_until_the_invoice_is_paid(world):
    invoice = world["invoice"]
    first, second = _pay(world, "100.00"), _pay(world, "200.00")
    payment_allocate(payment=first, invoice=invoice, amount=Decimal("100.00"), actor=ACTOR)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_due) == (InvoiceStatus.PARTIALLY_PAID, Decimal("140.00"))
    # 140,00 left due: 140,01 is one cent too many, 140,00 pays it.
    with pytest.raises(BusinessError) as refused:
        payment_allocate(payment=second, invoice=invoice, amount=Decimal("140.01"), actor=ACTOR)
    assert refused.value.code == "allocation_above_due"
    assert "FA-" in refused.value.message and "au plus 140,00" in refused.value.message
    payment_allocate(payment=second, invoice=invoice, amount=Decimal("140.00"), actor=ACTOR)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    # 100 + 200 received, 240 allocated: 60,00 stay as the customer's credit.
    assert company_payment_credit(company=world["company"]) == Decimal("60.00")


def test_an_allocation_above_what_the_payment_has_left_is_refused(world):
    payment = _pay(world, "50.00")
    with pytest.raises(BusinessError) as refused:
        payment_allocate(
            payment=payment, invoice=world["invoice"], amount=Decimal("50.01"), actor=ACTOR
        )
    assert refused.value.code == "allocation_above_payment"


def test_an_invoice_of_another_company_is_refused(world):
    other = CompanyFactory(approved=True)
    payment = payment_record(
        company=other,
        method="cheque",
        amount=Decimal("10.00"),
        received_on=date(2026, 3, 10),
        reference="x",
        actor=ACTOR,
    )
    with pytest.raises(BusinessError) as refused:
        payment_allocate(
            payment=payment, invoice=world["invoice"], amount=Decimal("10.00"), actor=ACTOR
        )
    assert refused.value.code == "allocation_other_company"


def test_staff_refund_the_credit_and_never_more_than_it(world):
    payment = _pay(world, "300.00")
    payment_allocate(
        payment=payment, invoice=world["invoice"], amount=Decimal("240.00"), actor=ACTOR
    )
    # 300,00 paid − 240,00 allocated = 60,00 of credit: 60,01 is refused, 60,00 refunded.
    with pytest.raises(BusinessError) as refused:
        payment_credit_refund(
            payment=payment,
            amount=Decimal("60.01"),
            refunded_on=date(2026, 3, 12),
            reference="VIR-REMB-1",
            actor=ACTOR,
        )
    assert (refused.value.code, refused.value.field) == ("refund_above_credit", "amount")
    assert "au plus 60,00" in refused.value.message
    payment_credit_refund(
        payment=payment,
        amount=Decimal("60.00"),
        refunded_on=date(2026, 3, 12),
        reference="VIR-REMB-1",
        actor=ACTOR,
    )
    assert company_payment_credit(company=world["company"]) == Decimal("0.00")
    with pytest.raises(BusinessError):  # nothing left to refund nor to allocate
        payment_credit_refund(
            payment=payment,
            amount=Decimal("0.01"),
            refunded_on=date(2026, 3, 12),
            reference="VIR-REMB-2",
            actor=ACTOR,
        )
