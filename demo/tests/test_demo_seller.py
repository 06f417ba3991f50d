"""The demo seller: each preset's identity completed where its seed is silent, marked "démo",
with identifiers python-stdnum accepts; a complete seed is left as it is."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from stdnum.be import vat as be_vat
from stdnum.fr import siren as fr_siren
from stdnum.fr import tva as fr_tva

from demo.seller import demo_identity_complete
from shop.legal_mentions import seller_legal_mentions_missing
from shop.models import Seller
from shop.presets import preset_get
from shop.services import seller_preset_load

pytestmark = pytest.mark.django_db

# Worked by hand: Luhn of 99999999 gives 8; 999999998 mod 97 = 32, key (12 + 3 x 32) mod 97
# = 11; 09990000 mod 97 = 67, key 97 - 67 = 30.
DEMO_SIREN = "999999998"
DEMO_FRENCH_VAT = "FR11999999998"
DEMO_ENTERPRISE_NUMBER = "0999000030"


def test_the_demo_numbers_pass_python_stdnum():
    assert fr_siren.validate(DEMO_SIREN) == DEMO_SIREN
    assert "FR" + fr_tva.validate(DEMO_FRENCH_VAT) == DEMO_FRENCH_VAT
    assert be_vat.validate(DEMO_ENTERPRISE_NUMBER) == DEMO_ENTERPRISE_NUMBER


@pytest.mark.parametrize("code", ["000", "001", "002", "003", "004"])
def test_every_demo_seller_may_issue_documents(code):
    seller = seller_preset_load(code=code, complete=demo_identity_complete)

    assert seller_legal_mentions_missing(seller=seller) == []
    seller.full_clean()  # checksums and consistency, as the admin checks them
    seed = preset_get(code).seller
    # What the seed gives is kept; only blanks were filled.
    for name, value in seed.items():
        if value not in ("", None) and name != "legal_name":
            assert getattr(seller, name) == value, name
    if code == "000":  # the seed gives every mention: nothing invented, nothing marked
        assert seller.legal_name == "IMAGE IN NETWORK"
    else:
        assert seller.legal_name == seed["legal_name"] + " (démo)"


def test_the_french_seed_that_gives_only_a_name():
    seller = seller_preset_load(code="004", complete=demo_identity_complete)

    identity = {
        name: getattr(seller, name)
        for name in (
            "legal_name",
            "legal_form",
            "share_capital",
            "siren",
            "rcs_city",
            "vat_number",
            "address_line1",
            "postal_code",
            "city",
            "email",
            "phone",
            "website",
            "iban",
        )
    }
    assert identity == {
        "legal_name": "INNELEC (démo)",
        "legal_form": "SAS",
        "share_capital": Decimal("10000.00"),
        "siren": DEMO_SIREN,
        "rcs_city": "Paris",
        "vat_number": DEMO_FRENCH_VAT,
        "address_line1": "1 rue de la Démonstration",
        "postal_code": "75002",
        "city": "Paris",
        "email": "contact@vendeur-demo.example",
        "phone": "+33 1 99 00 00 00",
        "website": "https://www.innelec.com",
        "iban": "FR7630006000011234567890189",
    }


def test_a_belgian_seed_keeps_its_enterprise_number_and_gets_the_rest():
    seller = seller_preset_load(code="002", complete=demo_identity_complete)

    assert (seller.enterprise_number, seller.vat_number) == ("0899384295", "BE0899384295")
    assert (seller.rpm_court, seller.email, seller.iban) == (
        "Antwerpen",
        "contact@vendeur-demo.example",
        "BE71096123456769",
    )
    assert seller.share_capital is None and seller.phone == ""

    seller = seller_preset_load(code="003", replace=True, complete=demo_identity_complete)
    assert (seller.legal_form, seller.enterprise_number, seller.vat_number) == (
        "SRL",
        DEMO_ENTERPRISE_NUMBER,
        "BE" + DEMO_ENTERPRISE_NUMBER,
    )
    assert seller.email == "info@iperhardware.com"  # given by the seed


def test_load_demo_twice_keeps_one_marked_seller(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", "--preset", "004")
    call_command("load_demo", "--preset", "004")

    (seller,) = Seller.objects.all()
    assert seller.legal_name == "INNELEC (démo)"
    assert seller_legal_mentions_missing(seller=seller) == []
