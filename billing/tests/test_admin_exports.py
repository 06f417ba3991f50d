"""The accounting group requests the seller-wide period archive in the admin, follows its
progress while the worker builds it, and downloads it with the ledger and the FEC."""

import csv
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from accounts.tests.factories import CompanyFactory, UserFactory
from billing.admin_exports import AccountingExportAdmin
from billing.models import AccountingExport, ExportStatus
from billing.services.exports import accounting_export_build
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from shop.models import Seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def accountant(client):
    user = UserFactory(is_staff=True, email="compta@seller.example")
    user.groups.add(Group.objects.get(name="Comptabilité"))
    client.force_login(user)
    return user


@pytest.fixture
def invoices():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        terms = published_terms()
        return [
            invoice_issue(
                company=CompanyFactory(approved=True, legal_name=name),
                terms=terms,
                lines=[line(amount)],
                actor=ACTOR,
            )
            for name, amount in (("DELTA SAS", "100.00"), ("EPSILON SARL", "250.50"))
        ]


def test_the_accounting_group_builds_and_downloads_the_sellers_archive(
    client, accountant, invoices, django_capture_on_commit_callbacks
):
    page = client.get(reverse("admin:billing_accountingexport_add"), follow=True)
    assert page.status_code == 200 and 'id="accounting-export-form"' in page.text
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("admin:billing_accountingexport_request"),
            {"date_from": "2026-03-01", "date_to": "2026-03-31"},
        )
    assert len(queued) == 1  # the build is sent to the worker once committed
    export = AccountingExport.objects.get()
    assert export.company is None and export.requested_by == accountant
    progress_url = reverse("admin:billing_accountingexport_progress", args=[export.pk])
    assert response.url == progress_url
    waiting = client.get(progress_url)
    assert 'http-equiv="refresh"' in waiting.text and "<progress" in waiting.text

    accounting_export_build(export_id=export.pk)  # what the Celery worker runs

    done = client.get(progress_url)
    assert 'http-equiv="refresh"' not in done.text and 'id="export-download"' in done.text
    listing = client.get(reverse("admin:billing_accountingexport_changelist"))
    assert "2 / 2 (100 %)" in listing.text
    download = client.get(reverse("admin:billing_accountingexport_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    fec_name = f"{Seller.objects.get().siren}FEC20260331.txt"
    assert {"ledger.csv", fec_name, *(f"factures/{i.number}.pdf" for i in invoices)} <= set(
        archive.namelist()
    )
    rows = list(csv.DictReader(io.StringIO(archive.read("ledger.csv").decode()), delimiter=";"))
    # 100.00 + 20 % = 120.00 and 250.50 + 20 % (50.10) = 300.60: 420.60 in all
    assert sum(Decimal(row["total_ttc"]) for row in rows) == Decimal("420.60")


def test_a_reversed_period_is_refused_with_the_field_named(client, accountant):
    response = client.post(
        reverse("admin:billing_accountingexport_request"),
        {"date_from": "2026-03-31", "date_to": "2026-03-01"},
    )
    assert response.status_code == 200
    assert "400 jours" in response.text and 'value="2026-03-31"' in response.text
    assert not AccountingExport.objects.exists()


def test_staff_outside_the_group_cannot_request_or_download(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:billing_accountingexport_request")).status_code == 302
    export = AccountingExport.objects.create(
        date_from="2026-03-01",
        date_to="2026-03-31",
        status=ExportStatus.DONE,
        requested_by=UserFactory(),
    )
    download = client.get(reverse("admin:billing_accountingexport_download", args=[export.pk]))
    assert download.status_code == 302


def test_an_export_the_worker_has_not_counted_shows_it_waits_then_its_counts(client, accountant):
    export = AccountingExport.objects.create(
        date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), requested_by=accountant
    )
    listing_url = reverse("admin:billing_accountingexport_changelist")
    progress_url = reverse("admin:billing_accountingexport_progress", args=[export.pk])
    for status in (ExportStatus.PENDING, ExportStatus.RUNNING):  # queued, then started
        AccountingExport.objects.filter(pk=export.pk).update(status=status)
        listing = client.get(listing_url).text
        assert "En attente du traitement…" in listing and "0 / 0" not in listing
        page = client.get(progress_url).text
        assert '<p id="export-progress">En attente du traitement…</p>' in page
        assert "documents sur" not in page

    # the worker has counted 12 documents and written 3: 3 × 100 // 12 = 25 %
    AccountingExport.objects.filter(pk=export.pk).update(done_count=3, total_count=12)
    assert "3 / 12 (25 %)" in client.get(listing_url).text
    page = client.get(progress_url).text
    assert (
        '<p id="export-progress">3 documents sur 12. Cette page se met à jour toute seule.</p>'
        in page
    )
    assert '<progress max="100" value="25"' in page


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Waiting to be processed…"), ("nl", "Wacht op verwerking…")]
)
def test_the_waiting_state_is_translated(accountant, language, text):
    export = AccountingExport.objects.create(
        date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), requested_by=accountant
    )
    with translation.override(language):
        assert f">{text}</a>" in AccountingExportAdmin(AccountingExport, admin.site).progress(
            export
        )
