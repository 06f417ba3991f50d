"""Without a Terms version in force, KYC refuses instead of using the model's defaults.

The seller here has a draft holding the defaults (Kbis 3 months, dormancy 12) and one
published version that enters into force only on 1 January 2030 (Kbis 2 months,
dormancy 6). Before that day no version is in force: every step that needs a number of
the terms refuses with `terms_missing`, pages still show, and the dormancy job marks
nobody. See docs/rules/accounts-kyc.md.
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from accounts.models import CompanyStatus, DocumentKind
from accounts.selectors import company_order_gate, kyc_terms, kyc_terms_in_force
from accounts.services import kyc_document_upload, kyc_submit, run_mark_dormant
from accounts.tests.factories import CompanyFactory, admin_of, pdf_upload
from core.errors import BusinessError
from shop.tests.factories import SellerFactory, TermsFactory

pytestmark = pytest.mark.django_db

MAY_15 = datetime(2026, 5, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def seller():
    seller = SellerFactory()
    TermsFactory(
        seller=seller,
        published=True,
        effective_date=date(2030, 1, 1),
        kbis_max_age_months=2,
        dormancy_months=6,
    )
    TermsFactory(seller=seller)  # a draft: the model defaults, never applied
    return seller


def test_no_terms_in_force_is_none_and_the_strict_read_refuses(seller):
    assert kyc_terms_in_force(on=date(2029, 12, 31)) is None
    with pytest.raises(BusinessError) as caught:
        kyc_terms(on=date(2029, 12, 31))
    assert caught.value.code == "terms_missing"
    in_force = kyc_terms(on=date(2030, 1, 1))
    assert (in_force.kbis_max_age_months, in_force.dormancy_months) == (2, 6)


def test_no_seller_at_all_refuses_too(db):
    with pytest.raises(BusinessError) as caught:
        kyc_terms(on=date(2026, 5, 15))
    assert caught.value.code == "terms_missing"


def test_a_kbis_upload_is_refused_not_checked_against_the_default_age(seller):
    """Under the default (3 months) an extract of 1 May would pass on 15 May."""
    company = CompanyFactory()
    user = admin_of(company)
    with pytest.raises(BusinessError) as caught:
        kyc_document_upload(
            company=company,
            kind=DocumentKind.KBIS,
            uploaded_file=pdf_upload("kbis.pdf"),
            user=user,
            issue_date=date(2026, 5, 1),
            now=MAY_15,
        )
    assert caught.value.code == "terms_missing"
    assert not company.kyc_documents.exists()


def test_submitting_is_refused_before_anything_else(seller):
    company = CompanyFactory()
    user = admin_of(company)
    with pytest.raises(BusinessError) as caught:
        kyc_submit(company=company, user=user, now=MAY_15)
    assert caught.value.code == "terms_missing"
    company.refresh_from_db()
    assert company.status == CompanyStatus.DRAFT


def test_the_order_gate_is_closed_and_says_why(seller):
    """Approved on 15 Jan 2026: under the default 12 months it would be open on 15 May."""
    company = CompanyFactory(approved=True, approved_on=date(2026, 1, 15))
    gate = company_order_gate(company=company, on=date(2026, 5, 15))
    assert (gate.is_open, gate.code) == (False, "terms_missing")
    # From 1 January 2030 the published version decides: 6 months after 15 Jan 2026.
    assert company_order_gate(company=company, on=date(2030, 1, 1)).code == "dormant"


def test_the_dormancy_job_marks_nobody_and_says_why(seller):
    """Approved on 15 Jan 2025: under the default 12 months it would be dormant in 2026."""
    company = CompanyFactory(approved=True, approved_on=date(2025, 1, 15))
    summary = run_mark_dormant(as_of=date(2026, 5, 15))
    assert (summary["marked_dormant"], summary["refused"]) == (0, "terms_missing")
    company.refresh_from_db()
    assert company.status == CompanyStatus.APPROVED


def test_company_and_documents_pages_still_show_without_the_number(seller, client):
    company = CompanyFactory(approved=True, approved_on=date(2026, 1, 15))
    client.force_login(admin_of(company))
    page = client.get(reverse("company")).content.decode()
    assert "Commandes fermées : conditions générales en cours de publication" in page
    company.status = CompanyStatus.DRAFT
    company.save(update_fields=["status"])
    documents = client.get(reverse("kyc_documents"))
    assert documents.status_code == 200
    assert "un extrait Kbis récent" in documents.content.decode()
    assert "Kbis de moins de" not in documents.content.decode()
