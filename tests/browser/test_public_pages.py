"""Public pages in a browser: header, legal notices, language switch, terms, phone, keyboard."""

import re

import pytest
from django.core.management import call_command
from django.utils import dateformat, timezone, translation
from playwright.sync_api import expect

from core.money import format_eur

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A sentence of seed 000's text (article 2), shown verbatim on the English terms page, and
# the same sentence in the French translation that prevails.
SEED_000_SENTENCE = "French is the only language offered for the conclusion of the contract."
FRENCH_000_SENTENCE = "Le français est la seule langue proposée pour la conclusion du contrat."
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def preset_000():
    from shop.selectors import seller_get_current, terms_in_force

    call_command("load_seller_preset", "000")
    seller = seller_get_current()
    return seller, terms_in_force(seller=seller, on=timezone.localdate())


def language_button(page, code: str):
    return page.locator(".language-switch").get_by_role(
        "button", name=re.compile(rf"^{code.upper()}\b")
    )


def test_home_shows_the_seller_and_its_legal_notices(page, preset_000):
    seller, terms = preset_000

    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("banner")).to_contain_text(seller.trade_name or seller.legal_name)
    footer = page.get_by_role("contentinfo")
    expect(footer).to_contain_text(seller.legal_name)
    expect(footer).to_contain_text(seller.legal_form)
    expect(footer).to_contain_text(f"au capital de {format_eur(seller.share_capital, lang='fr')}")
    expect(footer).to_contain_text(f"RCS {seller.rcs_city} {seller.siren_display}")
    expect(footer).to_contain_text(seller.vat_number)
    expect(footer).to_contain_text(seller.address_line1)
    expect(footer).to_contain_text(f"{seller.postal_code} {seller.city}")
    expect(footer).to_contain_text(seller.email)
    expect(footer).to_contain_text(f"version {terms.version}")


def test_language_switch(page, preset_000):
    page.goto("/")
    expect(language_button(page, "fr")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("contentinfo")).to_contain_text("Mentions légales")

    language_button(page, "en").click()

    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(language_button(page, "en")).to_have_attribute("aria-current", "true")
    expect(page.get_by_role("contentinfo")).to_contain_text("Legal notice")
    expect(page.get_by_role("contentinfo")).to_contain_text("General terms of sale")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()

    language_button(page, "nl").click()

    expect(page).to_have_url(re.compile(r"/nl/$"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("contentinfo")).to_contain_text("Algemene verkoopvoorwaarden")

    language_button(page, "fr").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("contentinfo")).to_contain_text("Mentions légales")


def test_terms_page_from_the_footer_link(page, preset_000):
    _, terms = preset_000
    with translation.override("fr"):
        effective = dateformat.format(terms.effective_date, "j F Y")

    page.goto("/")
    page.get_by_role("contentinfo").get_by_role(
        "link", name="Conditions générales de vente"
    ).click()

    expect(page).to_have_url(re.compile(r"/cgv/$"))
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Conditions générales de vente")
    expect(main).to_contain_text(re.compile(rf"\b[Vv]ersion {terms.version}\b"))
    expect(main).to_contain_text(effective)
    expect(main).to_contain_text(FRENCH_000_SENTENCE)
    expect(main.get_by_role("note")).to_contain_text(
        "Traduction française du texte original du vendeur en anglais. "
        "Cette version française est celle qui fait foi."
    )

    main.get_by_role("navigation", name="Langues de cette version").get_by_role(
        "link", name="anglais"
    ).click()
    expect(page).to_have_url(re.compile(r"/en/cgv/$"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(SEED_000_SENTENCE)
    expect(main.get_by_role("note")).to_contain_text("only the French version is binding")


def test_phone_layout_has_no_horizontal_scroll_and_a_usable_nav(page, preset_000):
    page.set_viewport_size(PHONE)

    for path in ("/", "/cgv/", "/connexion/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px"

    page.goto("/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    expect(nav).to_be_visible()
    login = nav.get_by_role("link", name="Se connecter")
    expect(login).to_be_in_viewport()
    box = login.bounding_box()
    assert box["height"] >= 24 and box["x"] + box["width"] <= PHONE["width"]
    for code in ("fr", "en", "nl"):
        expect(language_button(page, code)).to_be_in_viewport()
    login.click()
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()


def test_keyboard_first_tab_focuses_the_skip_link(page, preset_000):
    page.goto("/")

    page.keyboard.press("Tab")

    skip = page.get_by_role("link", name="Aller au contenu principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("#main")).to_be_focused()


def test_login_error_is_shown_in_french_next_to_the_form(page, preset_000):
    page.goto("/connexion/")

    page.get_by_label("Adresse e-mail").fill("inconnu@example.com")
    page.get_by_label("Mot de passe").fill("mauvais-mot-de-passe")
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("alert")).to_contain_text("Saisissez")
    expect(page.get_by_label("Adresse e-mail")).to_have_value("inconnu@example.com")


def test_pages_load_without_csp_violations(page, preset_000):
    """Every stylesheet and image comes from static/ and nothing is blocked by the CSP."""
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))
    failed = []
    page.on(
        "requestfailed",
        # A favicon still loading when the next page starts is aborted: not a failure.
        lambda request: "ERR_ABORTED" not in (request.failure or "") and failed.append(request.url),
    )

    for path in ("/", "/cgv/", "/connexion/", "/en/"):
        page.goto(path)

    assert console_errors == []
    assert failed == []
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(15, 42, 68)"  # the stylesheet was applied
