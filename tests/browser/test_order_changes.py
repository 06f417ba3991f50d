"""The customer changes a paid order under 003's terms: sets the pickup appointment at the
seller's (goods held 15 days from it, 003 art. 5.7) and asks for a modification, which
comes back as a new version of the quote to sign, linked from the order page. French on
a desktop, English on a phone."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from billing.services.allocations import payment_record
from core.audit import Actor
from orders.models import OrderRevision, OrderStatus, PickupAppointment
from orders.services import quote_issue
from orders.tests.factories import company_with_people
from orders.tests.lifecycle import preset_terms, signed_order
from shop.models.terms_choices import PaymentMethod
from shop.tests.factories_catalogue import ProductFactory
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/order_changes"


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def world():
    preset_terms("003")
    people = company_with_people(legal_name="ÉLECTRONIQUE DE LIÈGE")
    board = ProductFactory(
        reference="RPI-5",
        designation="Carte Raspberry Pi 5",
        price_ht=Decimal("80.00"),
        vat_rate=Decimal("21.00"),
        stock_on_hand=20,
    )
    order = signed_order(
        placed_at=timezone.now() - timedelta(hours=3), people=people, lines=[(board, 3)]
    )
    payment_record(
        company=people[0],
        method=PaymentMethod.TRANSFER,
        amount=order.total_ttc,
        received_on=timezone.localdate(),
        reference=f"VIR {order.number}",
        actor=Actor.of_user(UserFactory(is_staff=True)),
        order_reference=order.number,
    )
    order.refresh_from_db()
    return {"order": order, "signatory": people[1], "buyer": people[2]}


def test_customer_sets_a_pickup_and_asks_for_a_modification(new_context, live_server, world):
    order = world["order"]
    assert order.status == OrderStatus.CONFIRMED
    customer = new_context()
    sign_in(customer, live_server, world["signatory"])
    mine = customer.new_page()
    mine.goto(f"/mes-commandes/{order.number}/")
    pickup = mine.locator('[data-action="pickup"]')
    expect(pickup).to_contain_text("15 jours à dater du rendez-vous")
    day = timezone.localdate() + timedelta(days=5)
    pickup.get_by_label("Date et heure du rendez-vous (heure de Paris)").fill(
        f"{day:%Y-%m-%d}T14:30"
    )
    pickup.get_by_role("button", name="Enregistrer le rendez-vous").click()
    expect(mine.locator(".messages")).to_contain_text("Votre rendez-vous d'enlèvement est")
    expect(mine.locator("#pickup-appointment")).to_have_text(f"{day:%d/%m/%Y} 14:30")
    last_day = day + timedelta(days=15)
    expect(mine.locator("#timeline")).to_contain_text("Rendez-vous d'enlèvement fixé")
    expect(mine.locator("#timeline")).to_contain_text(f"jusqu'au {last_day:%d/%m/%Y} inclus")
    assert PickupAppointment.objects.filter(order=order).exists()

    modify = mine.locator('[data-action="modify"]')
    modify.get_by_label("Modification souhaitée").fill("5 cartes au lieu de 3, s'il vous plaît.")
    modify.get_by_role("button", name="Envoyer la demande").click()
    expect(mine.locator(".messages")).to_contain_text("Votre demande de modification")
    revision = OrderRevision.objects.get(order=order)
    quote_issue(quote=revision.quote, user=UserFactory(is_staff=True))  # sales issue it
    mine.reload()
    banner = mine.locator("#revision-to-sign")
    expect(banner).to_contain_text(f"{revision.quote.number} v2")
    mine.screenshot(path=f"{SHOTS}_fr_desktop.png", full_page=True)
    banner.get_by_role("link", name="Voir et signer le devis").click()
    expect(mine).to_have_url(f"{live_server.url}/mes-devis/{revision.quote.number}/v2/")

    english = new_context(locale="en-GB", viewport=PHONE)
    sign_in(english, live_server, world["buyer"])
    phone = english.new_page()
    phone.goto(f"/en/mes-commandes/{order.number}/")
    expect(phone.locator("#timeline")).to_contain_text("Pickup appointment set")
    expect(phone.locator("#revision-to-sign")).to_contain_text("once it is signed")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    phone.screenshot(path=f"{SHOTS}_en_phone.png", full_page=True)
