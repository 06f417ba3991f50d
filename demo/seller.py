"""The demo seller: a preset's identity, completed where its seed is silent and marked so.

Four seeds of five lack legal mentions (SIREN, VAT number, court, contact...), and a seller
without them may issue no quote (`shop.legal_mentions`). For `make run` the demo fills each
missing mention with a value that passes python-stdnum's checks, and appends " (démo)" to
the legal name so that no document shows invented numbers under a real company's name.
A seed that gives every mention (000) is loaded as it is.
"""

from __future__ import annotations

from decimal import Decimal

from stdnum import luhn

from shop.legal_mentions import seller_legal_mentions_missing
from shop.models import Seller, SellerCountry

DEMO_MARK = " (démo)"

# The address used when the seed gives none, per country.
_DEMO_ADDRESS = {
    SellerCountry.FRANCE: {
        "address_line1": "1 rue de la Démonstration",
        "postal_code": "75002",
        "city": "Paris",
    },
    SellerCountry.BELGIUM: {
        "address_line1": "Rue de la Démonstration 1",
        "postal_code": "1000",
        "city": "Bruxelles",
    },
}

# Check digits computed here; python-stdnum validates them when the seller is loaded.
DEMO_SIREN = "99999999" + luhn.calc_check_digit("99999999")
DEMO_ENTERPRISE_NUMBER = "09990000" + f"{97 - int('09990000') % 97:02d}"
DEMO_EMAIL = "contact@vendeur-demo.example"
DEMO_PHONE = "+33 1 99 00 00 00"  # ARCEP's range reserved for fiction (01 99 00 xx xx)
DEMO_BANK = {
    SellerCountry.FRANCE: ("FR7630006000011234567890189", "AGRIFRPP"),
    SellerCountry.BELGIUM: ("BE71096123456769", "GEBABEBB"),
}


def _french_vat_number(siren: str) -> str:
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def demo_identity_complete(identity: dict) -> dict:
    """`identity` (a preset's seller fields) with every missing legal mention filled and the
    legal name marked " (démo)"; unchanged when the seed lacks none.

    The bank details are completed too when blank (the demo offers payment by transfer).
    """
    missing = {m.code for m in seller_legal_mentions_missing(seller=Seller(**identity))}
    if not missing:
        return dict(identity)
    country = identity["country"]
    filled = dict(identity)
    if "address" in missing:
        filled.update(_DEMO_ADDRESS[country])
    defaults = {
        "legal_form": "SAS" if country == SellerCountry.FRANCE else "SRL",
        "share_capital": Decimal("10000.00"),
        "siren": DEMO_SIREN,
        "rcs_city": filled["city"],
        "enterprise_number": DEMO_ENTERPRISE_NUMBER,
        "rpm_court": filled["city"],
        "email": DEMO_EMAIL,
        "phone": DEMO_PHONE,
    }
    for code in missing & defaults.keys():
        filled[code] = defaults[code]
    if "vat_number" in missing:
        filled["vat_number"] = (
            _french_vat_number(filled["siren"])
            if country == SellerCountry.FRANCE
            else f"BE{filled['enterprise_number']}"
        )
    iban, bic = DEMO_BANK[country]
    if not filled["iban"]:
        filled["iban"], filled["bic"] = iban, bic
    filled["legal_name"] = identity["legal_name"] + DEMO_MARK
    return filled
