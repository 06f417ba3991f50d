"""The product grid built by `{% product_cards %}`: the same markup the per-card include
gave, with URLs a browser follows to the product and its picture."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from shop.models.catalogue import DiscountClass
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import BrandFactory, ProductFactory, thresholds_terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    seller = SellerFactory()
    thresholds_terms(seller=seller)
    return seller


def card_of(html: str, reference: str) -> str:
    cards = re.findall(r'<li class="product-card">.*?</li>', html, flags=re.S)
    return next(card for card in cards if f'<p class="product-ref">{reference}</p>' in card)


def test_a_card_shows_price_stock_and_every_badge_escaped(client, seller):
    ProductFactory(
        reference="CBL 5&6",
        designation="Câble <Cat6> & RJ45",
        brand=BrandFactory(name="Brand & Co"),
        price_ht=D("10.00"),
        stock_on_hand=0,
        pack_multiple=5,
        discount_class=DiscountClass.LIQUIDATION,
        order_separately=True,
    )
    card = card_of(client.get(reverse("catalogue")).content.decode(), "CBL 5&amp;6")
    # 10.00 x 1.20 = 12.00 TTC; no picture, so no <img>.
    assert card == (
        '<li class="product-card"><p class="product-ref">CBL 5&amp;6</p>'
        '<h3><a href="/produit/CBL%205&amp;6/">Câble &lt;Cat6&gt; &amp; RJ45</a></h3>'
        '<p class="product-brand">Brand &amp; Co</p>'
        '<p class="product-price"><span class="price-ht">10,00\u00a0€ '
        '<abbr title="hors taxes">HT</abbr></span> '
        '<span class="price-ttc">12,00\u00a0€ TTC</span></p>'
        '<p class="product-meta"><span class="stock stock-out">Sur commande</span>'
        ' <span class="badge">Par 5</span>'
        ' <span class="badge badge-liquidation">Liquidation</span>'
        ' <span class="badge">À commander séparément</span></p></li>'
    )
    assert reverse("product_detail", args=["CBL 5&6"]) == "/produit/CBL%205&6/"
    assert client.get("/produit/CBL%205&6/").status_code == 200


def test_cards_are_translated_and_link_in_the_reader_language(client, seller):
    ProductFactory(reference="ECR-1", price_ht=D("100.00"), stock_on_hand=3)
    html = client.get("/en/catalogue/").content.decode()
    card = card_of(html, "ECR-1")
    assert '<a href="/en/produit/ECR-1/">' in card
    assert '<span class="stock stock-in">In stock</span>' in card
    # 100.00 x 1.20 = 120.00, written the English way.
    assert '<span class="price-ttc">€120.00 incl. VAT</span>' in card


def test_visitors_get_the_log_in_link_back_to_the_page_when_prices_are_hidden(client, seller):
    seller.show_prices_to_anonymous = False
    seller.save()
    ProductFactory(reference="ECR-1")
    ProductFactory(reference="ECR-2")
    html = client.get(reverse("catalogue"), {"q": "ECR", "par_page": 24}).content.decode()
    link = (
        '<p class="product-price price-hidden"><a href="/connexion/?next=/catalogue/%3Fq%3DECR'
        '%26par_page%3D24">Connectez-vous pour voir les prix</a></p>'
    )
    assert link in card_of(html, "ECR-1") and link in card_of(html, "ECR-2")
