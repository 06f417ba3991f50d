"""Parties and VAT categories of an e-invoice, shared by the CII (Factur-X) and UBL builders.

Electronic addresses (BT-34 seller, BT-49 buyer): a French company by its SIREN under
scheme 0225 (the French directory), a Belgian one by its enterprise number under 0208.
VAT categories (UNTDID 5305): S standard, K intra-EU supply, G export, E exempt (French
overseas, CGI art. 294), O outside the scope of VAT (penalties), with the exemption
reason codes of the CEF VATEX list.
"""

from __future__ import annotations

from dataclasses import dataclass

from billing.models import CreditNote, Invoice, InvoiceKind
from shop.services.tax import VatRegime, VatRegimeCode

SIREN_SCHEME = "0002"
FRENCH_DIRECTORY_SCHEME = "0225"
BELGIAN_ENTERPRISE_SCHEME = "0208"


@dataclass(frozen=True)
class VatTreatment:
    category: str
    reason: str = ""
    reason_code: str = ""

    @property
    def names_vat_numbers(self) -> bool:
        """BR-O-02/03: an invoice outside the scope of VAT states no VAT number."""
        return self.category != "O"


def vat_treatment(document: Invoice | CreditNote) -> VatTreatment:
    regime = VatRegime.from_dict(document.vat_regime)
    if isinstance(document, Invoice) and document.kind == InvoiceKind.PENALTY:
        return VatTreatment("O", "Hors champ d'application de la TVA", "VATEX-EU-O")
    if regime.code == VatRegimeCode.INTRA_EU_REVERSE_CHARGE:
        return VatTreatment("K", regime.legal_mention, "VATEX-EU-IC")
    if regime.code == VatRegimeCode.EXPORT:
        return VatTreatment("G", regime.legal_mention, "VATEX-EU-G")
    if regime.code == VatRegimeCode.DOM_TOM:
        return VatTreatment("E", regime.legal_mention)
    return VatTreatment("S")


def electronic_address(*, siren: str, enterprise_number: str) -> tuple[str, str] | None:
    """(scheme, identifier) of a party's e-invoicing address, None when it has neither."""
    if siren:
        return FRENCH_DIRECTORY_SCHEME, siren
    if enterprise_number:
        return BELGIAN_ENTERPRISE_SCHEME, enterprise_number
    return None


def _address(record: dict) -> dict:
    return {
        "addr_l1": record["line1"],
        **({"addr_l2": record["line2"]} if record.get("line2") else {}),
        "postcode": record["postal_code"],
        "city": record["city"],
        "country_code": record["country"],
    }


def seller_party(document: Invoice | CreditNote, *, treatment: VatTreatment) -> dict:
    seller = document.seller
    party: dict = {
        "name": seller["legal_name"],
        **_address(
            {
                "line1": seller["address_line1"],
                "line2": seller["address_line2"],
                "postal_code": seller["postal_code"],
                "city": seller["city"],
                "country": seller["country"],
            }
        ),
        "legal_info": seller_legal_info(seller),
    }
    if seller["siren"]:
        party["legal_identifier"] = seller["siren"]
        party["legal_identifier_schemeid"] = SIREN_SCHEME
    elif seller["enterprise_number"]:
        party["legal_identifier"] = seller["enterprise_number"]
        party["legal_identifier_schemeid"] = BELGIAN_ENTERPRISE_SCHEME
    if seller["trade_name"]:
        party["biz_name"] = seller["trade_name"]
    if treatment.names_vat_numbers and seller["vat_number"]:
        party["vat_identifier"] = seller["vat_number"]
    endpoint = electronic_address(
        siren=seller["siren"], enterprise_number=seller["enterprise_number"]
    )
    if endpoint:
        party["einvoicing_addr_schemeid"], party["einvoicing_addr"] = endpoint
    return party


def buyer_party(document: Invoice | CreditNote, *, treatment: VatTreatment) -> dict:
    party: dict = {"name": document.buyer_name, **_address(document.billing_address)}
    if document.buyer_siren:
        party["legal_identifier"] = document.buyer_siren
        party["legal_identifier_schemeid"] = SIREN_SCHEME
    elif document.buyer_enterprise_number:
        party["legal_identifier"] = document.buyer_enterprise_number
        party["legal_identifier_schemeid"] = BELGIAN_ENTERPRISE_SCHEME
    if treatment.names_vat_numbers and document.buyer_vat_number:
        party["vat_identifier"] = document.buyer_vat_number
    endpoint = electronic_address(
        siren=document.buyer_siren, enterprise_number=document.buyer_enterprise_number
    )
    if endpoint:
        party["einvoicing_addr_schemeid"], party["einvoicing_addr"] = endpoint
    return party


def seller_legal_info(seller: dict) -> str:
    """BT-33: legal form, capital, registry (Code de commerce R.123-238)."""
    parts = [seller["legal_form"]]
    if seller.get("share_capital"):
        parts.append(f"au capital de {seller['share_capital']} EUR")
    if seller["siren"] and seller["rcs_city"]:
        parts.append(f"RCS {seller['rcs_city']} {seller['siren']}")
    if seller["rpm_court"]:
        parts.append(f"RPM {seller['rpm_court']}")
    return ", ".join(part for part in parts if part)
