"""Staff screens: the KYC group, queue, review, decisions; commercial settings with history."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import (
    CompanyCommercialSettings,
    CompanyStatus,
    DocumentKind,
    DocumentStatus,
    FinancialReview,
    KycSubmission,
    SubmissionStatus,
)
from accounts.services import kyc_submit
from accounts.tests.factories import CompanyFactory, UserFactory, admin_of
from accounts.tests.kyc_helpers import upload_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    user = UserFactory(is_staff=True, email="kyc@seller.example")
    user.groups.add(Group.objects.get(name="Vérification KYC"))
    return user


@pytest.fixture
def submission(terms):
    company = CompanyFactory(legal_name="GAMMA SARL")
    admin = admin_of(company)
    today = timezone.localdate()
    upload_all(company, admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    return kyc_submit(company=company, user=admin)


def review_url(submission):
    return reverse("admin:accounts_kycsubmission_change", args=[submission.pk])


def test_the_kyc_group_has_the_review_permission_and_little_else():
    group = Group.objects.get(name="Vérification KYC")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "review_kyc" in codenames
    assert not any(code.startswith(("delete_", "add_")) for code in codenames)
    assert "manage_commercial_settings" not in codenames
    assert Permission.objects.filter(codename="review_kyc", content_type__app_label="accounts")


def test_the_queue_lists_submissions_waiting_for_a_decision(client, reviewer, submission):
    decided = KycSubmission.objects.create(
        company=CompanyFactory(legal_name="DELTA DECIDEE"),
        number=1,
        status=SubmissionStatus.APPROVED,
        submitted_on=date(2026, 1, 1),
        submitted_by=reviewer,
        kbis_max_age_months=3,
    )
    client.force_login(reviewer)
    html = client.get(reverse("admin:accounts_kycsubmission_changelist")).content.decode()
    assert "GAMMA SARL" in html
    assert "DELTA DECIDEE" not in html
    assert (
        decided.company.legal_name
        in client.get(
            reverse("admin:accounts_kycsubmission_changelist") + "?etat=all"
        ).content.decode()
    )


def test_the_review_page_shows_each_document_and_its_checks(client, reviewer, submission):
    client.force_login(reviewer)
    response = client.get(review_url(submission))
    assert response.status_code == 200
    html = response.content.decode()
    assert "GAMMA SARL" in html
    for label in ("Extrait Kbis", "recto", "verso", "RIB"):
        assert label in html
    assert "en cours de validité" in html
    recto = submission.documents.get(kind=DocumentKind.ID_FRONT)
    file_url = reverse("admin:accounts_kycdocument_file", args=[recto.pk])
    assert f'src="{file_url}"' in html
    response = client.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_reviewers_download_documents_never_open_them_inline(client, reviewer, submission):
    """A file a customer sent is never rendered by the browser as a page of the shop."""
    client.force_login(reviewer)
    for document in submission.documents.all():
        response = client.get(reverse("admin:accounts_kycdocument_file", args=[document.pk]))
        assert response["Content-Disposition"].startswith("attachment; filename=")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_an_accepted_piece_offers_only_to_refuse_it(client, reviewer, submission):
    client.force_login(reviewer)
    kbis = submission.documents.get(kind=DocumentKind.KBIS)
    url = reverse("admin:accounts_kycsubmission_document_decision", args=[submission.pk, kbis.pk])
    client.post(url, {"decision": "approve"})
    html = client.get(review_url(submission)).content.decode()
    article = html[html.index(f'id="document-{kbis.pk}"') :]
    article = article[: article.index("</article>")]
    assert "Accepter la pièce" not in article
    assert "Refuser la pièce" in article
    # The three pieces still under review offer both decisions.
    assert html.count("Accepter la pièce") == 3
    client.post(url, {"decision": "reject", "reason": "Illisible"})
    html = client.get(review_url(submission)).content.decode()
    article = html[html.index(f'id="document-{kbis.pk}"') :]
    article = article[: article.index("</article>")]
    assert "Accepter la pièce" in article and "Refuser la pièce" not in article


def test_the_history_names_states_in_the_reader_language(client, reviewer, submission):
    client.force_login(reviewer)
    html = client.get(review_url(submission)).content.decode()
    history = html[html.index('id="history-title"') :]
    # The submission moved the company from "draft" to "submitted".
    assert "Dossier à compléter → Dossier en cours de vérification" in history
    assert "draft" not in history and "submitted" not in history


def test_staff_without_the_kyc_permission_cannot_read_documents(client, submission):
    client.force_login(UserFactory(is_staff=True))
    document = submission.documents.first()
    assert (
        client.get(reverse("admin:accounts_kycdocument_file", args=[document.pk])).status_code
        == 404
    )
    assert client.get(review_url(submission)).status_code in (403, 404)


def test_a_customer_is_sent_to_the_admin_login(client, submission):
    client.force_login(submission.company.memberships.first().user)
    document = submission.documents.first()
    response = client.get(reverse("admin:accounts_kycdocument_file", args=[document.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reject_a_document_then_the_application(client, reviewer, submission):
    client.force_login(reviewer)
    kbis = submission.documents.get(kind=DocumentKind.KBIS)
    url = reverse("admin:accounts_kycsubmission_document_decision", args=[submission.pk, kbis.pk])
    response = client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    assert "Indiquez le motif" in response.content.decode()

    response = client.post(url, {"decision": "reject", "reason": "Kbis de 2019, pas récent"})
    assert response.status_code == 302
    kbis.refresh_from_db()
    assert (kbis.status, kbis.review_reason, kbis.reviewed_by) == (
        DocumentStatus.REJECTED,
        "Kbis de 2019, pas récent",
        reviewer,
    )

    decision_url = reverse("admin:accounts_kycsubmission_decision", args=[submission.pk])
    response = client.post(decision_url, {"decision": "approve"})
    assert response.status_code == 400
    assert "Acceptez d" in response.content.decode()

    response = client.post(
        decision_url, {"decision": "reject", "reason": "Merci d'envoyer un Kbis récent."}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    submission.company.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED
    assert submission.company.status == CompanyStatus.REJECTED


def test_approve_every_document_then_the_application(client, reviewer, submission):
    client.force_login(reviewer)
    for document in submission.documents.all():
        client.post(
            reverse(
                "admin:accounts_kycsubmission_document_decision",
                args=[submission.pk, document.pk],
            ),
            {"decision": "approve"},
        )
    response = client.post(
        reverse("admin:accounts_kycsubmission_decision", args=[submission.pk]),
        {"decision": "approve"},
    )
    assert response.status_code == 302
    submission.company.refresh_from_db()
    assert submission.company.status == CompanyStatus.APPROVED
    assert submission.company.approved_on == timezone.localdate()


@pytest.fixture
def credit_staff():
    user = UserFactory(is_staff=True, email="credit@seller.example")
    user.user_permissions.add(
        Permission.objects.get(codename="manage_commercial_settings"),
        Permission.objects.get(codename="view_companycommercialsettings"),
        Permission.objects.get(codename="add_financialreview"),
        Permission.objects.get(codename="view_financialreview"),
        Permission.objects.get(codename="view_company"),
    )
    return user


def settings_post(**changes):
    data = {
        "payment_methods": ["card", "transfer"],
        "payment_term": "cash_at_order",
        "deferred_days": "",
        "financial_review": "",
        "credit_limit": "0.00",
        "delivery_suspension_reason": "",
        **changes,
    }
    return data


def test_staff_settings_deferred_term_needs_a_review_and_history_is_kept(client, credit_staff):
    company = CompanyFactory()
    settings = CompanyCommercialSettings.objects.get(company=company)
    url = reverse("admin:accounts_companycommercialsettings_change", args=[settings.pk])
    client.force_login(credit_staff)
    assert client.get(url).status_code == 200

    response = client.post(url, settings_post(payment_term="deferred", deferred_days="30"))
    assert response.status_code == 200
    assert "analyse financière" in response.content.decode()
    settings.refresh_from_db()
    assert settings.payment_term == "cash_at_order"

    response = client.post(
        reverse("admin:accounts_financialreview_add"),
        {
            "company": company.pk,
            "conclusion": "favourable",
            "max_term_days": "30",
            "notes": "Bilans 2024-2025, assurance-crédit",
        },
    )
    assert response.status_code == 302
    review = FinancialReview.objects.get()
    assert review.reviewed_by == credit_staff

    response = client.post(
        url,
        settings_post(
            payment_methods=["transfer", "lcr"],
            payment_term="deferred",
            deferred_days="30",
            financial_review=review.pk,
            credit_limit="15000.00",
        ),
    )
    assert response.status_code == 302
    settings.refresh_from_db()
    assert (settings.payment_term, settings.deferred_days, settings.credit_limit) == (
        "deferred",
        30,
        Decimal("15000.00"),
    )
    assert settings.updated_by == credit_staff
    events = CompanyCommercialSettings.pgh_event_model.objects.filter(pgh_obj=settings)
    assert events.count() == 2
    latest = events.order_by("-pgh_id").first()
    assert latest.pgh_context.metadata["user"] == credit_staff.pk
    assert "15000" in client.get(url).content.decode()


def test_the_kyc_reviewer_cannot_change_commercial_settings(client, reviewer):
    company = CompanyFactory()
    settings = CompanyCommercialSettings.objects.get(company=company)
    client.force_login(reviewer)
    url = reverse("admin:accounts_companycommercialsettings_change", args=[settings.pk])
    assert client.post(url, settings_post(credit_limit="99999")).status_code == 403


def test_the_group_can_be_restored_with_exactly_its_permissions():
    from accounts.services import kyc_review_group_ensure

    group = Group.objects.get(name="Vérification KYC")
    group.permissions.add(Permission.objects.get(codename="delete_company"))
    group.delete()
    restored = kyc_review_group_ensure()
    assert sorted(restored.permissions.values_list("codename", flat=True)) == sorted(
        [
            "review_kyc",
            "view_company",
            "view_deliveryaddress",
            "view_kycdocument",
            "view_kycsubmission",
            "view_membership",
        ]
    )
    assert kyc_review_group_ensure().pk == restored.pk
