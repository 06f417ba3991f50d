"""Done when (issue 11): a signatory picks card, is sent to the sandbox provider's page,
passes the 3-D Secure challenge, comes back and sees the order confirmed; a declined card
leaves the order awaiting payment with a clear message and a way to retry."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import CompanyStatus, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from billing.models import Payment, PaymentStatus
from orders.models import Order, OrderStatus
from orders.services import LineSpec, quote_create, quote_issue, quote_sign
from orders.tests.factories import deliver_outbox, sign_kwargs
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


@pytest.fixture
def world(live_server, settings):
    # The sandbox posts its notifications to this live server (the worker's job, run
    # here by `deliver_outbox`).
    settings.PAYMENT_SANDBOX_WEBHOOK_URL = f"{live_server.url}/paiements/notifications/"
    thresholds_terms()
    company = CompanyFactory(
        legal_name="ATELIER NUMÉRIQUE DU JURA",
        status=CompanyStatus.APPROVED,
        approved_on=timezone.localdate() - timedelta(days=30),
    )
    signatory = MembershipFactory(
        company=company,
        user=UserFactory(email="signataire@atelier.example", first_name="Léa", last_name="Roux"),
        roles=[Role.SIGNATORY, Role.BUYER],
    ).user
    sales = UserFactory(is_staff=True)
    product = ProductFactory(
        reference="NUC-13",
        designation="Mini PC 13e génération",
        price_ht=Decimal("350.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=5,
    )
    quote = quote_issue(
        quote=quote_create(
            company=company, user=sales, lines=[LineSpec(quantity=1, product=product)]
        ),
        user=sales,
    )
    return {"company": company, "signatory": signatory, "quote": quote}


def _pay_with(page, number: str):
    page.get_by_label("Numéro de carte").fill(number)
    page.get_by_label("Expiration (MM/AA)").fill("12/30")
    page.get_by_label("Cryptogramme").fill("123")
    page.locator("#sandbox-pay").click()


def test_card_with_3d_secure_confirms_the_order(new_context, live_server, world):
    page = new_context().new_page()
    sign_in(page, live_server, world["signatory"])
    quote = world["quote"]
    page.goto(f"/mes-devis/{quote.number}/v1/signer/")
    page.get_by_label("Vos nom et prénom").fill("Léa Roux")
    page.get_by_label("Votre qualité (fonction)").fill("Gérante")
    page.get_by_label("Taper ma signature au clavier").check()
    page.get_by_label("Signature tapée").fill("Léa Roux")
    page.get_by_label("carte bancaire").check()
    page.get_by_label(re.compile("J'ai lu et j'accepte les conditions générales de vente")).check()
    page.get_by_role("button", name="Confirmer mon bon pour accord").click()

    expect(page).to_have_url(re.compile(r"/mes-commandes/CMD-\d{4}-\d{6}/$"))
    expect(page.locator("#order-status")).to_have_text("en attente de paiement")
    # 350,00 HT + 10,00 shipping (≥ 152, < 457) = 360,00 HT; VAT 72,00; 432,00 TTC.
    pay = page.locator("#pay-by-card")
    expect(pay).to_have_text(f"Payer 432,00{NBSP}€ par carte")
    page.screenshot(path="/tmp/pay_order_awaiting.png", full_page=True)
    pay.click()

    expect(page).to_have_url(re.compile(r"/bac-a-sable-paiement/pi_sbx_\w+/$"))
    expect(page.locator("#sandbox-amount")).to_have_text(f"432,00{NBSP}€")
    page.screenshot(path="/tmp/pay_sandbox_card.png", full_page=True)
    _pay_with(page, "4000 0027 6000 3184")

    expect(page).to_have_url(re.compile(r"/3d-secure/$"))
    expect(page.get_by_text("se terminant par 3184")).to_be_visible()
    page.screenshot(path="/tmp/pay_sandbox_3ds.png", full_page=True)
    page.locator("#challenge-approve").click()

    # Back at the shop before the bank's notification: the order waits for it.
    order = Order.objects.get()
    expect(page).to_have_url(re.compile(rf"/mes-commandes/{order.number}/$"))
    expect(page.locator(".messages, [role=status]").first).to_contain_text(
        "Paiement en cours de confirmation"
    )
    assert deliver_outbox()["failed"] == 0
    page.reload()
    expect(page.locator("#order-status")).to_have_text("confirmée")
    expect(page.locator("#pay-by-card")).to_have_count(0)
    page.screenshot(path="/tmp/pay_order_confirmed.png", full_page=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert Payment.objects.get().status == PaymentStatus.VALIDATED


def test_a_declined_card_leaves_the_order_awaiting_payment_with_a_retry(
    new_context, live_server, world
):
    quote = world["quote"]
    order = quote_sign(
        **sign_kwargs(quote, world["signatory"], payment_method="card", now=timezone.now())
    )
    deliver_outbox()
    for locale, viewport, suffix in (("fr-FR", None, "fr"), ("en-GB", PHONE, "en_phone")):
        options = {"locale": locale} | ({"viewport": viewport} if viewport else {})
        page = new_context(**options).new_page()
        sign_in(page, live_server, world["signatory"])
        prefix = "" if locale == "fr-FR" else "/en"
        page.goto(f"{prefix}/mes-commandes/{order.number}/")
        page.locator("#pay-by-card").click()
        expect(page).to_have_url(re.compile(r"/bac-a-sable-paiement/"))
        page.screenshot(path=f"/tmp/pay_sandbox_{suffix}.png", full_page=True)
        page.locator("#id_card_number").fill("4000 0000 0000 0002")
        page.locator("#id_expiry").fill("12/30")
        page.locator("#id_cvc").fill("123")
        page.locator("#sandbox-pay").click()
        expect(page).to_have_url(re.compile(rf"/mes-commandes/{order.number}/$"))
        assert deliver_outbox()["failed"] == 0
        page.reload()
        expect(page.locator("#payment-declined")).to_be_visible()
        expect(page.locator("#order-status")).to_have_attribute("data-status", "awaiting_payment")
        expect(page.locator("#pay-by-card")).to_be_visible()
        page.screenshot(path=f"/tmp/pay_declined_{suffix}.png", full_page=True)
    # The retry opens a new checkout: the declined payments stay on record.
    page.locator("#pay-by-card").click()
    expect(page).to_have_url(re.compile(r"/bac-a-sable-paiement/"))
    assert list(Payment.objects.order_by("id").values_list("status", flat=True)) == [
        "failed",
        "failed",
        "pending",
    ]
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
