"""A Belgian seller's order awaiting a transfer shows the account, the structured
communication and the EPC QR code, on a desktop and on a phone, in French and Dutch."""

import pytest
from playwright.sync_api import expect

from orders.tests.factories import terms_004
from orders.tests.payments import card_order
from shop.models import Seller
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_transfer_instructions_with_the_qr_code(new_context, live_server):
    terms_004()
    Seller.objects.update(
        country="BE",
        iban="BE68539007547034",
        bic="BPOTBEB1",
        legal_name="BELTECH SRL",
        enterprise_number="0899384295",
        vat_number="BE0899384295",
        rpm_court="Anvers, division Anvers",
    )
    order, signatory = card_order(method="transfer")
    for locale, viewport, prefix, name in (
        ("fr-FR", None, "", "fr"),
        ("nl-BE", PHONE, "/nl", "nl_phone"),
    ):
        options = {"locale": locale} | ({"viewport": viewport} if viewport else {})
        page = new_context(**options).new_page()
        sign_in(page, live_server, signatory)
        page.goto(f"{prefix}/mes-commandes/{order.number}/")
        expect(page.locator("#transfer-reference")).to_have_text("+++102/6000/00158+++")
        expect(page.locator("#transfer-iban")).to_have_text("BE68 5390 0754 7034")
        qr = page.locator("#transfer-qr")
        expect(qr).to_be_visible()
        assert qr.evaluate("img => img.naturalWidth") > 0
        page.locator("#transfer-instructions").screenshot(path=f"/tmp/pay_transfer_{name}.png")
