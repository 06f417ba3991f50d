"""Customer pages: sign-up, verification, documents, users, password reset, throttling."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Company, CompanyStatus, DocumentStatus, KycDocument, Role, User
from accounts.tests.factories import (
    PASSWORD,
    CompanyFactory,
    MembershipFactory,
    UserFactory,
    admin_of,
    jpeg_upload,
    pdf_bytes,
    pdf_upload,
    png_upload,
    upload,
)
from core.models import StoredDocument

pytestmark = pytest.mark.django_db

SIGNUP = {
    "legal_name": "Atelier Dupont",
    "legal_form": "SARL",
    "country": "FR",
    "siren": "303265045",
    "siret": "30326504500011",
    "vat_number": "FR40303265045",
    "billing_line1": "5 rue Neuve",
    "billing_postal_code": "69002",
    "billing_city": "Lyon",
    "billing_country": "FR",
    "first_name": "Alice",
    "last_name": "Dupont",
    "email": "alice@atelier.example",
    "phone": "04 72 00 00 00",
    "password1": "Un-Mot-De-Passe-Solide-7",
    "password2": "Un-Mot-De-Passe-Solide-7",
    "deliveries-TOTAL_FORMS": "1",
    "deliveries-INITIAL_FORMS": "0",
    "deliveries-MIN_NUM_FORMS": "1",
    "deliveries-MAX_NUM_FORMS": "20",
    "deliveries-0-line1": "Rue Frébault",
    "deliveries-0-postal_code": "97110",
    "deliveries-0-city": "Pointe-à-Pitre",
    "deliveries-0-country": "FR",
}


def link_in_last_mail(pattern: str) -> str:
    match = re.search(rf"https?://\S*{pattern}\S*", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


# --- sign-up and verification ------------------------------------------------------------


def test_sign_up_verify_then_my_company(client, terms, django_capture_on_commit_callbacks):
    assert client.get(reverse("signup")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("signup"), SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == reverse("signup_done")
    company = Company.objects.get()
    assert company.delivery_addresses.get().is_dom_tom is True

    # Before verification, the portal is closed.
    client.post(
        reverse("login"), {"username": "alice@atelier.example", "password": SIGNUP["password1"]}
    )
    response = client.get(reverse("company"))
    assert response.status_code == 302 and response["Location"] == reverse("email_unverified")
    assert client.get(reverse("kyc_documents"))["Location"] == reverse("email_unverified")

    response = client.get(path_of(link_in_last_mail("/compte/verifier/")))
    assert response.status_code == 302
    page = client.get(reverse("company"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Atelier Dupont" in html
    assert "Outre-mer (DOM-TOM)" in html
    assert "Commandes fermées" in html
    assert "Il manque" in html


def test_sign_up_errors_are_shown_next_to_the_fields_and_nothing_typed_is_lost(client):
    data = {**SIGNUP, "siren": "303265046", "vat_number": "FR44732829320"}
    response = client.post(reverse("signup"), data)

    assert response.status_code == 400
    form = response.context["form"]
    assert "clé de contrôle" in form.errors["siren"][0]
    html = response.content.decode()
    assert 'value="Atelier Dupont"' in html
    assert 'value="Rue Frébault"' in html
    assert 'value="alice@atelier.example"' in html
    assert 'aria-invalid="true"' in html
    assert Company.objects.count() == 0


def test_vat_not_matching_the_siren_is_shown_on_the_vat_field(client):
    response = client.post(reverse("signup"), {**SIGNUP, "vat_number": "FR44732829320"})
    assert response.status_code == 400
    assert "FR40303265045" in response.context["form"].errors["vat_number"][0]


def test_bad_siret_and_iban_like_errors_each_on_their_field(client):
    response = client.post(reverse("signup"), {**SIGNUP, "siret": "73282932000074"})
    assert "SIREN" in response.context["form"].errors["siret"][0]


def test_a_second_sign_up_of_the_same_company_is_told_to_ask_for_an_invitation(client):
    admin_of(CompanyFactory(siren="303265045", siret="30326504500011", vat_number="FR40303265045"))
    response = client.post(reverse("signup"), {**SIGNUP, "email": "bob@atelier.example"})
    assert response.status_code == 400
    assert "inviter" in response.context["form"].errors["siren"][0]
    assert Company.objects.count() == 1


def test_adding_a_delivery_address_keeps_everything_typed(client):
    response = client.post(reverse("signup"), {**SIGNUP, "add_address": "1"})
    assert response.status_code == 200
    assert response.context["addresses"].total_form_count() == 2
    html = response.content.decode()
    assert 'value="Rue Frébault"' in html and 'name="deliveries-1-line1"' in html
    assert "field-error" not in html


def test_delivery_to_the_billing_address_needs_no_delivery_form(client, terms):
    """The box is ticked on a new page; ticked, the delivery forms are not read at all
    (here left empty, as a browser without JavaScript would send them)."""
    html = client.get(reverse("signup")).content.decode()
    assert re.search(r'<input type="checkbox" name="delivery_same_as_billing"[^>]* checked', html)
    assert 'id="delivery-addresses"' in html  # hidden by signup.js only, kept without JS
    data = {
        **SIGNUP,
        "delivery_same_as_billing": "on",
        "deliveries-0-line1": "",
        "deliveries-0-postal_code": "",
        "deliveries-0-city": "",
    }
    response = client.post(reverse("signup"), data)
    assert response.status_code == 302
    (address,) = Company.objects.get().delivery_addresses.all()
    assert (address.line1, address.postal_code, address.city, address.country) == (
        "5 rue Neuve",
        "69002",
        "Lyon",
        "FR",
    )


def test_unticked_the_delivery_address_is_required_and_kept(client):
    data = {**SIGNUP, "deliveries-0-line1": "", "deliveries-0-city": "Villeurbanne"}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 400
    assert response.context["addresses"].forms[0].errors["line1"]
    assert 'value="Villeurbanne"' in response.content.decode()


def test_ticked_with_another_error_shows_no_delivery_error(client):
    data = {**SIGNUP, "delivery_same_as_billing": "on", "deliveries-0-line1": "", "siren": "1"}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["siren"]
    assert not response.context["addresses"].forms[0].errors
    html = response.content.decode()
    assert re.search(r'name="delivery_same_as_billing"[^>]* checked', html)


def test_asking_for_an_address_form_unticks_the_box(client):
    data = {**SIGNUP, "delivery_same_as_billing": "on", "add_address": "1"}
    response = client.post(reverse("signup"), data)
    assert response.status_code == 200
    assert response.context["addresses"].total_form_count() == 1
    html = response.content.decode()
    assert not re.search(r'name="delivery_same_as_billing"[^>]* checked', html)


def test_a_bad_verification_link_explains_itself(client):
    response = client.get(reverse("verify_email", args=["MQ", "bad-token"]))
    assert response.status_code == 400
    assert "a expiré" in response.content.decode()


# --- documents ----------------------------------------------------------------------------


@pytest.fixture
def company(terms):
    return CompanyFactory(legal_name="ALPHA SAS")


@pytest.fixture
def admin_client(client, company):
    client.force_login(admin_of(company))
    return client


def files_post(**overrides):
    today = timezone.localdate()
    data = {
        "kbis_file": pdf_upload("kbis.pdf"),
        "kbis_issue_date": (today - timedelta(days=10)).isoformat(),
        "id_front_file": png_upload("recto.png"),
        "id_back_file": jpeg_upload("verso.jpg"),
        "id_expiry_date": date(today.year + 3, 1, 1).isoformat(),
        "bank_details_file": pdf_upload("rib.pdf"),
        "iban": "FR76 3000 6000 0112 3456 7890 189",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_upload_all_then_submit(admin_client, company):
    response = admin_client.post(reverse("kyc_documents"), files_post())
    assert response.status_code == 302
    assert KycDocument.objects.filter(company=company, status=DocumentStatus.DRAFT).count() == 4
    response = admin_client.post(reverse("kyc_submit"))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.status == CompanyStatus.SUBMITTED
    page = admin_client.get(reverse("company")).content.decode()
    assert "Dossier en cours de vérification" in page


def test_a_bad_file_keeps_the_good_ones_and_what_was_typed(admin_client, company):
    response = admin_client.post(
        reverse("kyc_documents"),
        files_post(id_front_file=upload("recto.jpg", pdf_bytes(), "image/jpeg")),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "contient un PDF" in form.errors["id_front_file"][0]
    kinds = set(KycDocument.objects.filter(company=company).values_list("kind", flat=True))
    assert kinds == {"kbis", "id_back", "bank_details"}
    html = response.content.decode()
    assert 'value="FR76 3000 6000 0112 3456 7890 189"' in html
    assert "kbis.pdf" in html  # the stored file is listed in the draft file


def test_a_date_without_its_file_and_a_file_without_its_date(admin_client, company):
    response = admin_client.post(
        reverse("kyc_documents"), {"kbis_file": pdf_upload(), "iban": "FR7630006000011234567890189"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "date de délivrance" in errors["kbis_issue_date"][0]
    assert errors["bank_details_file"]
    assert StoredDocument.objects.count() == 0


def test_a_future_kbis_date_is_shown_on_its_field(admin_client, company):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = admin_client.post(
        reverse("kyc_documents"), {"kbis_file": pdf_upload(), "kbis_issue_date": future}
    )
    assert response.status_code == 400
    assert "dans le futur" in response.context["form"].errors["kbis_issue_date"][0]


def test_submitting_an_incomplete_file_says_what_is_missing(admin_client, company):
    response = admin_client.post(reverse("kyc_submit"))
    assert response.status_code == 400
    assert "Il manque" in response.content.decode()


def test_documents_are_downloadable_by_the_company_administrators_only(client, company):
    admin = admin_of(company)
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    client.force_login(admin)
    client.post(reverse("kyc_documents"), files_post())
    document = KycDocument.objects.get(company=company, kind="kbis")
    response = client.get(reverse("kyc_document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"

    client.force_login(buyer)
    assert client.get(reverse("kyc_document", args=[document.pk])).status_code == 403
    assert client.get(reverse("kyc_documents")).status_code == 403


# --- users and invitations -----------------------------------------------------------------------


def test_invite_accept_and_manage(client, company, django_capture_on_commit_callbacks):
    admin = admin_of(company)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("company_users"),
            {"email": "new@alpha.example", "roles": ["buyer", "signatory"], "language": "en"},
        )
    assert response.status_code == 302
    link = path_of(link_in_last_mail("/invitation/"))
    assert link.startswith("/en/invitation/")
    client.logout()

    data = {
        "first_name": "Nina",
        "last_name": "Petit",
        "phone": "0611223344",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    assert client.get(link).status_code == 200
    response = client.post(link, data)
    assert response.status_code == 302
    user = User.objects.get(email="new@alpha.example")
    assert user.membership.roles == ["buyer", "signatory"]

    # The link is used up.
    client.logout()
    response = client.get(link)
    assert response.status_code == 410
    # The invitation was in English: the page is too (its text follows the catalogue).
    assert 'data-code="invitation_used"' in response.content.decode()


def test_an_expired_invitation_link_explains_itself(
    client, company, django_capture_on_commit_callbacks
):
    admin = admin_of(company)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("company_users"),
            {"email": "late@alpha.example", "roles": ["buyer"], "language": "fr"},
        )
    link = path_of(link_in_last_mail("/invitation/"))
    client.logout()
    from accounts.models import Invitation

    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "a expiré" in response.content.decode()


def test_the_last_administrator_cannot_deactivate_themself(client, company):
    admin = admin_of(company)
    client.force_login(admin)
    url = reverse("membership_edit", args=[admin.membership.pk])
    response = client.post(url, {"action": "deactivate"})
    assert response.status_code == 400
    assert "dernier administrateur" in response.content.decode()
    response = client.post(url, {"action": "roles", "roles": ["buyer"]})
    assert response.status_code == 400
    admin.membership.refresh_from_db()
    assert admin.membership.is_active and "administrator" in admin.membership.roles


# --- sign-in, password reset ---------------------------------------------------------------------


def test_login_is_locked_out_after_five_failures(client):
    """AXES_FAILURE_LIMIT = 5: the 5th failure locks (HTTP 429), so the 6th attempt is
    refused even with the right password."""
    user = UserFactory(email="target@example.fr")
    url = reverse("login")
    statuses = [
        client.post(url, {"username": user.email, "password": f"wrong-{n}"}).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    sixth = client.post(url, {"username": user.email, "password": PASSWORD})
    assert sixth.status_code == 429
    assert "bloquée" in sixth.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lands_on_my_company(client, company):
    user = admin_of(company)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("company")


def test_password_reset_by_e_mail(client, company):
    user = admin_of(company)
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    link = path_of(link_in_last_mail("/mot-de-passe/"))
    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_url = response.redirect_chain[-1][0]
    new = "Nouveau-Secret-2026"
    response = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_only_signatories_are_told_they_may_accept_quotes(client, terms):
    """An approved company: the signatory reads "you may accept quotes"; a buyer-only user
    reads that the company may, and who may sign; with no signatory, how to name one."""
    company = CompanyFactory(
        status=CompanyStatus.APPROVED, approved_on=timezone.localdate() - timedelta(days=10)
    )
    signatory = MembershipFactory(
        company=company,
        user=UserFactory(first_name="Claire", last_name="Dumas"),
        roles=[Role.SIGNATORY],
    ).user
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    url = reverse("company")

    client.force_login(signatory)
    page = client.get(url).content.decode()
    assert "Vous pouvez accepter des devis et passer commande." in page

    client.force_login(buyer)
    page = client.get(url).content.decode()
    assert "Commandes ouvertes" in page
    assert "Vous pouvez accepter des devis" not in page
    assert "réservé à ses signataires : Claire Dumas." in page

    signatory.membership.roles = [Role.ACCOUNTANT]
    signatory.membership.save(update_fields=["roles"])
    page = client.get(url).content.decode()
    assert "Vous pouvez accepter des devis" not in page
    assert "aucun de ses utilisateurs n&#x27;a encore le rôle « signataire »" in page


def test_a_file_name_too_long_to_read_sends_back_to_the_page_with_a_message(admin_client):
    """Django cannot read a multipart part whose header exceeds 1 KB (here a 1,100-character
    file name): the person is sent back to the form with a message, never a bare 400."""
    boundary = "----shopboundary"
    name = "k" * 1096 + ".pdf"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="kbis_file"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + pdf_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = admin_client.generic(
        "POST",
        reverse("kyc_documents"),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("kyc_documents")
    html = admin_client.get(response["Location"]).content.decode()
    assert "le nom d&#x27;un des fichiers est trop long" in html
    assert not KycDocument.objects.exists()
    # Posted to a POST-only address from our page: back to that page, not to a 405.
    response = admin_client.generic(
        "POST",
        reverse("kyc_submit"),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
        HTTP_REFERER="http://testserver" + reverse("company"),
    )
    assert response["Location"] == "http://testserver" + reverse("company")
    # A Referer from elsewhere is not followed.
    response = admin_client.generic(
        "POST",
        reverse("kyc_documents"),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
        HTTP_REFERER="https://evil.example/",
    )
    assert response["Location"] == reverse("kyc_documents")


def test_a_file_name_over_200_characters_gets_a_message_on_its_field(admin_client):
    response = admin_client.post(
        reverse("kyc_documents"), files_post(kbis_file=pdf_upload("k" * 197 + ".pdf"))
    )
    assert response.status_code == 400
    html = response.content.decode()
    kbis = html[html.index('for="id_kbis_file"') :]
    assert "compte 201 caractères ; 200 au plus sont acceptés." in kbis[: kbis.index("</div>")]
    # The other pieces, valid, were stored.
    assert set(KycDocument.objects.values_list("kind", flat=True)) == {
        "id_front",
        "id_back",
        "bank_details",
    }
