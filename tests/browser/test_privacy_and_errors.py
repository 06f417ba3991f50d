"""Pages a person meets around their data and their mistakes, in headless Chromium:
the privacy notice, sign-up delivering to the billing address, the 403 page.

Screenshots (desktop and 390 px phone, French and English) go to /tmp/safety_*.png.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import Company, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "Un-Mot-De-Passe-Solide-7"


@pytest.fixture
def preset():
    call_command("load_seller_preset", "003")


def shot(page, name: str) -> None:
    page.screenshot(path=f"/tmp/safety_{name}.png", full_page=True)


def fits_the_viewport(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_privacy_notice_from_the_footer(page, preset):
    from shop.selectors import seller_get_current

    seller = seller_get_current()
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Protection des données personnelles"
    ).click()

    expect(page).to_have_url(re.compile(r"/confidentialite/$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Protection des données personnelles")
    for heading in (
        "Responsable du traitement",
        "Ce que nous collectons et pourquoi",
        "Qui voit vos données",
        "Combien de temps nous les gardons",
        "Vos droits",
    ):
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    expect(main).to_contain_text(seller.legal_name)
    expect(main.get_by_role("row", name=re.compile("^IBAN"))).to_contain_text(
        "Exécution du contrat"
    )
    expect(main).to_contain_text("5 ans après la fin de la relation commerciale")
    shot(page, "privacy_fr_desktop")
    page.set_viewport_size(PHONE)
    assert fits_the_viewport(page)
    shot(page, "privacy_fr_phone")

    page.goto("/en/confidentialite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personal data protection")
    expect(page.get_by_role("main")).to_contain_text("Legitimate interest in proving the contract")
    assert fits_the_viewport(page)
    shot(page, "privacy_en_phone")
    page.set_viewport_size(DESKTOP)
    shot(page, "privacy_en_desktop")


def fill_sign_up(page, *, english: bool = False):
    page.locator("#id_legal_name").fill("Atelier Dupont")
    page.locator("#id_legal_form").fill("SARL")
    page.locator("#id_country").select_option("FR")
    page.locator("#id_siren").fill("303 265 045")
    page.locator("#id_siret").fill("303 265 045 00011")
    page.locator("#id_vat_number").fill("FR40303265045")
    page.locator("#id_billing_line1").fill("5 rue Neuve")
    page.locator("#id_billing_postal_code").fill("69002")
    page.locator("#id_billing_city").fill("Lyon")
    page.locator("#id_first_name").fill("Alice")
    page.locator("#id_last_name").fill("Dupont")
    page.locator("#id_email").fill("alice@atelier.example")
    page.locator("#id_phone").fill("04 72 00 00 00")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)


def test_sign_up_delivering_to_the_billing_address(page, preset):
    page.goto("/inscription/")
    box = page.get_by_label("Livrer à l'adresse de facturation")
    delivery = page.locator("#id_deliveries-0-line1")
    expect(box).to_be_checked()
    expect(delivery).to_be_hidden()
    expect(
        page.get_by_role("link", name="Ce que nous collectons, pourquoi et combien de temps")
    ).to_be_visible()
    shot(page, "signup_fr_desktop")

    box.uncheck()
    expect(delivery).to_be_visible()
    expect(page.get_by_role("button", name="Ajouter une adresse de livraison")).to_be_visible()
    page.set_viewport_size(PHONE)
    assert fits_the_viewport(page)
    shot(page, "signup_fr_phone_unticked")
    box.check()
    expect(delivery).to_be_hidden()

    fill_sign_up(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmez votre adresse")
    (address,) = Company.objects.get().delivery_addresses.all()
    assert (address.line1, address.postal_code, address.city) == ("5 rue Neuve", "69002", "Lyon")

    page.goto("/en/inscription/")
    expect(page.get_by_label("Deliver to the billing address")).to_be_checked()
    assert fits_the_viewport(page)
    shot(page, "signup_en_phone")
    page.set_viewport_size(DESKTOP)
    shot(page, "signup_en_desktop")


def test_sign_up_without_javascript_keeps_working(new_context, preset):
    """Script off: the address form stays visible, and is ignored while the box is ticked."""
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/inscription/")
    expect(page.locator("#id_deliveries-0-line1")).to_be_visible()
    fill_sign_up(page)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("confirmez votre adresse")
    assert Company.objects.get().delivery_addresses.get().city == "Lyon"


def test_403_page_is_styled_like_404(page, preset):
    User.objects.create_user("client@example.com", PASSWORD, email_verified_at=None)
    page.goto("/connexion/")
    page.locator("#id_username").fill("client@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    response = page.goto("/documents/1/")

    assert response.status == 403
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Accès refusé")
    expect(main.locator(".error-code")).to_have_text("403")
    expect(main.get_by_role("link", name="Retour à l'accueil")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Mentions légales")
    shot(page, "403_fr_desktop")
    page.set_viewport_size(PHONE)
    assert fits_the_viewport(page)
    shot(page, "403_fr_phone")
