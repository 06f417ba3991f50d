"""Shop prices a signed-in buyer for its company's VAT regime, told by accounts."""

import pytest

from accounts.models import DeliveryAddress
from accounts.tests.factories import CompanyFactory, UserFactory, admin_of
from shop.services.tax import VatRegimeCode, buyer_tax_profile_for, vat_regime_decide


@pytest.mark.django_db
def test_a_french_company_delivered_in_paris_pays_french_vat():
    user = admin_of(CompanyFactory())

    profile = buyer_tax_profile_for(user=user, seller_country="FR")

    assert (profile.country, profile.delivery_country, profile.delivery_postcode) == (
        "FR",
        "FR",
        "75010",
    )
    assert vat_regime_decide(seller_country="FR", buyer=profile).charges_vat


@pytest.mark.django_db
def test_a_belgian_company_buying_from_a_french_seller_is_reverse_charged():
    # 0403.170.701: enterprise number whose mod-97 check is 97 - (4031707 % 97) = 01.
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
    user = admin_of(company)

    profile = buyer_tax_profile_for(user=user, seller_country="FR")
    regime = vat_regime_decide(seller_country="FR", buyer=profile)

    assert profile.vat_number == "BE0403170701"
    assert regime.code == VatRegimeCode.INTRA_EU_REVERSE_CHARGE
    assert not regime.charges_vat


@pytest.mark.django_db
def test_a_delivery_to_reunion_is_invoiced_without_vat():
    company = CompanyFactory()
    DeliveryAddress.objects.filter(company=company).update(postal_code="97400")
    user = admin_of(company)

    regime = vat_regime_decide(
        seller_country="FR", buyer=buyer_tax_profile_for(user=user, seller_country="FR")
    )

    assert regime.code == VatRegimeCode.DOM_TOM


@pytest.mark.django_db
def test_a_user_without_company_is_priced_as_a_domestic_buyer():
    profile = buyer_tax_profile_for(user=UserFactory(), seller_country="BE")
    assert (profile.country, profile.vat_number) == ("BE", "")
