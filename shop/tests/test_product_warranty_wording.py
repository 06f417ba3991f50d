"""The product page says who gives the warranty: the manufacturer sends the customer to its
own after-sales service; a monitor shows its brand's term (docs/rules/returns-warranty.md)."""

import pytest
from django.urls import reverse

from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import BrandFactory, ProductFactory, thresholds_terms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def seller():
    seller = SellerFactory()
    thresholds_terms(seller=seller)
    return seller


def test_a_manufacturer_warranty_product_sends_the_customer_to_the_manufacturer(client):
    brand = BrandFactory(name="Lenovo", after_sales_contact="01 70 00 00 00")
    ProductFactory(reference="PC-M70", brand=brand, manufacturer_warranty=True)
    html = client.get(reverse("product_detail", args=["PC-M70"])).content.decode()
    assert "adressez-vous directement à lui" in html
    assert "Lenovo : 01 70 00 00 00" in html
    assert "garantie standard des CGV" not in html


def test_a_manufacturer_warranty_product_in_english(client):
    ProductFactory(reference="PC-M71", manufacturer_warranty=True)
    html = client.get("/en" + reverse("product_detail", args=["PC-M71"])).content.decode()
    assert "contact it directly" in html


def test_a_monitor_shows_its_brand_warranty_and_a_standard_product_the_terms(client):
    ProductFactory(reference="ECR-27", warranty_class="monitor", brand_warranty_months=36)
    ProductFactory(reference="UC-01")
    monitor = client.get(reverse("product_detail", args=["ECR-27"])).content.decode()
    standard = client.get(reverse("product_detail", args=["UC-01"])).content.decode()
    assert "moniteur (garantie selon la marque) — 36 mois" in monitor
    assert "garantie standard des CGV" in standard
