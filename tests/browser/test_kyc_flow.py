"""Issue 4, "Done when", in headless Chromium.

A company signs up, verifies its e-mail address, uploads the three documents (Kbis, ID
recto and verso, bank details) and submits; a KYC reviewer rejects the Kbis with a reason
in the admin; the customer reads the reason, uploads a new Kbis and resubmits; the
reviewer approves; the customer now sees the order gate open.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Company, CompanyStatus
from accounts.services import kyc_review_group_ensure
from accounts.tests.factories import image_bytes, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Un-Mot-De-Passe-Solide-7"
STAFF_PASSWORD = "Verif-KYC-Solide-2026"


@pytest.fixture
def files(tmp_path):
    paths = {
        "kbis": tmp_path / "kbis-2026.pdf",
        "kbis_new": tmp_path / "kbis-recent.pdf",
        "recto": tmp_path / "cni-recto.png",
        "verso": tmp_path / "cni-verso.jpg",
        "rib": tmp_path / "rib.pdf",
    }
    paths["kbis"].write_bytes(pdf_bytes())
    paths["kbis_new"].write_bytes(pdf_bytes(pages=2))
    paths["recto"].write_bytes(image_bytes("PNG"))
    paths["verso"].write_bytes(image_bytes("JPEG"))
    paths["rib"].write_bytes(pdf_bytes())
    return paths


@pytest.fixture
def reviewer(db):
    from accounts.models import User

    user = User.objects.create_user(
        "verif@vendeur.example", password=STAFF_PASSWORD, is_staff=True, first_name="Vera"
    )
    # A transactional test flushes the data the migrations created: ensure the group.
    user.groups.add(kyc_review_group_ensure())
    return user


@pytest.fixture
def staff_page(new_context):
    return new_context().new_page()


def link_from_last_mail(pattern: str) -> str:
    match = re.search(rf"https?://\S*{pattern}\S*", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/kyc_{name}.png", full_page=True)


def sign_up(page):
    page.goto("/inscription/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ouvrir un compte professionnel")
    page.get_by_label("Dénomination sociale").fill("Atelier Dupont")
    page.get_by_label("Forme juridique").fill("SARL")
    page.get_by_label("Pays d'immatriculation").select_option("FR")
    # Belgian field hidden for a French company (static/js/accounts/signup.js).
    expect(page.get_by_label("Numéro d'entreprise (BCE)")).to_be_hidden()
    page.get_by_label("SIREN").fill("303 265 045")
    page.get_by_label("SIRET du siège").fill("303 265 045 00011")
    page.get_by_label("Numéro de TVA intracommunautaire").fill("FR44732829320")
    page.locator("#id_billing_line1").fill("5 rue Neuve")
    page.locator("#id_billing_postal_code").fill("69002")
    page.locator("#id_billing_city").fill("Lyon")
    # Delivery elsewhere than the billing address: untick, and the address form appears.
    expect(page.locator("#id_deliveries-0-line1")).to_be_hidden()
    page.get_by_label("Livrer à l'adresse de facturation").uncheck()
    page.locator("#id_deliveries-0-line1").fill("ZI Nord, bâtiment C")
    page.locator("#id_deliveries-0-postal_code").fill("69120")
    page.locator("#id_deliveries-0-city").fill("Vaulx-en-Velin")
    page.get_by_label("Prénom").fill("Alice")
    page.get_by_label("Nom", exact=True).fill("Dupont")
    page.get_by_label("Adresse e-mail professionnelle").fill("alice@atelier.example")
    page.get_by_label("Téléphone").fill("04 72 00 00 00")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()

    # The VAT number belongs to another SIREN: the error names the right one, and
    # everything typed is still there (passwords are never sent back).
    vat = page.get_by_label("Numéro de TVA intracommunautaire")
    expect(page.locator(".field-has-error")).to_contain_text("FR40303265045")
    expect(vat).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Dénomination sociale")).to_have_value("Atelier Dupont")
    expect(page.locator("#id_deliveries-0-city")).to_have_value("Vaulx-en-Velin")
    shot(page, "01_signup_error")
    vat.fill("FR40303265045")
    page.get_by_label("Mot de passe", exact=True).fill(PASSWORD)
    page.get_by_label("Mot de passe (confirmation)").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmez votre adresse")


def admin_sign_in(staff, email, password):
    staff.goto("/admin/login/")
    staff.locator("#id_username").fill(email)
    staff.locator("#id_password").fill(password)
    staff.locator("input[type=submit]").click()
    expect(staff.locator("#site-name")).to_be_visible()


def staff_open_queue_entry(staff, company_name):
    staff.goto("/admin/accounts/kycsubmission/")
    staff.get_by_role("link", name=company_name).first.click()
    expect(staff.get_by_role("heading", name=re.compile(r"Envoi n°"))).to_be_visible()


def document_card(staff, label):
    return staff.locator("article.kyc-document").filter(has_text=label)


def test_sign_up_review_reject_fix_and_approve(page, staff_page, reviewer, files, live_server):
    call_command("load_seller_preset", "000")
    today = timezone.localdate()

    # 1. Sign up, then verify the e-mail address.
    sign_up(page)
    page.goto("/mon-entreprise/")
    expect(page).to_have_url(re.compile(r"/connexion/"))
    page.goto(link_from_last_mail("/compte/verifier/").replace("http://testserver", ""))
    expect(page.locator(".messages")).to_contain_text("Votre adresse e-mail est confirmée")
    page.get_by_label("Adresse e-mail").fill("alice@atelier.example")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/mon-entreprise/$"))
    gate = page.locator(".gate")
    expect(gate).to_contain_text("Commandes fermées")
    shot(page, "02_company_draft")

    # 2. Upload the three documents and submit.
    gate.get_by_role("link", name="Envoyer mes pièces").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pièces justificatives")
    page.get_by_label("Fichier de l'extrait Kbis").set_input_files(files["kbis"])
    page.get_by_label("Date de délivrance de l'extrait").fill(
        (today - timedelta(days=20)).isoformat()
    )
    page.get_by_label("Recto de la pièce d'identité").set_input_files(files["recto"])
    page.get_by_label("Verso de la pièce d'identité").set_input_files(files["verso"])
    page.get_by_label("Date d'expiration de la pièce d'identité").fill(
        today.replace(year=today.year + 4).isoformat()
    )
    page.get_by_label("Fichier du RIB ou du relevé bancaire").set_input_files(files["rib"])
    page.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 189")
    page.get_by_role("button", name="Enregistrer les pièces").click()
    expect(page.locator(".messages")).to_contain_text("Pièce(s) enregistrée(s)")
    table = page.locator(".documents-table")
    expect(table).to_contain_text("kbis-2026.pdf")
    expect(table).to_contain_text("FR76 •••• 0189")
    shot(page, "03_documents_draft")
    page.get_by_role("button", name="Soumettre mon dossier").click()
    expect(page).to_have_url(re.compile(r"/mon-entreprise/$"))
    expect(page.locator(".gate")).to_contain_text("dossier en cours de vérification")

    # 3. The reviewer rejects the Kbis with a reason, accepts the rest, rejects the file.
    admin_sign_in(staff_page, reviewer.email, STAFF_PASSWORD)
    staff_open_queue_entry(staff_page, "Atelier Dupont")
    shot(staff_page, "04_admin_review")
    kbis_card = document_card(staff_page, "Extrait Kbis")
    kbis_card.get_by_label("Motif du refus (lu par le client)").fill(
        "L'extrait est tronqué : la page 2 manque."
    )
    kbis_card.get_by_role("button", name="Refuser la pièce").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("décision enregistrée")
    for label in ("recto", "verso", "RIB"):
        document_card(staff_page, label).get_by_role("button", name="Accepter la pièce").click()
        expect(staff_page.locator(".messagelist")).to_contain_text("décision enregistrée")
    staff_page.get_by_label("Motif du refus du dossier (lu par le client)").fill(
        "Merci d'envoyer un extrait Kbis complet."
    )
    staff_page.get_by_role("button", name="Refuser le dossier").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("Dossier refusé")

    # 4. The customer sees the reasons, uploads a new Kbis and resubmits.
    page.reload()
    expect(page.locator(".gate")).to_contain_text("des pièces sont à corriger")
    rejected = page.locator(".banner-error")
    expect(rejected).to_contain_text("Merci d'envoyer un extrait Kbis complet.")
    expect(rejected).to_contain_text("L'extrait est tronqué : la page 2 manque.")
    shot(page, "05_company_rejected")
    rejected.get_by_role("link", name="Remplacer les pièces refusées").click()
    page.get_by_label("Fichier de l'extrait Kbis").set_input_files(files["kbis_new"])
    page.get_by_label("Date de délivrance de l'extrait").fill(
        (today - timedelta(days=2)).isoformat()
    )
    page.get_by_role("button", name="Enregistrer les pièces").click()
    expect(page.locator(".documents-table")).to_contain_text("kbis-recent.pdf")
    page.get_by_role("button", name="Soumettre mon dossier").click()
    expect(page.locator(".messages")).to_contain_text("envoi n° 2")

    # 5. The reviewer accepts the new Kbis and approves the application.
    staff_open_queue_entry(staff_page, "Atelier Dupont")
    expect(staff_page.get_by_role("heading", name=re.compile(r"Envoi n° 2"))).to_be_visible()
    # Pieces accepted in the first review offer only a refusal, never a second acceptance.
    recto_card = document_card(staff_page, "recto")
    expect(recto_card.get_by_role("button", name="Accepter la pièce")).to_have_count(0)
    expect(recto_card.get_by_role("button", name="Refuser la pièce")).to_be_visible()
    document_card(staff_page, "Extrait Kbis").get_by_role(
        "button", name="Accepter la pièce"
    ).click()
    expect(staff_page.locator(".messagelist")).to_contain_text("décision enregistrée")
    staff_page.get_by_role("button", name="Valider le dossier").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("Dossier validé")

    # 6. The order gate is open.
    page.goto("/mon-entreprise/")
    gate = page.locator(".gate")
    expect(gate).to_contain_text("Commandes ouvertes")
    expect(gate).to_contain_text("Vous pouvez accepter des devis et passer commande.")
    shot(page, "06_company_approved")
    company = Company.objects.get(siren="303265045")
    assert company.status == CompanyStatus.APPROVED
    assert company.kyc_submissions.count() == 2
    assert {message.subject for message in mail.outbox} >= {
        "Votre dossier est à corriger",
        "Votre compte professionnel est validé",
    }


PHONE = {"width": 390, "height": 844}


def test_portal_pages_on_a_phone_without_csp_errors(page, live_server):
    """Sign-up, My company, documents and users: no horizontal scroll, nothing blocked."""
    from accounts.tests.factories import PASSWORD as MEMBER_PASSWORD
    from accounts.tests.factories import CompanyFactory, admin_of

    call_command("load_seller_preset", "000")
    user = admin_of(CompanyFactory(legal_name="OMEGA SAS"), email="omega@example.fr")
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.set_viewport_size(PHONE)

    page.goto("/inscription/")
    page.get_by_label("Pays d'immatriculation").select_option("BE")
    expect(page.get_by_label("Numéro d'entreprise (BCE)")).to_be_visible()
    expect(page.get_by_label("SIREN")).to_be_hidden()
    page.goto("/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(MEMBER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/mon-entreprise/$"))

    for path in (
        "/inscription/",
        "/mon-entreprise/",
        "/mon-entreprise/pieces/",
        "/mon-entreprise/utilisateurs/",
    ):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        wide = page.evaluate(
            "Array.from(document.querySelectorAll('body *')).filter(e => "
            "e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + "
            "Math.round(e.getBoundingClientRect().right))"
        )
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px: {wide}"
    page.screenshot(path="/tmp/kyc_07_users_phone.png", full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors
