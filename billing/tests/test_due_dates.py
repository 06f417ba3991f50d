"""Due dates: the company's term from the Terms' starting point, DROM-COM at the latest day 21."""

from datetime import date

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.errors import BusinessError

pytestmark = pytest.mark.django_db


def issue(company, terms, **kwargs):
    return invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR, **kwargs)


def test_paid_at_order_the_invoice_is_due_on_its_date():
    terms = published_terms(standard_payment_term="cash_at_order")
    invoice = issue(CompanyFactory(approved=True), terms, issue_date=date(2026, 3, 10))
    assert (invoice.due_date, invoice.payment_term_days) == (date(2026, 3, 10), None)


def test_deferred_term_runs_from_the_invoice_date():
    terms = published_terms(deferred_payment_from="invoice_date")
    company = company_on_deferred_term(days=30)
    invoice = issue(company, terms, issue_date=date(2026, 1, 31))
    # 31 Jan + 30 days: 28 Feb is +28, 2 Mar is +30
    assert invoice.due_date == invoice.original_due_date == date(2026, 3, 2)
    assert (invoice.payment_term_days, invoice.payment_term_start) == (30, "invoice_date")


def test_standard_term_of_001_runs_from_the_delivery_date():
    terms = published_terms(
        standard_payment_term="net_days",
        standard_payment_days=30,
        standard_payment_from="delivery_date",
    )
    company = CompanyFactory(approved=True)
    invoice = issue(company, terms, issue_date=date(2026, 3, 1), delivery_date=date(2026, 2, 27))
    # 27 Feb + 30 days: 28 Feb is +1, 29 Mar is +30
    assert invoice.due_date == date(2026, 3, 29)
    with pytest.raises(BusinessError) as refused:
        issue(company, terms, issue_date=date(2026, 3, 1))
    assert refused.value.code == "invoice_delivery_date_required"


def test_deferred_term_granted_under_001_runs_from_delivery_too():
    terms = published_terms(deferred_payment_from="delivery_date")
    company = company_on_deferred_term(days=45)
    invoice = issue(company, terms, issue_date=date(2026, 3, 1), delivery_date=date(2026, 3, 3))
    # 3 Mar + 45 days: 31 Mar is +28, 17 Apr is +45
    assert invoice.due_date == date(2026, 4, 17)


@pytest.mark.parametrize(
    ("latest_day", "postal_code", "expected"),
    [
        # Martinique, 004: day 1 = 10 Mar, day 21 = 30 Mar; 30 Mar + 30 days = 29 Apr
        (21, "97200", date(2026, 4, 29)),
        # day 1 is the invoice date itself: same due date as without the rule
        (1, "97200", date(2026, 4, 9)),
        # metropolitan customer: 10 Mar + 30 days = 9 Apr
        (21, "75010", date(2026, 4, 9)),
        # Terms without the rule: 9 Apr in the DROM-COM too
        (None, "97200", date(2026, 4, 9)),
    ],
)
def test_drom_com_customers_term_runs_at_the_latest_from_the_21st_day(
    latest_day, postal_code, expected
):
    terms = published_terms(
        deferred_payment_from="invoice_date", overseas_term_start_latest_day=latest_day
    )
    company = company_on_deferred_term(days=30)
    address = company.delivery_addresses.get()
    address.postal_code = postal_code
    address.save()
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        invoice = issue(company, terms, delivery_address=address)
    assert invoice.due_date == expected
