"""A company's administrator adds a delivery address in the portal: a wrong postcode is
named beside its field with what was typed kept, a Martinique postcode is marked DOM-TOM
(desktop and 390 px, French and English)."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, admin_of
from tests.browser.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": ("Adresse de livraison enregistrée.", "Outre-mer (DOM-TOM)", "9720"),
    "en": ("Delivery address saved.", "French overseas territories (DOM-TOM)", "9720"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_an_administrator_adds_an_overseas_delivery_address(
    new_context, live_server, language, size, viewport
):
    company = CompanyFactory(approved=True, legal_name="OMEGA SAS")
    administrator = admin_of(company)
    saved, overseas, typed = TEXTS[language]
    prefix = "" if language == "fr" else f"/{language}"

    page = new_context(locale=f"{language}-FR", viewport=viewport).new_page()
    sign_in(page, live_server, administrator)
    page.goto(f"{prefix}/mon-entreprise/adresses/")
    page.locator("#id_label").fill("Agence Antilles")
    page.locator("#id_line1").fill("5 rue Schoelcher")
    page.locator("#id_postal_code").fill(typed)
    page.locator("#id_city").fill("Fort-de-France")
    page.locator("form.form button[type=submit]").click()

    # Refused: the postcode's fault is beside it; nothing typed is lost.
    expect(page.locator("#id_postal_code_error")).to_contain_text(typed)
    expect(page.locator("#id_label")).to_have_value("Agence Antilles")
    expect(page.locator("#id_postal_code")).to_have_value(typed)
    page.screenshot(path=f"/tmp/addresses_error_{size}_{language}.png", full_page=True)

    page.locator("#id_postal_code").fill("97200")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("ul.messages")).to_contain_text(saved)
    added = page.locator(".address-list li").filter(has_text="Agence Antilles")
    expect(added).to_contain_text("97200 Fort-de-France")
    expect(added).to_contain_text(overseas)
    page.screenshot(path=f"/tmp/addresses_saved_{size}_{language}.png", full_page=True)
    assert company.delivery_addresses.get(label="Agence Antilles").is_dom_tom is True
