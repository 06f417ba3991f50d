"""Done when (issue 9): a French buyer of preset 004 reads the French terms from the signing
page, signs the quote, and gets the acknowledgement e-mail sent by a real Celery worker (the
signed PDF is rendered by that worker too, after commit, through the outbox); the signed PDF
shows the seller's full identity (the demo identity completing what seed 004 lacks)."""

import email
import email.policy
import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import CompanyStatus, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from core.documents import document_read
from core.models import OutboxMessage
from demo.seller import demo_identity_complete
from orders.models import Order, QuoteStatus
from orders.services import LineSpec, quote_create, quote_issue
from orders.tests.factories import sales_group
from shop.services import seller_preset_load
from shop.tests.factories_catalogue import ProductFactory
from tests.browser.conftest import PHONE, sign_in
from tests.celery_processes import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Seed 004, article on shipping, in the French translation that prevails.
FRENCH_SENTENCE = "457 € HT pour les commandes ne comprenant pas de consoles de jeux."
# The demo identity of 004 as the signed PDF prints it (docs/rules/seller-identity.md).
IDENTITY = (
    "INNELEC (démo), SAS au capital de 10 000,00 €",
    "Siège : 1 rue de la Démonstration, 75002 Paris",
    "SIREN 999 999 998 — RCS Paris",
    "TVA FR11999999998",
    "contact@vendeur-demo.example · +33 1 99 00 00 00",
    "RCS Paris 999 999 998 · N° TVA intracommunautaire FR11999999998",
)


def words(text: str) -> str:
    """Words separated by single spaces (PDF lines and no-break spaces folded)."""
    return " ".join(text.split()).replace(":// ", "://")


def printed_mails(output: str) -> list[email.message.EmailMessage]:
    """The e-mails the console backend printed in a worker's output."""
    mails = []
    for chunk in output.split("-" * 79):
        start = chunk.find("Content-Type:")
        if start != -1 and "\nSubject:" in chunk:
            mails.append(
                email.message_from_string(chunk[start:].strip(), policy=email.policy.default)
            )
    return mails


@pytest.fixture
def world():
    seller = seller_preset_load(code="004", complete=demo_identity_complete)
    company = CompanyFactory(
        legal_name="BUREAUTIQUE DU RHÔNE",
        status=CompanyStatus.APPROVED,
        approved_on=timezone.localdate() - timedelta(days=30),
    )
    buyer = MembershipFactory(
        company=company,
        user=UserFactory(
            email="claire.dumas@bureautique.example",
            first_name="Claire",
            last_name="Dumas",
            language="fr",
        ),
        roles=[Role.SIGNATORY, Role.BUYER],
    ).user
    sales = UserFactory(is_staff=True, email="commercial@vendeur.example")
    sales.groups.add(sales_group())
    product = ProductFactory(
        reference="PC-PRO-14",
        designation="Portable 14 pouces, 32 Go",
        price_ht=Decimal("1250.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=5,
    )
    quote = quote_create(company=company, user=sales, lines=[LineSpec(quantity=2, product=product)])
    quote = quote_issue(quote=quote, user=sales)
    return {"seller": seller, "buyer": buyer, "quote": quote}


def test_a_french_buyer_reads_the_french_terms_signs_and_is_acknowledged(
    new_context, live_server, world, worker
):
    quote = world["quote"]
    context = new_context()
    page = context.new_page()
    sign_in(page, live_server, world["buyer"])
    page.goto(f"/mes-devis/{quote.number}/v1/signer/")

    # --- The terms, from the link next to the box to tick: in French, which prevails. --------
    with context.expect_page() as opened:
        page.get_by_role("link", name="Lire les CGV version 1").click()
    terms_page = opened.value
    expect(terms_page).to_have_url(re.compile(r"/cgv/(v1/)?$"))
    main = terms_page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Conditions générales de vente")
    expect(main).to_contain_text(FRENCH_SENTENCE)
    expect(main.get_by_role("note")).to_contain_text(
        "Traduction française du texte original du vendeur en anglais. "
        "Cette version française est celle qui fait foi."
    )
    terms_page.screenshot(path="/tmp/buyer_004_terms.png")
    terms_page.close()

    # --- Bon pour accord. --------------------------------------------------------------------
    page.get_by_label("Vos nom et prénom").fill("Claire Dumas")
    page.get_by_label("Votre qualité (fonction)").fill("Directrice administrative")
    page.get_by_label("Taper ma signature au clavier").check()
    page.get_by_label("Signature tapée").fill("Claire Dumas")
    page.get_by_label("virement bancaire").check()
    page.get_by_label(re.compile("J'ai lu et j'accepte les conditions générales de vente")).check()
    page.screenshot(path="/tmp/buyer_004_sign.png", full_page=True)
    page.get_by_role("button", name="Confirmer mon bon pour accord").click()

    expect(page).to_have_url(re.compile(r"/mes-commandes/CMD-\d{4}-\d{6}/$"))
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        "votre bon pour accord est enregistré"
    )
    page.screenshot(path="/tmp/buyer_004_order.png", full_page=True)
    order = Order.objects.get()
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SIGNED and order.quote == quote

    # --- After commit, the worker renders the signed PDF and sends the acknowledgement. -----
    delivered = wait_for(
        lambda: (
            OutboxMessage.objects.exists()
            and not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
        )
    )
    output = worker()
    assert delivered, output
    assert set(OutboxMessage.objects.values_list("topic", flat=True)) == {
        "orders.quote_signed_pdf",
        "orders.order_acknowledgement",
    }
    (acknowledgement,) = [m for m in printed_mails(output) if order.number in m["Subject"]]
    assert acknowledgement["To"] == "claire.dumas@bureautique.example"
    # (A header encoded for its accents is folded onto its own line: strip the fold.)
    assert acknowledgement["Subject"].strip() == (
        f"Accusé de réception de votre commande {order.number}"
    )
    body = acknowledgement.get_content()
    assert order.number in body and f"/mes-commandes/{order.number}/" in body

    # --- The signed PDF: the seller's full identity and the terms that prevail. --------------
    response = page.request.get(f"/mes-devis/{quote.number}/v1/pdf-signe/")
    assert response.ok
    quote.refresh_from_db()
    assert response.body() == document_read(quote.signature.signed_pdf)
    text = words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages))
    for expected in IDENTITY:
        assert expected in text, expected
    assert "Claire Dumas" in text and "Bon pour accord" in text
    assert "consultables en français, version qui fait foi" in text
    assert "/cgv/v1/, et pour information en anglais sur" in text

    # The same page on a phone.
    phone = new_context(viewport=PHONE).new_page()
    sign_in(phone, live_server, world["buyer"])
    phone.goto(f"/mes-devis/{quote.number}/v1/")
    expect(phone.get_by_role("main")).to_contain_text("INNELEC (démo)")
    phone.screenshot(path="/tmp/buyer_004_quote_phone.png", full_page=True)
