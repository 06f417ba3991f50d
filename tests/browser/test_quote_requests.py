"""A buyer asks for a quote from the cart and follows the request in "Mes devis"; sales
read the company and the message on the request, create the quote in one click, issue it
after confirming; the request then links to the quote. Desktop and 390 px, French and
English."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from orders.models import Quote, QuoteStatus
from shop.models import QuoteRequest
from tests.browser.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def test_a_request_from_the_cart_to_the_issued_quote(
    new_context,
    live_server,
    shop_world,
):
    product = shop_world["product"]
    product.eco_tax_ht = Decimal("4.00")
    product.save(update_fields=["eco_tax_ht"])
    page = new_context().new_page()
    sign_in(page, live_server, shop_world["signatory"])
    page.goto(f"/produit/{product.reference}/")
    page.locator("#id_quantite").fill("2")
    page.get_by_role("button", name="Ajouter au panier").click()
    page.goto("/panier/")
    # 2 x 1 890.00 = 3 780.00 goods + eco-fee 2 x 4.00 = 8.00, free shipping: 3 788.00.
    expect(page.locator("#total-ht")).to_have_text(f"3\u202f788,00{NBSP}€")
    page.get_by_label("Message au service commercial").fill("Livraison au 2e étage, merci.")
    page.get_by_role("button", name="Envoyer la demande de devis").click()

    expect(page).to_have_url(re.compile(r"/mes-devis/demandes/\d+/$"))
    expect(page.locator(".page-status")).to_contain_text("envoyée au service commercial")
    expect(page.locator("#request-total-ht")).to_have_text(f"3\u202f788,00{NBSP}€")
    expect(page.locator(".quote-request-totals")).to_contain_text("Éco-participation")
    request = QuoteRequest.objects.get()
    assert request.company_link.company == shop_world["company"]
    page.screenshot(path="/tmp/quote_request_sent_desktop_fr.png", full_page=True)

    # Sales: the company and the message on the request, the quote in one click, then issue
    # after the confirmation page.
    admin = new_context().new_page()
    sign_in(admin, live_server, shop_world["sales"])
    admin.goto(f"/admin/shop/quoterequest/{request.pk}/change/")
    expect(admin.locator(".field-company_display")).to_contain_text("BUREAUTIQUE DU RHÔNE")
    expect(admin.locator(".customer-message")).to_have_text("Livraison au 2e étage, merci.")
    admin.screenshot(path="/tmp/quote_request_admin.png", full_page=True)
    admin.locator("#quote-request-create").click()
    expect(admin.locator(".messagelist")).to_contain_text("Brouillon créé")
    expect(admin.locator(".customer-message")).to_contain_text("Livraison au 2e étage")
    expect(admin.locator("#id_free_text")).to_have_value("")
    admin.locator("#quote-issue").click()
    expect(admin.locator("#issue-confirmation")).to_contain_text("Valable jusqu'au")
    admin.screenshot(path="/tmp/quote_issue_confirm.png", full_page=True)
    admin.locator("#quote-issue-confirm").click()
    expect(admin.locator(".messagelist")).to_contain_text("émis")
    quote = Quote.objects.get()
    assert quote.status == QuoteStatus.ISSUED and quote.free_text == ""

    # The company follows it in "Mes devis", in French and English, desktop and phone.
    for language, sent_label in (("fr", "devis émis"), ("en", "quote issued")):
        for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = new_context(locale=f"{language}-FR", viewport=viewport).new_page()
            sign_in(page, live_server, shop_world["signatory"])
            prefix = "" if language == "fr" else f"/{language}"
            page.goto(f"{prefix}/mes-devis/")
            row = page.locator(f'tr[data-request="{request.pk}"]')
            expect(row.locator(".status")).to_have_text(sent_label)
            expect(row.get_by_role("link", name=quote.reference)).to_be_visible()
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{size}: page is {width} px wide"
            page.screenshot(path=f"/tmp/quote_requests_list_{size}_{language}.png", full_page=True)
            row.locator("td").first.get_by_role("link").click()
            expect(page.locator("#request-quote")).to_contain_text(quote.reference)
            page.screenshot(path=f"/tmp/quote_request_detail_{size}_{language}.png", full_page=True)
