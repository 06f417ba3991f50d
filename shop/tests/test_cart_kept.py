"""The cart keeps its rendered lines and totals under a key naming all they show (see
`shop.views.kept_pages.cart_lines_key`): a change of quantity, price, tier, stock,
shipping table or language shows on the very next request, and every form of a kept
page carries the request's own CSRF token."""

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.fragments import CSRF_PLACEHOLDER
from shop.selectors import catalogue_version
from shop.services.cart import cart_add_separately, cart_line_add
from shop.services.stock import stock_reserve
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import (
    ProductFactory,
    QuantityTierFactory,
    ShippingRateFactory,
    thresholds_terms,
)

pytestmark = pytest.mark.django_db
D = Decimal
EUR = "\u00a0€"


@pytest.fixture
def seller():
    return SellerFactory()


@pytest.fixture
def product(seller):
    thresholds_terms(seller=seller)
    return ProductFactory(reference="ECR-24", price_ht=D("100.00"), stock_on_hand=5)


@pytest.fixture
def line(client, shop_buyer, product):
    client.force_login(shop_buyer)
    return cart_line_add(user=shop_buyer, product=product, quantity=2)


def cart_page(client) -> str:
    response = client.get(reverse("cart"))
    assert response.status_code == 200
    return response.content.decode()


def goods(html: str) -> str:
    return re.search(r'<dd id="goods-ht">([^<]*)</dd>', html)[1]


def test_the_page_is_served_again_from_what_was_kept(client, line):
    # 2 x 100.00 = 200.00 HT; shipping 10.00 (from 152.00); VAT 20 % of 210.00 = 42.00
    first = cart_page(client)
    second = cart_page(client)
    for html in (first, second):
        assert goods(html) == "200,00" + EUR
        assert f'<dd id="total-ttc">252,00{EUR}</dd>' in html
    assert CSRF_PLACEHOLDER not in second


def test_a_new_quantity_shows_on_the_next_request(client, line):
    assert goods(cart_page(client)) == "200,00" + EUR
    response = client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "3"})
    assert response.status_code == 302
    html = cart_page(client)
    assert goods(html) == "300,00" + EUR  # 3 x 100.00
    assert f'id="qty-{line.pk}" value="3"' in html


def test_a_new_price_shows_on_the_next_request(client, line, product):
    assert goods(cart_page(client)) == "200,00" + EUR
    product.price_ht = D("150.00")
    product.save()
    assert goods(cart_page(client)) == "300,00" + EUR  # 2 x 150.00


def test_a_new_tier_shows_on_the_next_request(client, line, product):
    assert "Prix par quantité atteint" not in cart_page(client)
    QuantityTierFactory(product=product, min_quantity=2, unit_price_ht=D("90.00"))
    html = cart_page(client)
    assert goods(html) == "180,00" + EUR  # 2 x 90.00
    assert "Prix par quantité atteint (à partir de 2)" in html


def test_a_reservation_shows_its_backorder_at_once_and_writes_no_shared_row(client, line, product):
    assert f'id="stock-{line.pk}"' not in cart_page(client)  # 5 available for 2
    version = catalogue_version()
    with transaction.atomic():
        stock_reserve(requests=[(product.pk, 4)])  # 5 on hand - 4 reserved = 1 available
    assert catalogue_version() == version
    html = cart_page(client)
    assert "En stock : 1 ; 1 unité sera livrée en reliquat, dès réception." in html


def test_a_new_shipping_fee_in_the_table_shows_on_the_next_request(client, shop_buyer, seller):
    thresholds_terms(seller=seller, shipping_fee_mode="order_table", delivery_zones=[])
    rate = ShippingRateFactory(seller=seller, fee_ht=D("20.00"))
    product = ProductFactory(reference="ECR-27", price_ht=D("100.00"))
    client.force_login(shop_buyer)
    cart_line_add(user=shop_buyer, product=product, quantity=1)
    assert f'<dd id="shipping-ht">20,00{EUR}</dd>' in cart_page(client)
    version = catalogue_version()
    rate.fee_ht = D("25.00")
    rate.save()
    assert catalogue_version() != version
    assert f'<dd id="shipping-ht">25,00{EUR}</dd>' in cart_page(client)


def test_each_language_gets_its_own_lines(client, line):
    assert "Récapitulatif" in cart_page(client)
    with translation.override("en"):
        english = client.get(reverse("cart")).content.decode()
    assert "Summary" in english and "Récapitulatif" not in english
    assert "€200.00" in english.replace("\u00a0", "")  # English writes € 200.00
    assert "Récapitulatif" in client.get("/panier/").content.decode()


def test_a_refused_quantity_is_shown_then_the_kept_page_again(client, line):
    cart_page(client)
    response = client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "2,5"})
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="qty-{line.pk}" value="2,5" aria-invalid="true"' in html
    assert "« 2,5 » n&#x27;est pas un nombre entier" in html
    html = cart_page(client)
    assert f'id="qty-{line.pk}" value="2"' in html and "pas un nombre entier" not in html


def test_every_form_of_a_kept_page_carries_the_requests_own_token(shop_buyer, line):
    client = Client(enforce_csrf_checks=True)
    client.force_login(shop_buyer)
    cart_page(client)  # rendered, then kept
    html = cart_page(client)
    update = reverse("cart_line_update", args=[line.pk])
    form = re.search(re.escape(f'action="{update}"') + r".*?</form>", html, re.S)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', form)[1]
    response = client.post(
        reverse("cart_line_update", args=[line.pk]),
        {"quantite": "4", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert goods(cart_page(client)) == "400,00" + EUR  # 4 x 100.00


def test_the_current_cart_shows_its_own_lines_and_lists_the_others(client, line, shop_buyer):
    mouse = ProductFactory(reference="SOURIS", price_ht=D("10.00"))
    other = cart_add_separately(user=shop_buyer, product=mouse, quantity=1)  # now current
    html = cart_page(client)
    assert "SOURIS" in html and "ECR-24" not in html
    assert f"Panier n° {line.cart_id}," in html and f"Panier n° {other.pk}," not in html
    assert client.post(reverse("cart_switch", args=[line.cart_id])).status_code == 302
    html = cart_page(client)
    assert "ECR-24" in html and "SOURIS" not in html
    assert f"Panier n° {other.pk}," in html and f"Panier n° {line.cart_id}," not in html


def test_the_rows_escape_what_staff_typed_and_speak_the_readers_language(
    client, shop_buyer, product
):
    product.designation = "Écran <b>24</b> d'angle"
    product.save()
    QuantityTierFactory(product=product, min_quantity=10, unit_price_ht=D("90.00"))
    client.force_login(shop_buyer)
    line = cart_line_add(user=shop_buyer, product=product, quantity=6)  # 5 available
    html = cart_page(client)
    assert "Écran &lt;b&gt;24&lt;/b&gt; d&#x27;angle" in html and "<b>24</b>" not in html
    assert f"À partir de 10 : 90,00{EUR} HT l'unité" in html
    assert "En stock : 5 ; 1 unité sera livrée en reliquat, dès réception." in html
    assert f'<td class="num" data-label="Total HT">600,00{EUR}</td>' in html  # 6 x 100.00
    with translation.override("en"):
        english = client.get(reverse("cart")).content.decode()
    assert "From 10: €" in english and "excl. VAT per unit" in english
    assert "In stock: 5; 1 unit will be backordered and delivered on arrival." in english
    with translation.override("en"):
        assert f'action="{reverse("cart_line_update", args=[line.pk])}"' in english
