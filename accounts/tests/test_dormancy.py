"""Dormancy: approved companies without an order for the terms' period redo their KYC."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import CompanyStatus, DocumentStatus, KycDocument
from accounts.selectors import company_order_gate
from accounts.services import company_record_order, run_mark_dormant
from accounts.tests.factories import CompanyFactory, admin_of, pdf_upload
from core.audit import audit_history
from core.models import JobRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(terms):
    """Approved on 15 Jan 2025 with an approved document; last order on 10 Mar 2025."""
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    admin_of(company)
    from core.documents import document_store

    stored = document_store(
        content=pdf_upload().read(), filename="kbis.pdf", content_type="application/pdf", kind="kyc"
    )
    KycDocument.objects.create(
        company=company,
        kind="kbis",
        status=DocumentStatus.APPROVED,
        stored=stored,
        issue_date=date(2025, 1, 2),
        uploaded_by=company.memberships.first().user,
    )
    company_record_order(company=company, ordered_on=date(2025, 3, 10))
    return company


def run(day: str):
    call_command("run_daily_jobs", "--date", day)


def test_recording_an_order_keeps_the_latest_date(approved):
    company_record_order(company=approved, ordered_on=date(2025, 2, 1))
    approved.refresh_from_db()
    assert approved.last_order_on == date(2025, 3, 10)
    company_record_order(company=approved, ordered_on=date(2025, 4, 1))
    approved.refresh_from_db()
    assert approved.last_order_on == date(2025, 4, 1)


def test_the_day_before_twelve_months_nothing_happens(approved):
    run("2026-03-09")
    approved.refresh_from_db()
    assert approved.status == CompanyStatus.APPROVED
    assert company_order_gate(company=approved, on=date(2026, 3, 9)).is_open


def test_twelve_months_after_the_last_order_the_company_is_dormant(
    approved, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run("2026-03-10")

    approved.refresh_from_db()
    assert approved.status == CompanyStatus.DORMANT
    assert approved.dormant_since == date(2026, 3, 10)
    assert set(approved.kyc_documents.values_list("status", flat=True)) == {"expired"}
    events = list(audit_history(approved))
    assert [(e.from_state, e.to_state, e.actor_job) for e in events] == [
        ("approved", "dormant", "accounts.mark_dormant")
    ]
    assert events[0].data["dormancy_date"] == "2026-03-10"
    run_record = JobRun.objects.get(job="accounts.mark_dormant", as_of=date(2026, 3, 10))
    assert run_record.summary["marked_dormant"] == 1
    assert len(mail.outbox) == 1
    gate = company_order_gate(company=approved, on=date(2026, 3, 10))
    assert (gate.is_open, gate.code) == (False, "dormant")


def test_running_twice_changes_nothing_more(approved):
    run("2026-03-10")
    approved.refresh_from_db()
    audit_count = len(audit_history(approved))

    run("2026-03-10")
    run("2026-03-11")

    approved.refresh_from_db()
    assert approved.status == CompanyStatus.DORMANT
    assert approved.dormant_since == date(2026, 3, 10)
    assert len(audit_history(approved)) == audit_count
    summaries = [
        r.summary["marked_dormant"]
        for r in JobRun.objects.filter(job="accounts.mark_dormant").order_by("id")
    ]
    assert summaries == [1, 0, 0]


def test_a_job_run_late_still_catches_the_company(approved):
    run("2026-07-01")
    approved.refresh_from_db()
    assert approved.status == CompanyStatus.DORMANT
    assert approved.dormant_since == date(2026, 7, 1)


def test_never_ordered_counts_from_approval(terms):
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    assert run_mark_dormant(as_of=date(2026, 1, 14))["marked_dormant"] == 0
    assert run_mark_dormant(as_of=date(2026, 1, 15))["marked_dormant"] == 1
    company.refresh_from_db()
    assert company.status == CompanyStatus.DORMANT


def test_the_period_is_the_terms_number(terms):
    from shop.tests.factories import TermsFactory

    TermsFactory(
        seller=terms.seller, published=True, effective_date=date(2025, 6, 1), dormancy_months=6
    )
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    summary = run_mark_dormant(as_of=date(2025, 7, 15))
    assert (summary["dormancy_months"], summary["marked_dormant"]) == (6, 1)
    company.refresh_from_db()
    assert company.status == CompanyStatus.DORMANT


def test_other_statuses_are_left_alone(terms):
    draft = CompanyFactory(status=CompanyStatus.DRAFT)
    run_mark_dormant(as_of=date(2030, 1, 1))
    draft.refresh_from_db()
    assert draft.status == CompanyStatus.DRAFT


def test_gate_closes_on_the_dormancy_date_even_before_the_job_runs(approved):
    gate = company_order_gate(company=approved, on=date(2026, 3, 10))
    assert (gate.is_open, gate.code) == (False, "dormant")
    assert approved.status == CompanyStatus.APPROVED
