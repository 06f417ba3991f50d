"""KYC files are deleted KYC_RETENTION_YEARS after the relationship ends, not a day earlier."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import CompanyStatus, DocumentStatus, KycDocument
from accounts.services import company_record_order
from accounts.services.retention import kyc_files_erasure_date, relationship_end
from accounts.tests.factories import CompanyFactory, admin_of, pdf_upload
from core.audit import audit_history
from core.documents import document_path, document_store

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def company(terms, settings):
    """Approved 15 Jan 2025, last order 10 Mar 2025: dormant on 10 Mar 2026 (12 months)."""
    settings.KYC_RETENTION_YEARS = 5
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    admin = admin_of(company)
    stored = document_store(
        content=pdf_upload().read(), filename="kbis.pdf", content_type="application/pdf", kind="kyc"
    )
    KycDocument.objects.create(
        company=company,
        kind="bank_details",
        status=DocumentStatus.APPROVED,
        stored=stored,
        iban="FR7630006000011234567890189",
        uploaded_by=admin,
    )
    company_record_order(company=company, ordered_on=date(2025, 3, 10))
    return company


def run_day(day: date, capture):
    """The daily jobs of `day`, run at 02:00 in Paris as beat would, after-commit work done."""
    with (
        time_machine.travel(datetime(day.year, day.month, day.day, 2, tzinfo=PARIS), tick=False),
        capture(execute=True),
    ):
        call_command("run_daily_jobs", "--date", day.isoformat())


def erasures(company):
    return [e for e in audit_history(company) if e.field == "kyc_files"]


def test_files_are_kept_five_years_after_dormancy_then_deleted_once(
    company, django_capture_on_commit_callbacks
):
    run_day(date(2026, 3, 10), django_capture_on_commit_callbacks)
    company.refresh_from_db()
    assert (company.status, company.dormant_since) == (CompanyStatus.DORMANT, date(2026, 3, 10))
    # 10 Mar 2026 + 5 years = 10 Mar 2031.
    assert relationship_end(company=company) == date(2026, 3, 10)
    assert kyc_files_erasure_date(company=company) == date(2031, 3, 10)
    document = company.kyc_documents.get()
    path = document_path(document.stored)

    run_day(date(2031, 3, 9), django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert document.erased_at is None and path.exists()
    assert erasures(company) == []

    run_day(date(2031, 3, 10), django_capture_on_commit_callbacks)
    document.refresh_from_db()
    assert not path.exists()
    assert document.erased_at == datetime(2031, 3, 10, 2, tzinfo=PARIS)
    assert document.iban == "FR76 •••• 0189"
    (event,) = erasures(company)
    assert (event.from_state, event.to_state, event.actor_job) == (
        "kept",
        "erased",
        "accounts.erase_kyc_files",
    )
    assert event.data["relationship_ended_on"] == "2026-03-10"
    assert event.data["documents"] == [
        {"id": document.pk, "kind": "bank_details", "sha256": document.stored.sha256}
    ]

    run_day(date(2031, 3, 11), django_capture_on_commit_callbacks)
    assert len(erasures(company)) == 1


def test_a_later_order_moves_the_end_of_the_relationship(
    company, django_capture_on_commit_callbacks
):
    company_record_order(company=company, ordered_on=date(2026, 3, 1))
    run_day(date(2027, 3, 1), django_capture_on_commit_callbacks)
    company.refresh_from_db()
    assert company.dormant_since == date(2027, 3, 1)
    assert kyc_files_erasure_date(company=company) == date(2032, 3, 1)
    run_day(date(2031, 3, 10), django_capture_on_commit_callbacks)
    assert company.kyc_documents.get().erased_at is None


def test_an_approved_company_never_loses_its_files(terms):
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    assert relationship_end(company=company) is None
    assert kyc_files_erasure_date(company=company) is None


def test_an_erased_file_is_no_longer_served(company, client, django_capture_on_commit_callbacks):
    from django.urls import reverse

    run_day(date(2026, 3, 10), django_capture_on_commit_callbacks)
    run_day(date(2031, 3, 10), django_capture_on_commit_callbacks)
    document = company.kyc_documents.get()
    client.force_login(company.memberships.get().user)
    assert client.get(reverse("kyc_document", args=[document.pk])).status_code == 404
