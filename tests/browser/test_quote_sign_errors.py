"""A refused "Bon pour accord" shows every error at once, where the signatory is looking:
the summary at the top of the form is scrolled into view and focused, on a 390 px phone
(where the form sits some 2,400 px below the top of the page) as on a desktop, in French
and in English."""

import pytest
from playwright.sync_api import expect

from orders.services import LineSpec, quote_create, quote_issue
from tests.browser.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUMMARY = {
    "fr": ("Votre bon pour accord n'est pas enregistré", "Confirmer mon bon pour accord"),
    "en": ("Your Bon pour accord is not recorded", "Confirm my Bon pour accord"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_refused_signing_shows_every_error_at_the_top_of_the_form(
    new_context,
    live_server,
    shop_world,
    language,
    size,
    viewport,
):
    quote = quote_create(
        company=shop_world["company"],
        user=shop_world["sales"],
        lines=[LineSpec(quantity=1, product=shop_world["product"])],
    )
    quote = quote_issue(quote=quote, user=shop_world["sales"])
    page = new_context(locale=f"{language}-FR", viewport=viewport).new_page()
    sign_in(page, live_server, shop_world["signatory"])
    prefix = "" if language == "fr" else f"/{language}"
    page.goto(f"{prefix}/mes-devis/{quote.number}/v1/signer/")
    title, button = SUMMARY[language]
    page.get_by_role("button", name=button).click()

    summary = page.locator("#sign-errors")
    expect(summary).to_contain_text(title)
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    # Name, title, signature, payment method (two offered) and acceptance: five at once.
    expect(summary.locator("li")).to_have_count(5)
    top = page.evaluate("document.getElementById('sign-errors').getBoundingClientRect().top")
    assert -2 <= top < viewport["height"] / 2
    if size == "phone":
        assert page.evaluate("window.scrollY") > 1500  # the form is far down the page
    page.screenshot(path=f"/tmp/quote_sign_errors_{size}_{language}.png")

    # A link of the summary leads to its field.
    summary.locator('a[href="#id_signer_title"]').click()
    expect(page.locator("#id_signer_title")).to_be_in_viewport()
