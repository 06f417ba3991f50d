"""The statement of account: invoices, credit notes, payments and refunds of a period with
the running balance, as a page and a PDF, for the company's accountants and in the admin."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from billing.account_statement import account_statement
from billing.services.allocations import payment_allocate, payment_credit_refund, payment_record
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-20 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def company():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    # 10 Feb: 120,00 TTC (100,00 HT + 20 %); 10 March: 240,00 TTC (2 × 100,00 HT + 20 %).
    february = invoice_issue(
        company=company, terms=terms, lines=[line()], issue_date=date(2026, 2, 10), actor=ACTOR
    )
    march = invoice_issue(
        company=company,
        terms=terms,
        lines=[line(quantity=2)],
        issue_date=date(2026, 3, 10),
        actor=ACTOR,
    )
    payment = payment_record(
        company=company,
        method="cheque",
        amount=Decimal("400.00"),
        received_on=date(2026, 3, 12),
        reference="CHQ 77",
        actor=ACTOR,
    )
    payment_allocate(payment=payment, invoice=february, amount=Decimal("120.00"), actor=ACTOR)
    payment_allocate(payment=payment, invoice=march, amount=Decimal("240.00"), actor=ACTOR)
    payment_credit_refund(
        payment=payment,
        amount=Decimal("15.00"),
        refunded_on=date(2026, 3, 15),
        reference="VIR-REMB-1",
        actor=ACTOR,
    )
    return company


def test_the_movements_of_a_period_with_the_opening_and_running_balance(company):
    statement = account_statement(
        company=company, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31)
    )
    # Before 1 March: the February invoice, 120,00 owed.
    assert statement.opening_balance == Decimal("120.00")
    rows = [(m.on, m.debit, m.credit, m.balance) for m in statement.movements]
    assert rows == [
        (date(2026, 3, 10), Decimal("240.00"), Decimal("0"), Decimal("360.00")),  # 120 + 240
        (date(2026, 3, 12), Decimal("0"), Decimal("400.00"), Decimal("-40.00")),  # 360 − 400
        (date(2026, 3, 15), Decimal("15.00"), Decimal("0"), Decimal("-25.00")),  # −40 + 15
    ]
    # 25,00 of credit is left: 400,00 paid − 360,00 invoiced − 15,00 refunded.
    assert statement.closing_balance == Decimal("-25.00")


def _accountant(company):
    user = UserFactory()
    MembershipFactory(company=company, user=user, roles=[Role.ACCOUNTANT])
    return user


def test_the_accountant_reads_the_page_and_downloads_the_pdf(client, company):
    client.force_login(_accountant(company))
    page = client.get(
        reverse("billing_portal:statement"), {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-reference="CHQ 77"' in text and "VIR-REMB-1" in text
    assert "-25,00" in text
    pdf = client.get(
        reverse("billing_portal:statement_pdf"),
        {"date_from": "2026-03-01", "date_to": "2026-03-31"},
    )
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert pdf.content.startswith(b"%PDF")


def test_a_reversed_period_is_named_and_the_default_shown(client, company):
    client.force_login(_accountant(company))
    page = client.get(
        reverse("billing_portal:statement"), {"date_from": "2026-03-31", "date_to": "2026-03-01"}
    )
    assert page.status_code == 200
    assert "La fin de la période précède son début." in page.content.decode()


def test_a_buyer_without_the_accountant_role_is_refused(client, company):
    user = UserFactory()
    MembershipFactory(company=company, user=user, roles=[Role.BUYER])
    client.force_login(user)
    assert client.get(reverse("billing_portal:statement_pdf")).status_code == 403


def test_staff_read_a_companys_statement_and_its_pdf_in_the_admin(client, company):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:billing_payment_account_statement")
    query = {"company": company.pk, "date_from": "2026-01-01", "date_to": "2026-03-31"}
    page = client.get(url, query).content.decode()
    assert "VIR-REMB-1" in page and "-25,00" in page
    pdf = client.get(url, {**query, "pdf": "1"})
    assert pdf.content.startswith(b"%PDF")
