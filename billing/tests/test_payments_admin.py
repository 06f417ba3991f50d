"""Staff in the admin: importing a statement, confirming its proposals, recording a
cheque; cash is not offered; bad files come back with their message."""

from __future__ import annotations

from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import CompanyFactory, UserFactory
from billing.models import BankStatementLine, InvoiceStatus, LineStatus, Payment
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from billing.tests.statement_files import Tx, camt053

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_staff_import_a_statement_and_confirm_its_proposals(admin_client):
    terms = published_terms()
    company = CompanyFactory(approved=True)
    invoice = invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)
    upload = SimpleUploadedFile(
        "releve.xml", camt053([[Tx("120.00", "TX-1", free=invoice.number)]])
    )
    response = admin_client.post("/admin/billing/bankstatement/add/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 ligne(s) ajoutée(s), 0 déjà importée(s)" in page
    assert "1 rapprochement(s) proposé(s)" in page
    statement_line = BankStatementLine.objects.get()
    response = admin_client.post(
        "/admin/billing/bankstatementline/",
        {"action": "confirm_proposals", "_selected_action": [statement_line.pk]},
        follow=True,
    )
    assert "1 rapprochement(s) confirmé(s)" in response.content.decode()
    statement_line.refresh_from_db()
    invoice.refresh_from_db()
    assert statement_line.status == LineStatus.CONFIRMED
    assert invoice.status == InvoiceStatus.PAID


def test_a_malformed_statement_comes_back_with_its_message(admin_client):
    upload = SimpleUploadedFile("releve.xml", b"<Document><oops>")
    response = admin_client.post("/admin/billing/bankstatement/add/", {"file": upload})
    assert response.status_code == 200
    assert "relevé CAMT.053 lisible" in response.content.decode()
    assert not BankStatementLine.objects.exists()


def test_staff_record_a_cheque_and_cash_is_not_offered(admin_client):
    company = CompanyFactory(approved=True)
    page = admin_client.get("/admin/billing/payment/enregistrer/").content.decode()
    assert 'value="cheque"' in page and 'value="cash"' not in page
    response = admin_client.post(
        "/admin/billing/payment/enregistrer/",
        {
            "company": company.pk,
            "method": "cheque",
            "amount": "99.90",
            "received_on": "2026-03-10",
            "reference": "CHQ 0001234",
        },
        follow=True,
    )
    assert response.status_code == 200
    payment = Payment.objects.get()
    assert (payment.amount, payment.method, payment.status) == (
        Decimal("99.90"),
        "cheque",
        "validated",
    )
    refused = admin_client.post(
        "/admin/billing/payment/enregistrer/",
        {
            "company": company.pk,
            "method": "cash",
            "amount": "5",
            "received_on": "2026-03-10",
            "reference": "x",
        },
    )
    assert refused.status_code == 200 and Payment.objects.count() == 1


def test_the_payment_pages_open(admin_client):
    for url in (
        "/admin/billing/payment/",
        "/admin/billing/providerevent/",
        "/admin/billing/bankstatement/",
        "/admin/billing/bankstatementline/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_staff_allocate_a_line_by_hand_and_refund_the_credit_in_the_admin(admin_client):
    terms = published_terms()
    company = CompanyFactory(approved=True)
    invoice = invoice_issue(company=company, terms=terms, lines=[line()], actor=ACTOR)  # 120,00
    upload = SimpleUploadedFile("releve.xml", camt053([[Tx("150.00", "TX-1", payer="X")]]))
    admin_client.post("/admin/billing/bankstatement/add/", {"file": upload})
    statement_line = BankStatementLine.objects.get()
    response = admin_client.post(
        "/admin/billing/bankstatementline/",
        {"action": "allocate_by_hand", "_selected_action": [statement_line.pk]},
    )
    url = f"/admin/billing/bankstatementline/{statement_line.pk}/affecter/"
    assert response["Location"] == url
    # A typo names its line and keeps the input; 150,00 above the 120,00 due is refused.
    typo = admin_client.post(url, {"company": company.pk, "allocations": f"{invoice.number}"})
    assert "Ligne 1 illisible" in typo.content.decode()
    above = admin_client.post(url, {"company": company.pk, "allocations": f"{invoice.number} 150"})
    assert "au plus 120,00" in above.content.decode()
    assert f"{invoice.number} 150" in above.content.decode()
    done = admin_client.post(
        url, {"company": company.pk, "allocations": f"{invoice.number} 120,00"}
    )
    assert done.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    payment = Payment.objects.get()
    refund_url = f"/admin/billing/payment/{payment.pk}/rembourser/"
    page = admin_client.get(refund_url).content.decode()
    assert "crédit disponible : 30,00" in page  # 150,00 − 120,00
    too_much = admin_client.post(
        refund_url, {"amount": "30.01", "refunded_on": "2026-03-12", "reference": "R1"}
    )
    assert "au plus 30,00" in too_much.content.decode()
    assert (
        admin_client.post(
            refund_url, {"amount": "30.00", "refunded_on": "2026-03-12", "reference": "R1"}
        ).status_code
        == 302
    )
