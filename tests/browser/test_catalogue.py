"""A buyer in a browser: search, quick order with one wrong line fixed, then the cart's totals
and shipping fee crossing the 152.00 and 457.00 HT thresholds of seller 004's terms."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from shop.models import Brand, Category, Product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP = "\u00a0"


def eur(text: str) -> str:
    """ "1234,50" -> "1 234,50 €" as the French format prints it."""
    return f"{text}{NBSP}€"


@pytest.fixture
def shop_004():
    call_command("load_seller_preset", "004")
    screens = Category.objects.create(name="Écrans", slug="ecrans")
    network = Category.objects.create(name="Réseau", slug="reseau")
    Product.objects.create(
        reference="ECR-24",
        designation='Écran 24" Full HD IPS',
        brand=Brand.objects.create(name="iiyama"),
        category=screens,
        price_ht=Decimal("76.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=50,
    )
    Product.objects.create(
        reference="CAB-6",
        designation="Câble RJ45 Cat 6A, 3 m",
        brand=Brand.objects.create(name="Dexlan"),
        category=network,
        price_ht=Decimal("1.00"),
        vat_rate=Decimal("20.00"),
        pack_multiple=6,
        stock_on_hand=600,
    )
    Product.objects.create(
        reference="ADAPT-1",
        designation="Adaptateur USB-C vers RJ45",
        category=network,
        price_ht=Decimal("1.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=20,
    )
    # A buyer of a French customer company (domestic VAT, like the French seller 004):
    # only the company's buyers may use the cart and quick order.
    return MembershipFactory(
        user=UserFactory(email="acheteur@client.example"), roles=[Role.BUYER]
    ).user


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def totals(page):
    return {
        "shipping": page.locator("#shipping-ht").inner_text(),
        "ht": page.locator("#total-ht").inner_text(),
        "ttc": page.locator("#total-ttc").inner_text(),
    }


def set_quantity(page, reference: str, quantity: str):
    row = page.locator(f'tr[data-reference="{reference}"]')
    row.get_by_label(f"Quantité de {reference}").fill(quantity)
    row.get_by_role("button", name="Mettre à jour").click()


def test_search_quick_order_fix_and_shipping_thresholds(page, live_server, shop_004):
    sign_in(page, live_server, shop_004)

    # Search from the home page.
    page.goto("/")
    page.get_by_role("searchbox", name="Rechercher dans le catalogue").fill("ecran")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résultats pour « ecran »")
    expect(page.locator(".product-card")).to_have_count(1)
    expect(page.locator(".product-card")).to_contain_text("ECR-24")
    expect(page.locator(".product-card")).to_contain_text(eur("76,00"))
    page.screenshot(path="/tmp/catalogue_search.png", full_page=True)

    # Quick order with one wrong line: not a multiple of the pack of 6.
    page.get_by_role("link", name="Commande rapide").click()
    page.get_by_label("Lignes à commander").fill("ECR-24;1\nCAB-6;4")
    page.get_by_role("button", name="Ajouter au panier").click()
    errors = page.locator("#quick-order-errors")
    expect(errors).to_contain_text("Ligne 2")
    expect(errors).to_contain_text("CAB-6;4")
    expect(errors).to_contain_text("multiples de 6")
    expect(page.get_by_label("Lignes à commander")).to_have_value("CAB-6;4")
    expect(page.get_by_role("status")).to_contain_text("1 ligne(s) ajoutée(s) au panier")
    page.screenshot(path="/tmp/catalogue_quick_order_error.png", full_page=True)

    # Fix it: the valid line goes to the cart, and we land on the cart.
    page.get_by_label("Lignes à commander").fill("CAB-6;6")
    page.get_by_role("button", name="Ajouter au panier").click()
    expect(page).to_have_url(re.compile(r"/panier/$"))
    expect(page.locator("tbody tr")).to_have_count(2)
    # Goods 76.00 + 6 x 1.00 = 82.00 < 152.00: 15.00. HT 97.00, VAT 19.40, TTC 116.40.
    assert totals(page) == {"shipping": eur("15,00"), "ht": eur("97,00"), "ttc": eur("116,40")}
    expect(page.locator("#shipping-next")).to_contain_text(
        f"ramenés à {eur('10,00')} HT à partir de {eur('152,00')}"
    )
    page.screenshot(path="/tmp/catalogue_cart_below_152.png", full_page=True)

    # Exactly 152.00 of goods pays the reduced fee: 2 x 76.00, cable removed.
    page.locator('tr[data-reference="CAB-6"]').get_by_role("button", name="Retirer").click()
    set_quantity(page, "ECR-24", "2")
    # HT 162.00, VAT 32.40, TTC 194.40.
    assert totals(page) == {"shipping": eur("10,00"), "ht": eur("162,00"), "ttc": eur("194,40")}

    # 456.00 still pays 10.00 and says from where shipping is free.
    set_quantity(page, "ECR-24", "6")
    # HT 466.00, VAT 93.20, TTC 559.20.
    assert totals(page) == {"shipping": eur("10,00"), "ht": eur("466,00"), "ttc": eur("559,20")}
    expect(page.locator("#shipping-next")).to_contain_text(
        f"Livraison offerte à partir de {eur('457,00')}"
    )
    page.screenshot(path="/tmp/catalogue_cart_456.png", full_page=True)

    # One more euro by quick order: exactly 457.00, shipping free. VAT 91.40, TTC 548.40.
    page.get_by_role("link", name="Commande rapide").click()
    page.get_by_label("Lignes à commander").fill("ADAPT-1;1")
    page.get_by_role("button", name="Ajouter au panier").click()
    expect(page).to_have_url(re.compile(r"/panier/$"))
    assert totals(page) == {"shipping": "offerts", "ht": eur("457,00"), "ttc": eur("548,40")}
    expect(page.locator("#goods-ht")).to_have_text(eur("457,00"))
    page.screenshot(path="/tmp/catalogue_cart_free.png", full_page=True)

    # A wrong quantity typed in the cart is shown next to the line and kept.
    set_quantity(page, "ECR-24", "1,5")
    row = page.locator('tr[data-reference="ECR-24"]')
    expect(row).to_contain_text("n'est pas un nombre entier")
    expect(row.get_by_label("Quantité de ECR-24")).to_have_value("1,5")
