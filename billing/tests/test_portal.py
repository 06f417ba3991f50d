"""The accountants' portal: lists with filters, downloads, the period archive with its
progress; another company's documents are 404, a buyer without the role is refused."""

import io
import zipfile
from datetime import date

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from billing.models import AccountingExport, ExportStatus
from billing.services.credit_notes import credit_note_issue
from billing.services.exports import accounting_export_build
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.models import OutboxMessage
from core.outbox import outbox_deliver

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-04-20 10:00 +02:00", tick=False):
        yield


@pytest.fixture
def company():
    return company_on_deferred_term(days=30, legal_name="DELTA SAS")


@pytest.fixture
def accountant(client, company):
    user = UserFactory(email="compta@delta.example")
    MembershipFactory(company=company, user=user, roles=[Role.ACCOUNTANT])
    client.force_login(user)
    return user


@pytest.fixture
def documents(company):
    terms = published_terms(credit_note_validity_months=12)
    old = invoice_issue(
        company=company,
        terms=terms,
        lines=[line("100.00")],
        actor=ACTOR,
        issue_date=date(2026, 3, 1),
    )  # due 31 March: overdue on 20 April
    recent = invoice_issue(company=company, terms=terms, lines=[line("50.00")], actor=ACTOR)
    note = credit_note_issue(
        company=company,
        terms=terms,
        invoice=old,
        lines=[line("10.00")],
        reason="Geste commercial",
        actor=ACTOR,
    )
    return old, recent, note


def test_the_list_filters_overdue_invoices(client, accountant, documents):
    old, recent, note = documents
    url = reverse("billing_portal:document_list")
    page = client.get(url)
    assert page.status_code == 200
    assert old.number in page.text and recent.number in page.text and note.number in page.text
    overdue = client.get(url, {"status": "overdue"})
    assert old.number in overdue.text and recent.number not in overdue.text
    march = client.get(url, {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    assert old.number in march.text and recent.number not in march.text


def test_downloads_and_another_companys_document_is_404(client, accountant, documents):
    old, _recent, note = documents
    pdf = client.get(reverse("billing_portal:document_pdf", args=["facture", old.number]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    note_pdf = client.get(reverse("billing_portal:document_pdf", args=["avoir", note.number]))
    assert note_pdf.status_code == 200
    other = invoice_issue(
        company=CompanyFactory(approved=True), terms=old.terms, lines=[line()], actor=ACTOR
    )
    assert (
        client.get(
            reverse("billing_portal:document_pdf", args=["facture", other.number])
        ).status_code
        == 404
    )
    # UBL only for a Belgian seller
    assert (
        client.get(reverse("billing_portal:document_ubl", args=["facture", old.number])).status_code
        == 404
    )


def test_a_buyer_without_the_accountant_role_is_refused(client, company, documents):
    user = UserFactory()
    MembershipFactory(company=company, user=user, roles=[Role.BUYER])
    client.force_login(user)
    assert client.get(reverse("billing_portal:document_list")).status_code == 403


def test_the_period_archive_is_built_by_the_worker_with_its_progress(
    client, accountant, documents, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("billing_portal:archive_request"),
            {"archive-date_from": "2026-03-01", "archive-date_to": "2026-04-30"},
        )
    export = AccountingExport.objects.get()
    assert response.url == reverse("billing_portal:archive_detail", args=[export.pk])
    waiting = client.get(response.url)
    assert 'http-equiv="refresh"' in waiting.text
    accounting_export_build(export_id=export.pk)  # what the Celery worker runs
    export.refresh_from_db()
    assert (export.status, export.done_count, export.total_count) == (ExportStatus.DONE, 3, 3)
    assert "telecharger" in client.get(response.url).text
    download = client.get(reverse("billing_portal:archive_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = set(archive.namelist())
    assert {"ledger.csv", f"factures/{documents[0].number}.pdf"} <= names
    assert not any("FEC" in name for name in names)  # the seller's FEC is not the customer's


def test_each_issued_document_is_e_mailed_with_its_pdf(accountant, documents):
    old = documents[0]
    row = OutboxMessage.objects.get(key=f"invoice-mail:{old.pk}:{accountant.pk}")
    assert outbox_deliver(message_id=row.pk)
    message = mail.outbox[-1]
    assert message.to == [accountant.email] and old.number in message.subject
    assert message.attachments[0][0] == f"{old.number}.pdf"


def test_the_archive_page_shows_it_waits_for_the_worker_then_its_counts(
    client, company, accountant
):
    export = AccountingExport.objects.create(
        company=company,
        date_from=date(2026, 3, 1),
        date_to=date(2026, 3, 31),
        requested_by=accountant,
    )
    url = reverse("billing_portal:archive_detail", args=[export.pk])
    page = client.get(url).text
    assert '<p id="export-progress">En attente du traitement…</p>' in page
    assert "0 documents sur 0" not in page and 'http-equiv="refresh"' in page

    # running, 40 documents counted, 10 written: 10 × 100 // 40 = 25 %
    AccountingExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, done_count=10, total_count=40
    )
    page = client.get(url).text
    assert (
        '<p id="export-progress">10 documents sur 40. Cette page se met à jour toute seule.</p>'
        in page
    )
    assert '<progress max="100" value="25"' in page and "En attente" not in page
