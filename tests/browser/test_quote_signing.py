"""Done when (issue 6): sales issue a quote in the admin; the signatory opens it, draws a
signature on the canvas with the mouse, picks bank transfer, accepts the terms and
confirms; the order exists, the signed PDF shows "Bon pour accord" with the name and the
signature, and the verify view confirms both hashes."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from core.documents import document_read
from orders.models import Order, Quote, QuoteSignature, QuoteStatus
from orders.tests.factories import deliver_outbox
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def pick_autocomplete(page, select_id: str, text: str):
    """Choose `text` in a Django admin autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_sales_issue_and_the_signatory_signs_bon_pour_accord(new_context, live_server, shop_world):
    # --- Sales, in the admin: a draft with one catalogue line, then issued. ---------------
    sales_context = new_context()
    page = sales_context.new_page()
    sign_in(page, live_server, shop_world["sales"])
    page.goto("/admin/orders/quote/add/")
    pick_autocomplete(page, "id_company", "BUREAUTIQUE DU RHÔNE")
    pick_autocomplete(page, "id_lines-0-product", "SRV-R250")
    page.locator("#id_lines-0-quantity").fill("2")
    page.locator("#id_free_text").fill("Installation et mise en rack comprises.")
    page.screenshot(path="/tmp/quote_admin_draft.png", full_page=True)
    page.locator('input[name="_save"]').click()
    expect(page.locator(".messagelist")).to_contain_text("Brouillon créé")
    # 2 x 1 890.00 = 3 780.00, free shipping from 457.00: HT 3 780.00, TTC 4 536.00.
    expect(page.locator(".field-priced_lines")).to_contain_text(f"4\u202f536,00{NBSP}€")
    page.locator("#quote-issue").click()
    # Issuing asks for confirmation first.
    expect(page.locator("#issue-confirmation")).to_contain_text("BUREAUTIQUE DU RHÔNE")
    page.locator("#quote-issue-confirm").click()
    expect(page.locator(".messagelist")).to_contain_text("DEV-")
    expect(page.locator(".messagelist")).to_contain_text("émis")
    page.screenshot(path="/tmp/quote_admin_issued.png", full_page=True)
    quote = Quote.objects.get()
    assert quote.status == QuoteStatus.ISSUED
    sales_context.close()

    # --- The signatory, in the portal. -----------------------------------------------------
    context = new_context()
    page = context.new_page()
    sign_in(page, live_server, shop_world["signatory"])
    page.goto("/mes-devis/")
    row = page.locator(f'tr[data-quote="{quote.reference}"]')
    expect(row).to_contain_text("émis, en attente de signature")
    page.screenshot(path="/tmp/quote_portal_list.png", full_page=True)
    row.get_by_role("link", name=quote.reference).click()
    expect(page.locator("#quote-total-ttc")).to_have_text(f"4\u202f536,00{NBSP}€")
    page.get_by_role("link", name="Signer ce devis (bon pour accord)").click()
    expect(page).to_have_url(re.compile(r"/signer/$"))

    page.get_by_label("Vos nom et prénom").fill("Claire Dumas")
    page.get_by_label("Votre qualité (fonction)").fill("Directrice administrative")
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x0, y0, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x0 + w * 0.10, y0 + h * 0.70)
    page.mouse.down()
    for fx, fy in [(0.2, 0.25), (0.3, 0.75), (0.42, 0.3), (0.55, 0.7), (0.7, 0.35), (0.85, 0.6)]:
        page.mouse.move(x0 + w * fx, y0 + h * fy, steps=8)
    page.mouse.up()
    expect(page.locator("#id_signature_data")).to_have_value(re.compile(r"^data:image/png;base64,"))
    page.get_by_label("virement bancaire").check()
    page.get_by_label(re.compile("J'ai lu et j'accepte les conditions générales de vente")).check()
    page.screenshot(path="/tmp/quote_portal_sign.png", full_page=True)
    page.get_by_role("button", name="Confirmer mon bon pour accord").click()

    expect(page).to_have_url(re.compile(r"/mes-commandes/CMD-\d{4}-\d{6}/$"))
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        "votre bon pour accord est enregistré"
    )
    expect(page.locator("#order-status")).to_have_text("en attente de paiement")
    page.screenshot(path="/tmp/quote_portal_order.png", full_page=True)

    # The order exists, formed from the signed quote, stock reserved.
    order = Order.objects.get()
    quote.refresh_from_db()
    assert order.quote == quote and quote.status == QuoteStatus.SIGNED
    assert order.payment_method == "transfer"
    assert order.lines.get(kind="goods").quantity_reserved == 2
    shop_world["product"].refresh_from_db()
    assert shop_world["product"].stock_reserved == 2

    # The signed PDF, rendered after commit by the outbox's worker (run here in its place):
    # "Bon pour accord", the name, the signature image.
    assert deliver_outbox()["failed"] == 0
    evidence = QuoteSignature.objects.get(quote=quote)
    reader = PdfReader(io.BytesIO(document_read(evidence.signed_pdf)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Bon pour accord" in text
    assert "Claire Dumas" in text and "Directrice administrative" in text
    assert "BUREAUTIQUE DU RHÔNE" in text and "virement bancaire" in text
    assert any(page_.images for page_ in reader.pages)
    assert evidence.signature_mode == "drawn" and evidence.signature_image is not None

    # The signed PDF downloads from the quote page, and the verify view confirms the hashes.
    page.goto(f"/mes-devis/{quote.number}/v1/")
    expect(page.get_by_role("link", name="Télécharger le devis signé (PDF)")).to_be_visible()
    response = page.request.get(f"/mes-devis/{quote.number}/v1/pdf-signe/")
    assert response.ok and response.body() == document_read(evidence.signed_pdf)
    page.get_by_role("link", name="Vérifier les empreintes").click()
    expect(page.locator("#verify-result")).to_have_attribute("data-ok", "true")
    expect(page.locator('tr[data-ok="true"]')).to_have_count(5)
    expect(page.locator("table.hashes")).to_contain_text(quote.content_sha256)
    expect(page.locator("table.hashes")).to_contain_text(evidence.signed_pdf_sha256)
    page.screenshot(path="/tmp/quote_portal_verify.png", full_page=True)


def test_a_finger_or_stylus_signs_on_a_phone_and_typing_is_the_alternative(
    new_context, live_server, shop_world
):
    """Touch and pen pointer events draw too (phone layout); "type it" hides the canvas."""
    from orders.services import LineSpec, quote_create, quote_issue

    quote = quote_create(
        company=shop_world["company"],
        user=shop_world["sales"],
        lines=[LineSpec(quantity=1, product=shop_world["product"])],
    )
    quote = quote_issue(quote=quote, user=shop_world["sales"])
    page = new_context(viewport={"width": 390, "height": 844}, has_touch=True).new_page()
    sign_in(page, live_server, shop_world["signatory"])
    page.goto(f"/mes-devis/{quote.number}/v1/signer/")
    canvas = page.locator("#signature-pad")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    for pointer_type in ("touch", "pen"):
        points = [(0.1, 0.5), (0.3, 0.2), (0.5, 0.8), (0.8, 0.3)]
        x, y = box["x"] + box["width"] * points[0][0], box["y"] + box["height"] * points[0][1]
        init = {"pointerId": 7, "pointerType": pointer_type, "isPrimary": True, "button": 0}
        canvas.dispatch_event("pointerdown", {**init, "clientX": x, "clientY": y})
        for fx, fy in points[1:]:
            x, y = box["x"] + box["width"] * fx, box["y"] + box["height"] * fy
            canvas.dispatch_event("pointermove", {**init, "clientX": x, "clientY": y})
        canvas.dispatch_event("pointerup", {**init, "clientX": x, "clientY": y})
        expect(page.locator("#id_signature_data")).to_have_value(re.compile("^data:image/png"))
        page.get_by_role("button", name="Effacer").click()
        expect(page.locator("#id_signature_data")).to_have_value("")
    page.screenshot(path="/tmp/quote_phone_sign.png", full_page=True)

    # Typing instead of drawing.
    page.get_by_label("Taper ma signature au clavier").check()
    expect(canvas).to_be_hidden()
    page.get_by_label("Signature tapée").fill("Claire Dumas")
    page.get_by_label("Vos nom et prénom").fill("Claire Dumas")
    page.get_by_label("Votre qualité (fonction)").fill("Gérante")
    page.get_by_label("carte bancaire").check()
    page.get_by_label(re.compile("J'ai lu et j'accepte")).check()
    page.get_by_role("button", name="Confirmer mon bon pour accord").click()
    expect(page).to_have_url(re.compile(r"/mes-commandes/CMD-"))
    quote.refresh_from_db()
    assert quote.signature.signature_mode == "typed"
    assert quote.signature.typed_signature == "Claire Dumas"
