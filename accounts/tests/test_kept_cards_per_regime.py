"""The catalogue's kept cards (`shop.views.kept_pages`) are kept per VAT regime: a
reverse-charged Belgian buyer never sees the cards kept for a French buyer, nor the
reverse, whichever asks first."""

from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import DeliveryAddress
from accounts.tests.factories import CompanyFactory, admin_of
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms

pytestmark = pytest.mark.django_db

# 100.00 HT: 120.00 TTC with French VAT at 20 %; 100.00 without VAT (reverse charge).
FRENCH_TTC = "120,00\u00a0€"


def belgian_company():
    # 0403.170.701: mod-97 check 97 - (4031707 % 97) = 01.
    company = CompanyFactory(
        country="BE",
        siren="",
        siret="",
        enterprise_number="0403170701",
        vat_number="BE0403170701",
        billing_postal_code="1000",
        billing_city="Bruxelles",
        billing_country="BE",
    )
    DeliveryAddress.objects.filter(company=company).update(postal_code="1000", country="BE")
    return company


@pytest.mark.parametrize("name", ["home", "catalogue"])
def test_french_and_belgian_buyers_each_get_their_own_cards(client, name):
    thresholds_terms(seller=SellerFactory(country="FR"))
    ProductFactory(reference="ECR-24", designation="Écran 24 pouces", price_ht=Decimal("100.00"))
    french, belgian = admin_of(CompanyFactory()), admin_of(belgian_company())

    def cards(user) -> str:
        client.force_login(user)
        response = client.get(reverse(name))
        assert response.status_code == 200
        return response.content.decode()

    assert FRENCH_TTC in cards(french)
    assert "ECR-24" in cards(belgian) and FRENCH_TTC not in cards(belgian)
    assert FRENCH_TTC in cards(french)
