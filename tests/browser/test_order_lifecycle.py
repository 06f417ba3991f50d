"""Done when (issue 10): the customer follows an order from confirmation to delivery while
the warehouse prepares, ships and records the delivery in the admin; the customer records
a reserve on one line with a photo, and reads the timeline in French and in English, on a
desktop and on a phone."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from accounts.tests.factories import UserFactory
from backoffice.groups import WAREHOUSE, staff_groups_ensure
from orders.models import Complaint, OrderStatus
from orders.tests.factories import company_with_people, deliver_outbox, grant_deferred_terms
from orders.tests.lifecycle import preset_terms, signed_order
from shop.tests.factories_catalogue import ProductFactory
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/order_lifecycle"


def sign_in(context, live_server, user):
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def photo_png() -> bytes:
    image = Image.new("RGB", (320, 240), (180, 40, 40))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def world():
    preset_terms("004")
    people = company_with_people(legal_name="BUREAUTIQUE DU RHÔNE")
    grant_deferred_terms(people[0], credit_limit=Decimal("20000.00"))
    screen = ProductFactory(
        reference="ECR-27",
        designation="Écran 27 pouces QHD",
        price_ht=Decimal("289.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=10,
    )
    dock = ProductFactory(
        reference="DOCK-USB",
        designation="Station d'accueil USB-C",
        price_ht=Decimal("119.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=10,
    )
    order = signed_order(
        placed_at=timezone.now() - timedelta(hours=3),
        people=people,
        lines=[(screen, 2), (dock, 1)],
        shipping_fee_ht=None,
    )
    deliver_outbox()
    staff_groups_ensure()
    warehouse = UserFactory(is_staff=True, email="entrepot@vendeur.example")
    warehouse.groups.add(Group.objects.get(name=WAREHOUSE))
    return {"order": order, "signatory": people[1], "buyer": people[2], "warehouse": warehouse}


def test_order_from_confirmation_to_delivery_with_a_reserve(new_context, live_server, world):
    order = world["order"]
    assert order.status == OrderStatus.CONFIRMED
    customer = new_context()
    sign_in(customer, live_server, world["signatory"])
    mine = customer.new_page()
    mine.goto("/mes-commandes/")
    mine.get_by_role("link", name=order.number).click()
    expect(mine.locator("#order-status")).to_have_text("confirmée")
    expect(mine.locator("#timeline")).to_contain_text("Commande passée par bon pour accord")

    # --- The warehouse, in the admin: preparation, shipment, delivery. -------------------
    staff = new_context()
    sign_in(staff, live_server, world["warehouse"])
    admin = staff.new_page()
    admin.goto(f"/admin/orders/order/{order.pk}/change/")
    admin.locator("#order-move-prepare").click()
    admin.locator("#order-move-submit").click()
    expect(admin.locator(".messagelist")).to_contain_text("Préparation de la commande")
    admin.locator("#order-move-ship").click()
    admin.get_by_label("Transporteur").fill("Colissimo")
    admin.get_by_label("Numéro de suivi").fill("6A12345678901")
    admin.screenshot(path=f"{SHOTS}_admin_ship.png", full_page=True)
    admin.locator("#order-move-submit").click()
    expect(admin.locator(".messagelist")).to_contain_text("Expédition")
    admin.get_by_role("link", name="Enregistrer la livraison").click()
    admin.locator("#order-move-submit").click()
    expect(admin.locator(".messagelist")).to_contain_text("Livraison de")
    deliver_outbox()  # the worker renders the delivery note

    # --- The customer: delivered, a reserve with a photo on the screens. -----------------
    mine.reload()
    expect(mine.locator("#order-status")).to_have_text("livrée")
    expect(mine.locator("#shipments")).to_contain_text("6A12345678901")
    expect(mine.locator("#documents")).to_contain_text("Bon de livraison")
    complain = mine.locator('[data-action="complain"]')
    expect(complain).to_contain_text("Délai :")
    mine.screenshot(path=f"{SHOTS}_order_fr_desktop.png", full_page=True)
    complain.get_by_role("link").click()
    mine.get_by_label("Article").select_option(label="ECR-27 — Écran 27 pouces QHD")
    mine.get_by_label("Nature").select_option(label="colis ou article endommagé")
    mine.get_by_label("Quantité concernée").fill("1")
    mine.get_by_label("Description").fill("Dalle fissurée à l'ouverture du carton.")
    mine.get_by_label("Photos (JPEG ou PNG)").set_input_files(
        files=[{"name": "ecran.png", "mimeType": "image/png", "buffer": photo_png()}]
    )
    mine.get_by_role("button", name="Enregistrer ma réclamation").click()
    expect(mine.locator(".messages")).to_contain_text("Votre réclamation est enregistrée.")
    complaint = Complaint.objects.get(order=order)
    assert complaint.photos.count() == 1
    expect(mine.locator("#complaints")).to_contain_text("Dalle fissurée")
    expect(mine.locator("#timeline")).to_contain_text("Réclamation enregistrée")
    expect(mine.locator("#timeline")).to_contain_text("ECR-27 × 1")
    mine.screenshot(path=f"{SHOTS}_timeline_fr_desktop.png", full_page=True)

    # --- The timeline in English, on a phone. --------------------------------------------
    english = new_context(locale="en-GB", viewport=PHONE)
    sign_in(english, live_server, world["buyer"])
    phone = english.new_page()
    phone.goto(f"/en/mes-commandes/{order.number}/")
    timeline = phone.locator("#timeline")
    expect(timeline).to_contain_text("Order placed by signed approval")
    expect(timeline).to_contain_text("Preparation under way in our warehouse")
    expect(timeline).to_contain_text("Order shipped")
    expect(timeline).to_contain_text("Order delivered")
    expect(timeline).to_contain_text("Complaint recorded")
    expect(timeline).not_to_contain_text("in_preparation")
    phone.screenshot(path=f"{SHOTS}_timeline_en_phone.png", full_page=True)
