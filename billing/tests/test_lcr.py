"""LCR drafts (000 art. 4, 004 art. 5), payment incidents, cash on delivery with its fee."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.models import CompanyCommercialSettings
from accounts.tests.factories import CompanyFactory, UserFactory
from billing.models import (
    IncidentKind,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    LcrStatus,
    PaymentIncident,
    PaymentStatus,
)
from billing.services.allocations import payment_record
from billing.services.arrears import company_prepayment_require
from billing.services.invoices import invoice_issue
from billing.services.lcr import (
    lcr_draft_issue,
    lcr_paid_record,
    lcr_reject,
    lcr_return_record,
)
from billing.tests.factories import ACTOR, line, published_terms
from core.errors import BusinessError
from core.jobs import registered_jobs, run_daily_jobs
from shop.models.terms_choices import LcrNotReturnedEffect, PaymentMethod

pytestmark = pytest.mark.django_db

MARCH_10 = date(2026, 3, 10)


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


def terms_000(**fields):
    return published_terms(
        payment_methods=["card", "transfer", "cash_on_delivery"],
        payment_methods_by_agreement=["lcr"],
        lcr_return_days=8,
        lcr_not_returned_effect=LcrNotReturnedEffect.DUE_IMMEDIATELY,
        **fields,
    )


def terms_004():
    return published_terms(
        payment_methods=["card", "transfer"],
        payment_methods_by_agreement=["lcr"],
        deferred_payment_method=PaymentMethod.LCR,
        lcr_return_days=30,
        lcr_not_returned_effect=LcrNotReturnedEffect.PAYMENT_DEFAULT,
        lcr_rejection_fee=Decimal("15.00"),
        prepayment_after_incident=True,
    )


def lcr_company(*methods: str):
    company = CompanyFactory(approved=True)
    CompanyCommercialSettings.objects.filter(company=company).update(
        payment_methods=list(methods or ("transfer", "lcr"))
    )
    return company


def lcr_invoice(terms, company=None):
    # 2 × 100,00 HT + 20 % VAT = 240,00 TTC, issued on 10 March.
    return invoice_issue(
        company=company or lcr_company(),
        terms=terms,
        lines=[line(quantity=2)],
        actor=ACTOR,
        payment_method=PaymentMethod.LCR,
    )


def run_lcr_job(day: date):
    job = next(job for job in registered_jobs() if job.name == "billing.lcr_returns")
    return run_daily_jobs(as_of=day, jobs=[job])[0].summary


def test_an_lcr_invoice_is_due_30_days_net_from_its_date_whatever_the_usual_term():
    invoice = lcr_invoice(terms_004())
    # The company pays cash at order; on LCR: 10 March + 30 days = 9 April (31 days in March).
    assert (invoice.due_date, invoice.payment_term_days) == (date(2026, 4, 9), 30)
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    assert (draft.amount, draft.maturity_date, draft.sent_on) == (
        Decimal("240.00"),
        date(2026, 4, 9),
        MARCH_10,
    )
    assert lcr_draft_issue(invoice=invoice, actor=ACTOR) == draft  # one draft per invoice


def test_a_company_not_granted_the_lcr_gets_no_draft():
    invoice = lcr_invoice(terms_004(), company=lcr_company("card", "transfer"))
    with pytest.raises(BusinessError) as refused:
        lcr_draft_issue(invoice=invoice, actor=ACTOR)
    assert refused.value.code == "lcr_not_granted"


def test_000_the_draft_returned_on_day_8_is_in_time_on_day_9_the_amount_is_due_at_once():
    invoice = lcr_invoice(terms_000())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    # Sent 10 March, 8 days: the period ends at the end of 18 March.
    assert draft.return_by == date(2026, 3, 18)
    with pytest.raises(BusinessError) as late:
        lcr_return_record(draft=draft, returned_on=date(2026, 3, 19), actor=ACTOR)
    assert late.value.code == "lcr_return_late"
    assert "18/03/2026" in late.value.message
    assert run_lcr_job(date(2026, 3, 18)) == {"not_returned": 0}
    assert run_lcr_job(date(2026, 3, 19)) == {"not_returned": 1}
    draft.refresh_from_db()
    invoice.refresh_from_db()
    # Due at once from the first day after the period, instead of 9 April; no incident.
    assert (draft.status, invoice.due_date, invoice.original_due_date) == (
        LcrStatus.NOT_RETURNED,
        date(2026, 3, 19),
        date(2026, 4, 9),
    )
    assert not PaymentIncident.objects.exists()
    assert run_lcr_job(date(2026, 3, 20)) == {"not_returned": 0}  # handled once


def test_000_a_draft_returned_on_the_last_day_stays_on_its_term():
    invoice = lcr_invoice(terms_000())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    lcr_return_record(draft=draft, returned_on=date(2026, 3, 18), actor=ACTOR)
    run_lcr_job(date(2026, 3, 19))
    draft.refresh_from_db()
    invoice.refresh_from_db()
    assert (draft.status, draft.returned_on, invoice.due_date) == (
        LcrStatus.ACCEPTED,
        date(2026, 3, 18),
        date(2026, 4, 9),
    )


def test_004_not_returned_within_30_days_is_a_payment_default():
    invoice = lcr_invoice(terms_004())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    # Sent 10 March, 30 days: the period ends at the end of 9 April (day 30).
    assert draft.return_by == date(2026, 4, 9)
    assert run_lcr_job(date(2026, 4, 9)) == {"not_returned": 0}
    assert run_lcr_job(date(2026, 4, 10)) == {"not_returned": 1}  # day 31
    incident = PaymentIncident.objects.get()
    assert (incident.kind, incident.occurred_on, incident.company_id) == (
        IncidentKind.LCR_NOT_RETURNED,
        date(2026, 4, 10),
        invoice.company_id,
    )
    invoice.refresh_from_db()
    assert invoice.due_date == date(2026, 4, 9)  # already due before: never moved later


def test_004_a_rejected_draft_charges_the_terms_fee_and_allows_prepayment():
    invoice = lcr_invoice(terms_004())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    lcr_return_record(draft=draft, returned_on=date(2026, 3, 20), actor=ACTOR)
    staff = UserFactory()
    with pytest.raises(BusinessError):  # no incident yet
        company_prepayment_require(company=invoice.company, user=staff)
    draft = lcr_reject(draft=draft, rejected_on=date(2026, 4, 9), actor=ACTOR)
    fee = draft.fee_invoice
    # EUR 15 from the Terms, an indemnity outside the scope of VAT: 15,00 TTC.
    assert (fee.kind, fee.total_ht, fee.total_vat, fee.total_ttc, fee.issue_date) == (
        InvoiceKind.FEE,
        Decimal("15.00"),
        Decimal("0.00"),
        Decimal("15.00"),
        date(2026, 4, 9),
    )
    assert fee.lines.get().designation == f"Frais de LCR rejetée — {invoice.number}"
    assert PaymentIncident.objects.get().kind == IncidentKind.LCR_REJECTED
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.ISSUED  # still due
    company_prepayment_require(company=invoice.company, user=staff)
    assert CompanyCommercialSettings.objects.get(company=invoice.company).prepayment_required


def test_under_terms_without_prepayment_a_rejected_draft_does_not_allow_it():
    invoice = lcr_invoice(terms_000())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    draft = lcr_reject(draft=draft, rejected_on=date(2026, 4, 9), actor=ACTOR)
    assert draft.fee_invoice is None  # 000 sets no rejection fee
    with pytest.raises(BusinessError) as refused:
        company_prepayment_require(company=invoice.company, user=UserFactory())
    assert refused.value.code == "prepayment_no_incident"


def test_a_draft_paid_at_maturity_pays_the_invoice():
    invoice = lcr_invoice(terms_004())
    draft = lcr_draft_issue(invoice=invoice, actor=ACTOR)
    lcr_return_record(draft=draft, returned_on=date(2026, 3, 20), actor=ACTOR)
    draft = lcr_paid_record(draft=draft, paid_on=date(2026, 4, 9), actor=ACTOR)
    invoice.refresh_from_db()
    assert (draft.status, draft.payment.method, draft.payment.status) == (
        LcrStatus.PAID,
        PaymentMethod.LCR,
        PaymentStatus.VALIDATED,
    )
    assert (invoice.status, invoice.paid_on) == (InvoiceStatus.PAID, date(2026, 4, 9))
    with pytest.raises(BusinessError):  # paid once
        lcr_reject(draft=draft, rejected_on=date(2026, 4, 10), actor=ACTOR)


def _cod(company, method="cash_on_delivery", fee="8.00"):
    return payment_record(
        company=company,
        method=method,
        amount=Decimal("240.00"),
        received_on=MARCH_10,
        reference="COLISSIMO 8R123",
        order_reference="CMD-2026-000001",
        actor=ACTOR,
        cod_fee_ht=Decimal(fee),
    )


def test_cash_on_delivery_is_recorded_with_its_fee_invoiced():
    terms_000(cash_on_delivery_fee_charged=True)
    company = CompanyFactory(approved=True)
    payment = _cod(company)
    assert (payment.status, payment.validated_on) == (PaymentStatus.VALIDATED, MARCH_10)
    fee = Invoice.objects.get(kind=InvoiceKind.FEE)
    # 8,00 HT + 20 % VAT (1,60) = 9,60 TTC.
    assert (fee.company, fee.total_ht, fee.total_vat, fee.total_ttc) == (
        company,
        Decimal("8.00"),
        Decimal("1.60"),
        Decimal("9.60"),
    )


@pytest.mark.parametrize(("charged", "method"), [(False, "cash_on_delivery"), (True, "cheque")])
def test_a_cod_fee_is_refused_where_the_terms_charge_none_or_on_another_method(charged, method):
    terms_000(cash_on_delivery_fee_charged=charged)
    with pytest.raises(BusinessError) as refused:
        _cod(CompanyFactory(approved=True), method=method)
    assert (refused.value.code, refused.value.field) == ("cod_fee_refused", "cod_fee_ht")
    assert not Invoice.objects.exists()
