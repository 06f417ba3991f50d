"""The accounting group requests the seller-wide period archive in the admin, follows its
progress while the worker builds it, and downloads it with the ledger and the FEC."""

import csv
import io
import zipfile
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.tests.factories import CompanyFactory, UserFactory
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
