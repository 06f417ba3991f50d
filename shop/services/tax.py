"""The VAT regime of a sale, decided from plain facts about the buyer.

Rules: docs/rules/catalogue-prices-tax-shipping.md.

Accounts (which knows companies, their validated VAT numbers and delivery addresses)
builds a `BuyerTaxProfile`; shop never imports accounts: the callable that does it is
named by the setting `BUYER_TAX_PROFILE_RESOLVER`. Without one, every visitor is priced
as a domestic buyer of the seller's country.

The regime and its legal wording (`VatRegime`) is a value object: quotes, orders and
invoices store `VatRegime.as_dict()` and rebuild it with `VatRegime.from_dict()`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from stdnum.eu import vat as eu_vat

from shop.models import DeliveryZone

# Member states of the EU VAT area by ISO 3166 code (Greece's VAT prefix is EL; XI is
# Northern Ireland, inside the EU VAT area for goods).
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "XI",
    ]
)
_VAT_PREFIX_TO_COUNTRY = {"EL": "GR"}

# French overseas territories outside the EU VAT area, by ISO code when an address
# uses its own code rather than FR with a 97/98 postcode.
DOM_TOM_COUNTRY_CODES = frozenset(
    ["GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "PF", "NC", "WF", "TF"]
)
MONACO_POSTCODE_PREFIX = "980"  # Monaco: French postcodes 980xx, inside the French VAT area


class VatRegimeCode(models.TextChoices):
    DOMESTIC = "domestic", _("TVA du pays du vendeur")
    INTRA_EU_REVERSE_CHARGE = "intra_eu", _("livraison intracommunautaire, autoliquidation")
    EXPORT = "export", _("exportation hors Union européenne")
    DOM_TOM = "dom_tom", _("livraison en outre-mer, hors TVA")


# Legal wordings printed on documents, in the contract language (CGI for a
# French seller; the Belgian Code de la TVA for a Belgian one). Not translated: they
# quote the law.
LEGAL_MENTIONS: dict[tuple[str, str], str] = {
    ("FR", VatRegimeCode.INTRA_EU_REVERSE_CHARGE): (
        "Autoliquidation. Exonération de TVA, article 262 ter I du CGI"
    ),
    ("FR", VatRegimeCode.EXPORT): "Exonération de TVA, article 262 I du CGI",
    ("FR", VatRegimeCode.DOM_TOM): "Exonération de TVA en application de l'article 294 du CGI",
    ("BE", VatRegimeCode.INTRA_EU_REVERSE_CHARGE): (
        "Autoliquidation. Exemption de TVA, article 39bis du Code de la TVA"
    ),
    ("BE", VatRegimeCode.EXPORT): "Exemption de TVA, article 39 du Code de la TVA",
}


@dataclass(frozen=True)
class BuyerTaxProfile:
    """What decides a buyer's VAT regime; built by accounts from the company and address.

    `vat_number` is the intra-EU VAT number the company gave (its checksum is checked
    again here); `delivery_country` / `delivery_postcode` are those of the delivery
    address (the billing country when empty).
    """

    country: str
    vat_number: str = ""
    delivery_country: str = ""
    delivery_postcode: str = ""

    @property
    def shipping_country(self) -> str:
        return (self.delivery_country or self.country).upper()


@dataclass(frozen=True)
class VatRegime:
    """The regime of one document and the legal wording to print (empty for domestic)."""

    code: str
    charges_vat: bool
    legal_mention: str = ""

    @property
    def label(self) -> str:
        return str(VatRegimeCode(self.code).label)

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "charges_vat": self.charges_vat,
            "legal_mention": self.legal_mention,
        }

    @classmethod
    def from_dict(cls, data: dict) -> VatRegime:
        return cls(
            code=data["code"],
            charges_vat=bool(data["charges_vat"]),
            legal_mention=data.get("legal_mention", ""),
        )


DOMESTIC = VatRegime(code=VatRegimeCode.DOMESTIC, charges_vat=True)


def is_dom_tom(*, country: str, postcode: str = "") -> bool:
    """A French overseas address: FR with a 97xxx/98xxx postcode (Monaco's 980xx excepted)."""
    country = (country or "").upper()
    if country in DOM_TOM_COUNTRY_CODES:
        return True
    code = (postcode or "").strip().replace(" ", "")
    return (
        country == "FR" and code[:2] in {"97", "98"} and not code.startswith(MONACO_POSTCODE_PREFIX)
    )


def delivery_zone_of(*, country: str, postcode: str = "") -> str | None:
    """The terms' delivery zone of an address, or None for a place no zone describes."""
    country = (country or "").upper()
    if is_dom_tom(country=country, postcode=postcode):
        return DeliveryZone.DOM_TOM
    if country in {"FR", "MC"}:
        return DeliveryZone.FR_METRO
    if country in {"BE", "LU", "CH"}:
        return country.lower()
    if country and country not in EU_COUNTRIES:
        return DeliveryZone.EXPORT
    return None


def vat_number_country(vat_number: str) -> str | None:
    """The ISO country of a valid EU VAT number (checksum by python-stdnum), else None."""
    number = (vat_number or "").strip()
    if not number or not eu_vat.is_valid(number):
        return None
    prefix = eu_vat.compact(number)[:2].upper()
    return _VAT_PREFIX_TO_COUNTRY.get(prefix, prefix)


def vat_regime_decide(*, seller_country: str, buyer: BuyerTaxProfile) -> VatRegime:
    """The VAT regime of a sale by a seller of `seller_country` to `buyer`.

    - delivery to a French overseas territory: by a French seller, without VAT with
      the article 294 wording; by a Belgian seller, an export;
    - delivery outside the EU VAT area: export, HT, exemption wording;
    - delivery to another EU member state, buyer with a valid VAT number of a member
      state other than the seller's: intra-EU reverse charge, HT, "Autoliquidation";
    - otherwise: the VAT of the seller's country.
    """
    seller_country = seller_country.upper()
    destination = buyer.shipping_country
    if is_dom_tom(country=destination, postcode=buyer.delivery_postcode or ""):
        code = VatRegimeCode.DOM_TOM if seller_country == "FR" else VatRegimeCode.EXPORT
        return _exempt(seller_country, code)
    if destination == "MC":
        destination = "FR"
    if destination and destination not in EU_COUNTRIES:
        return _exempt(seller_country, VatRegimeCode.EXPORT)
    if destination != seller_country:
        number_country = vat_number_country(buyer.vat_number)
        if number_country is not None and number_country != seller_country:
            return _exempt(seller_country, VatRegimeCode.INTRA_EU_REVERSE_CHARGE)
    return DOMESTIC


def _exempt(seller_country: str, code: str) -> VatRegime:
    return VatRegime(
        code=code, charges_vat=False, legal_mention=LEGAL_MENTIONS[(seller_country, code)]
    )


# --- who is buying: named by a setting -------------------------------------------------

BuyerProfileResolver = Callable[..., BuyerTaxProfile | None]


def buyer_tax_profile_resolver() -> BuyerProfileResolver | None:
    """The callable named by `settings.BUYER_TAX_PROFILE_RESOLVER` (None when empty)."""
    path = settings.BUYER_TAX_PROFILE_RESOLVER
    return import_string(path) if path else None


def buyer_tax_profile_for(*, user, seller_country: str) -> BuyerTaxProfile:
    """The profile of `user` from the configured resolver; a domestic buyer by default."""
    resolver = buyer_tax_profile_resolver()
    if resolver is not None and user is not None and getattr(user, "is_authenticated", False):
        profile = resolver(user=user)
        if profile is not None:
            return profile
    return BuyerTaxProfile(country=seller_country)
