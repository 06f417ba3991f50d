"""Every customer-facing URL of the accounts app shows only the user's own company.

URLs naming an object of another company answer 404 (GET and POST); pages without an
identifier show the user's company and nothing of the other one.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import CompanyStatus, DocumentKind, Invitation, Membership
from accounts.services import invitation_create, kyc_document_upload
from accounts.tests.factories import (
    CompanyFactory,
    MembershipFactory,
    UserFactory,
    admin_of,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(terms):
    """Company A (with a document, a colleague, an invitation) and company B's administrator."""
    alpha = CompanyFactory(
        legal_name="ALPHA SECRETE",
        siren="303265045",
        siret="30326504500011",
        vat_number="FR40303265045",
    )
    alpha_admin = admin_of(alpha, email="boss@alpha.example")
    colleague = MembershipFactory(company=alpha, user=UserFactory(email="colleague@alpha.example"))
    document = kyc_document_upload(
        company=alpha,
        kind=DocumentKind.KBIS,
        uploaded_file=pdf_upload("kbis-alpha-confidentiel.pdf"),
        user=alpha_admin,
        issue_date=timezone.localdate(),
    )
    invitation = invitation_create(
        company=alpha, user=alpha_admin, email="invited@alpha.example", roles=["buyer"]
    )
    beta = CompanyFactory(legal_name="BETA")
    beta_admin = admin_of(beta, email="boss@beta.example")
    return {
        "alpha": alpha,
        "alpha_admin": alpha_admin,
        "colleague": colleague,
        "document": document,
        "invitation": invitation,
        "beta_admin": beta_admin,
    }


OBJECT_URLS = [
    ("kyc_document", "document", "get"),
    ("membership_edit", "colleague", "get"),
    ("membership_edit", "colleague", "post"),
    ("invitation_revoke", "invitation", "post"),
]


@pytest.mark.parametrize(("name", "key", "method"), OBJECT_URLS)
def test_another_company_s_objects_are_404(client, world, name, key, method):
    client.force_login(world["beta_admin"])
    url = reverse(name, args=[world[key].pk])
    data = {"action": "deactivate"} if name == "membership_edit" else {}
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    # Nothing changed on company A's side.
    assert Membership.objects.get(pk=world["colleague"].pk).is_active
    assert Invitation.objects.get(pk=world["invitation"].pk).revoked_at is None


@pytest.mark.parametrize(("name", "key", "method"), OBJECT_URLS)
def test_the_same_urls_work_for_the_company_itself(client, world, name, key, method):
    """The 404 above is about the company, not a broken URL."""
    client.force_login(world["alpha_admin"])
    url = reverse(name, args=[world[key].pk])
    response = getattr(client, method)(url, {"action": "roles", "roles": ["buyer"]})
    assert response.status_code in (200, 302)


@pytest.mark.parametrize("name", ["company", "kyc_documents", "company_users"])
def test_company_pages_show_only_the_user_s_company(client, world, name):
    client.force_login(world["beta_admin"])
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    for secret in (
        "ALPHA SECRETE",
        "303265045",
        "boss@alpha.example",
        "colleague@alpha.example",
        "invited@alpha.example",
        "kbis-alpha-confidentiel.pdf",
    ):
        assert secret not in html
    assert "BETA" in html or "boss@beta.example" in html


def test_submitting_acts_on_the_user_s_company_only(client, world):
    client.force_login(world["beta_admin"])
    client.post(reverse("kyc_submit"))
    world["alpha"].refresh_from_db()
    assert world["alpha"].status == CompanyStatus.DRAFT


def test_inviting_adds_to_the_user_s_company_only(client, world):
    client.force_login(world["beta_admin"])
    client.post(
        reverse("company_users"), {"email": "x@beta.example", "roles": ["buyer"], "language": "fr"}
    )
    assert not Invitation.objects.filter(company=world["alpha"], email="x@beta.example").exists()


@pytest.mark.parametrize(
    "name", ["company", "kyc_documents", "company_users", "kyc_document", "membership_edit"]
)
def test_a_signed_in_person_without_a_company_gets_404(client, world, name):
    client.force_login(UserFactory(is_staff=True))
    args = {"kyc_document": [world["document"].pk], "membership_edit": [world["colleague"].pk]}
    assert client.get(reverse(name, args=args.get(name))).status_code == 404


@pytest.mark.parametrize("name", ["company", "kyc_documents", "company_users"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
