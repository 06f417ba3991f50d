"""Catalogue pages keep their rendered cards under the catalogue version (see
`shop.views.kept_pages`): what changed shows on the very next request, never a stale page,
and a stock movement (reserved inside the signing transactions) writes no shared row."""

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse

from core.fragments import CSRF_PLACEHOLDER
from shop.models import Product, Seller
from shop.selectors import catalogue_version
from shop.services.stock import stock_reserve
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory, QuantityTierFactory, thresholds_terms

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def product():
    thresholds_terms(seller=SellerFactory(show_prices_to_anonymous=True))
    return ProductFactory(
        reference="ECR-24", designation="Écran 24 pouces", price_ht=D("100.00"), stock_on_hand=3
    )


IN_STOCK = '"stock stock-in">En stock<'

PAGES = [
    ("home", {}),
    ("catalogue", {}),
    ("catalogue", {"q": "ecran"}),
    ("catalogue", {"en_stock": "on"}),
]


def page(client, name: str, params: dict) -> str:
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("name", "params"), PAGES)
def test_a_new_price_shows_on_the_next_request(client, product, name, params):
    # 100.00 x 1.20 = 120.00 TTC; then 150.00 x 1.20 = 180.00
    assert "120,00\u00a0€" in page(client, name, params)
    assert "120,00\u00a0€" in page(client, name, params)  # served from what was kept
    product.price_ht = D("150.00")
    product.save()
    html = page(client, name, params)
    assert "150,00\u00a0€" in html and "180,00\u00a0€" in html
    assert "120,00\u00a0€" not in html


@pytest.mark.parametrize(("name", "params"), [p for p in PAGES if "en_stock" not in p[1]])
def test_a_reservation_shows_at_once_and_writes_no_shared_row(client, product, name, params):
    assert IN_STOCK in page(client, name, params)
    version = catalogue_version()
    with transaction.atomic():
        # 3 on hand, 3 reserved: 0 available
        stock_reserve(requests=[(product.pk, 3)])
    assert catalogue_version() == version
    html = page(client, name, params)
    assert '"stock stock-out">Sur commande<' in html and IN_STOCK not in html


def test_the_in_stock_filter_counts_the_stock_of_the_moment(client, product):
    ProductFactory(reference="ECR-27", designation="Écran 27 pouces", stock_on_hand=1)
    assert "2 produits" in page(client, "catalogue", {"en_stock": "on"})
    with transaction.atomic():
        stock_reserve(requests=[(product.pk, 3)])
    html = page(client, "catalogue", {"en_stock": "on"})
    assert "1 produit" in html and "ECR-27" in html and "ECR-24" not in html


def test_the_count_follows_a_product_withdrawn_from_sale(client, product):
    ProductFactory(reference="ECR-27", designation="Écran 27 pouces")
    assert "2 produits" in page(client, "catalogue", {})
    Product.objects.filter(pk=product.pk).update(is_active=False)
    assert "1 produit" in page(client, "catalogue", {})


def test_each_language_gets_its_own_cards(client, product):
    assert IN_STOCK in page(client, "catalogue", {})
    english = client.get("/en/catalogue/").content.decode()
    assert '"stock stock-in">In stock<' in english and IN_STOCK not in english
    assert "120.00" in english  # English writes € 120.00, French 120,00 €
    # reverse() now answers in English (the request left it active): the French address
    assert IN_STOCK in client.get("/catalogue/").content.decode()


def test_prices_hidden_from_visitors_are_kept_apart_from_shown_ones(client, product):
    assert "120,00\u00a0€" in page(client, "catalogue", {})
    seller = Seller.objects.get()
    seller.show_prices_to_anonymous = False
    seller.save()
    html = page(client, "catalogue", {})
    assert "Connectez-vous pour voir les prix" in html and "120,00" not in html


def test_writes_that_pages_show_bump_the_version_and_stock_ones_do_not(product):
    version = catalogue_version()
    Product.objects.filter(pk=product.pk).update(stock_on_hand=9, stock_reserved=2)
    assert catalogue_version() == version
    product.refresh_from_db()
    product.stock_on_hand = 10
    product.save()  # every column written, only the stock (and updated_at) changed
    assert catalogue_version() == version
    Product.objects.filter(pk=product.pk).update(designation="Écran 24 pouces mat")
    assert catalogue_version() != version
    version = catalogue_version()
    QuantityTierFactory(product=product, min_quantity=10, unit_price_ht=D("90.00"))
    assert catalogue_version() != version
    version = catalogue_version()
    ProductFactory(reference="NEW-1")
    assert catalogue_version() != version


def product_page(client) -> str:
    response = client.get(reverse("product_detail", args=["ECR-24"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_product_page_shows_a_new_price_tier_and_stock_at_once(client, product):
    assert "120,00\u00a0€" in product_page(client) and "En stock : 3" in product_page(client)
    QuantityTierFactory(product=product, min_quantity=10, unit_price_ht=D("90.00"))
    # tier 90.00 x 1.20 = 108.00 TTC
    assert "108,00\u00a0€" in product_page(client)
    with transaction.atomic():
        stock_reserve(requests=[(product.pk, 1)])
    assert "En stock : 2" in product_page(client)  # 3 on hand - 1 reserved
    product.designation = "Écran 24 pouces mat"
    product.save()
    assert "Écran 24 pouces mat" in product_page(client)


def test_a_kept_product_page_gives_each_reader_their_own_form_and_token(
    client, product, shop_buyer
):
    assert "Connectez-vous pour commander" in product_page(client)
    client.force_login(shop_buyer)
    tokens = []
    for _ in range(2):
        html = product_page(client)
        assert "Ajouter au panier" in html and "Connectez-vous pour commander" not in html
        assert CSRF_PLACEHOLDER not in html
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[1])
    assert tokens[0] != tokens[1]  # masked afresh on each request
    client.logout()
    assert "Connectez-vous pour commander" in product_page(client)
