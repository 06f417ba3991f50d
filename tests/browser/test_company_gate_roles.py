"""The company page tells only signatories that they may accept quotes: a buyer-only user
reads that the company may, and who signs (desktop and 390 px, French and English)."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from tests.browser.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "fr": ("Vous pouvez accepter des devis", "réservé à ses signataires : Claire Dumas."),
    "en": ("You can accept quotes", "Only its signatories may give the Bon pour accord"),
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_buyer_is_not_told_that_they_may_accept_quotes(
    new_context,
    live_server,
    shop_world,
    language,
    size,
    viewport,
):
    buyer = MembershipFactory(
        company=shop_world["company"],
        user=UserFactory(email="acheteur@bureautique.example"),
        roles=[Role.BUYER],
    ).user
    signatory_says, buyer_reads = TEXTS[language]
    prefix = "" if language == "fr" else f"/{language}"

    page = new_context(locale=f"{language}-FR", viewport=viewport).new_page()
    sign_in(page, live_server, buyer)
    page.goto(f"{prefix}/mon-entreprise/")
    gate = page.locator(".gate")
    expect(gate).to_contain_text(buyer_reads)
    expect(gate).not_to_contain_text(signatory_says)
    page.screenshot(path=f"/tmp/company_gate_buyer_{size}_{language}.png")

    page = new_context(locale=f"{language}-FR", viewport=viewport).new_page()
    sign_in(page, live_server, shop_world["signatory"])
    page.goto(f"{prefix}/mon-entreprise/")
    expect(page.locator(".gate")).to_contain_text(signatory_says)
