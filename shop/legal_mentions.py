"""The legal mentions a seller's documents must carry, per country, and which ones are missing.

A quote, a signed quote, an invoice or a credit note is issued only when the seller
identity holds every mention its country's law requires on commercial documents and on
the shop's pages (where the footer repeats them). Rules: docs/rules/seller-identity.md.

France
  - dénomination sociale, forme juridique, capital social — Code de commerce,
    art. R.123-238 (the capital of SARL and sociétés par actions; SNC and SCS state none);
  - SIREN, "RCS" and the city of the registry, registered office — art. R.123-237, 1° to 3°;
  - intra-EU VAT number — CGI, art. 242 nonies A of annex II (invoices), LCEN art. 19, 4°;
  - e-mail address and telephone number — LCEN (loi n° 2004-575), art. 19, 2°: the shop
    sells online, so both are owed (the law says "and", not "or").

Belgium
  - dénomination, forme légale, siège, numéro d'entreprise, "RPM" and the court of the
    registered office — Code des sociétés et des associations, art. 2:20, 1° to 5°;
  - the enterprise number and at least one payment account (IBAN) in the EEA — Code de
    droit économique, art. III.25;
  - VAT number — Code de la TVA, art. 53, §2, and royal decree n° 1, art. 5 (invoices);
  - e-mail address — Code de droit économique, art. XII.6 (online services) and CSA
    art. 2:20, 6°. No share capital (abolished for the SRL by the CSA) and no telephone.

Every mention is checked for presence only: `Seller.clean()` already checks the
identifiers' checksums and consistency when they are entered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from shop.models import Seller, SellerCountry

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# French company forms whose documents state no share capital (R.123-238, 1° and 2°).
FORMS_WITHOUT_CAPITAL = {"SNC", "SCS"}


@dataclass(frozen=True)
class LegalMention:
    """One mention the law requires: a stable code, its name for people, the law."""

    code: str
    label: StrOrPromise
    basis: str
    present: Callable[[Seller], bool]


def _filled(*names: str) -> Callable[[Seller], bool]:
    return lambda seller: all(str(getattr(seller, name) or "").strip() for name in names)


def _capital_stated(seller: Seller) -> bool:
    form = seller.legal_form.strip().upper().replace(".", "")
    return seller.share_capital is not None or form in FORMS_WITHOUT_CAPITAL


_ADDRESS = ("address_line1", "postal_code", "city")

FRENCH_MENTIONS = (
    LegalMention(
        "legal_name", _("dénomination sociale"), "C. com. R.123-238", _filled("legal_name")
    ),
    LegalMention("legal_form", _("forme juridique"), "C. com. R.123-238", _filled("legal_form")),
    LegalMention("share_capital", _("capital social"), "C. com. R.123-238", _capital_stated),
    LegalMention("siren", _("numéro SIREN"), "C. com. R.123-237 1°", _filled("siren")),
    LegalMention("rcs_city", _("ville du RCS"), "C. com. R.123-237 2°", _filled("rcs_city")),
    LegalMention(
        "address", _("adresse du siège social"), "C. com. R.123-237 3°", _filled(*_ADDRESS)
    ),
    LegalMention(
        "vat_number",
        _("numéro de TVA intracommunautaire"),
        "CGI ann. II art. 242 nonies A",
        _filled("vat_number"),
    ),
    LegalMention("email", _("adresse e-mail"), "LCEN art. 19 2°", _filled("email")),
    LegalMention("phone", _("numéro de téléphone"), "LCEN art. 19 2°", _filled("phone")),
)

BELGIAN_MENTIONS = (
    LegalMention("legal_name", _("dénomination"), "CSA art. 2:20 1°", _filled("legal_name")),
    LegalMention("legal_form", _("forme légale"), "CSA art. 2:20 2°", _filled("legal_form")),
    LegalMention("address", _("adresse du siège"), "CSA art. 2:20 3°", _filled(*_ADDRESS)),
    LegalMention(
        "enterprise_number",
        _("numéro d'entreprise"),
        "CSA art. 2:20 4°, CDE art. III.25",
        _filled("enterprise_number"),
    ),
    LegalMention("rpm_court", _("tribunal du RPM"), "CSA art. 2:20 5°", _filled("rpm_court")),
    LegalMention(
        "vat_number",
        _("numéro de TVA"),
        "Code TVA art. 53 §2, AR n° 1 art. 5",
        _filled("vat_number"),
    ),
    LegalMention(
        "email", _("adresse e-mail"), "CDE art. XII.6, CSA art. 2:20 6°", _filled("email")
    ),
    LegalMention("iban", _("compte bancaire (IBAN)"), "CDE art. III.25", _filled("iban")),
)

MENTIONS_BY_COUNTRY: dict[str, tuple[LegalMention, ...]] = {
    SellerCountry.FRANCE: FRENCH_MENTIONS,
    SellerCountry.BELGIUM: BELGIAN_MENTIONS,
}


def seller_legal_mentions_missing(*, seller: Seller) -> list[LegalMention]:
    """The mentions the seller's country requires that its identity lacks, in legal order."""
    return [m for m in MENTIONS_BY_COUNTRY[seller.country] if not m.present(seller)]


def seller_legal_mentions_text(*, mentions: list[LegalMention]) -> StrOrPromise:
    """The missing mentions as one translatable phrase: "numéro SIREN, ville du RCS"."""
    return format_lazy(", ".join("{}" for _mention in mentions), *(m.label for m in mentions))


def seller_issuing_check(*, seller: Seller) -> None:
    """Refuse to issue a document while the seller identity lacks a legal mention.

    Called by every service that issues a document to a customer (quotes today,
    invoices and credit notes next). Raises BusinessError `seller_identity_incomplete`
    naming every missing mention at once.
    """
    missing = seller_legal_mentions_missing(seller=seller)
    if missing:
        raise BusinessError(
            "seller_identity_incomplete",
            _(
                "Le vendeur ne peut pas émettre de document : il manque des mentions "
                "légales à sa fiche (%(missing)s). Complétez la fiche du vendeur dans "
                "l'administration."
            ),
            params={"missing": seller_legal_mentions_text(mentions=missing)},
        )
