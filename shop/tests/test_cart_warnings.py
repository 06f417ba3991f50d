"""What the cart tells a buyer: which product must be ordered separately, which quantity
will be backordered; and what the shipping table's admin tells staff about the terms."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from core.errors import BusinessError
from shop.services.cart import cart_line_add, cart_quick_order
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import (
    ProductFactory,
    ShippingRateFactory,
    thresholds_terms,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory()


@pytest.fixture
def buyer(client, shop_buyer, seller):
    thresholds_terms(seller=seller)
    client.force_login(shop_buyer)
    return shop_buyer


# --- order separately -------------------------------------------------------------------------


def test_quick_order_names_the_desk_not_the_dock(buyer):
    desk = ProductFactory(reference="BUREAU-180", order_separately=True)
    ProductFactory(reference="DOCK-USBC")
    cart_line_add(user=buyer, product=desk, quantity=1)

    result = cart_quick_order(user=buyer, text="DOCK-USBC;1")

    (error,) = result.errors
    assert error.code == "cart_order_separately"
    assert error.message == (
        "Ce panier contient BUREAU-180, qui se commande séparément (mobilier, gros matériel) "
        ": DOCK-USBC ne peut pas le rejoindre. Mettez DOCK-USBC dans un panier séparé."
    )


def test_adding_the_desk_to_a_cart_names_the_desk(buyer):
    desk = ProductFactory(reference="BUREAU-180", order_separately=True)
    cart_line_add(user=buyer, product=ProductFactory(reference="DOCK-USBC"), quantity=1)
    with pytest.raises(BusinessError) as caught:
        cart_line_add(user=buyer, product=desk, quantity=1)
    assert str(caught.value.message).startswith("BUREAU-180 se commande séparément")


def test_the_product_page_names_the_product_already_in_the_cart(client, buyer):
    cart_line_add(
        user=buyer,
        product=ProductFactory(reference="BUREAU-180", order_separately=True),
        quantity=1,
    )
    ProductFactory(reference="DOCK-USBC")
    response = client.post(reverse("cart_add", args=["DOCK-USBC"]), {"quantite": "1"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Ce panier contient BUREAU-180" in html
    assert "Mettre dans un panier séparé" in html


# --- backorders -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "warning"),
    [
        (3, None),  # exactly what is available
        (4, "En stock : 3 ; 1 unité sera livrée en reliquat, dès réception."),
        (10, "En stock : 3 ; 7 unités seront livrées en reliquat, dès réception."),
    ],
)
def test_the_cart_warns_when_a_quantity_exceeds_the_stock(client, buyer, quantity, warning):
    # 5 on hand, 2 promised to orders not yet shipped: 3 available.
    product = ProductFactory(reference="ECR-27", stock_on_hand=5, stock_reserved=2)
    line = cart_line_add(user=buyer, product=product, quantity=quantity)
    html = client.get(reverse("cart")).content.decode()
    if warning is None:
        assert f'id="stock-{line.pk}"' not in html
    else:
        assert f'<p class="stock-warning" id="stock-{line.pk}">{warning}</p>' in html


def test_nothing_in_stock_means_every_unit_is_backordered(client, buyer):
    product = ProductFactory(reference="NSW2", stock_on_hand=0)
    cart_line_add(user=buyer, product=product, quantity=2)
    html = client.get(reverse("cart")).content.decode()
    assert "En stock : 0 ; 2 unités seront livrées en reliquat" in html


# --- the shipping table in the admin ----------------------------------------------------------


def test_the_table_says_it_is_unused_under_terms_with_their_own_thresholds(admin_client, seller):
    thresholds_terms(seller=seller)
    ShippingRateFactory(seller=seller, zone="fr_metro", fee_ht=Decimal("19.00"))
    for url in (
        reverse("admin:shop_shippingrate_changelist"),
        reverse("admin:shop_shippingrate_add"),
    ):
        html = admin_client.get(url).content.decode()
        assert "Règle des CGV en vigueur (version" in html
        assert "franco et paliers de montant HT" in html
        assert (
            "15,00\u00a0€ HT sous 152,00\u00a0€ HT de marchandises, 10,00\u00a0€ HT à partir "
            "de 152,00\u00a0€ HT, livraison gratuite à partir de 457,00\u00a0€ HT." in html
        )
        assert "Avec une console : gratuite à partir de 750,00\u00a0€ HT." in html
        assert "Ce barème n'est pas utilisé tant que ces CGV sont en vigueur." in html


def test_the_table_says_it_applies_under_terms_that_use_it(admin_client, seller):
    thresholds_terms(seller=seller, shipping_fee_mode="zone_table")
    html = admin_client.get(reverse("admin:shop_shippingrate_changelist")).content.decode()
    assert "barème par zone et distance" in html
    assert "Les paniers et les commandes prennent leurs frais de port dans ce barème." in html
    assert "pas utilisé" not in html


def test_the_table_says_when_no_terms_are_in_force(admin_client, seller):
    thresholds_terms(seller=seller, effective_date=date(2999, 1, 1))
    html = admin_client.get(reverse("admin:shop_shippingrate_changelist")).content.decode()
    assert "Aucune version des CGV n'est en vigueur" in html
