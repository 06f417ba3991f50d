"""Peppol BIS Billing 3.0 (UBL 2.1) invoices and credit notes, for Belgian sellers (002, 003).

Belgian B2B invoices travel on Peppol since 1 January 2026. Our own lxml builder, from the
frozen document only: the same parties, VAT categories and texts as the Factur-X XML
(`billing.einvoice.parties`, `billing.presentation`). Peppol allows one document note
(PEPPOL-EN16931-R002): the legal texts are joined in it. Endpoint identifiers: a Belgian
enterprise number under scheme 0208, a French SIREN under 0225.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from billing.deductions import invoice_payable_at_issue
from billing.einvoice.parties import (
    VatTreatment,
    buyer_party,
    seller_party,
    vat_treatment,
)
from billing.models import CreditNote, Invoice
from billing.presentation import document_mentions
from core.money import vat_breakdown

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ROOT_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
UNIT = "C62"


def _cbc(parent, name: str, text, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CBC}}}{name}", **attributes)
    element.text = str(text)
    return element


def _cac(parent, name: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CAC}}}{name}")


def _amount(parent, name: str, amount: Decimal) -> None:
    _cbc(parent, name, f"{amount:.2f}", currencyID="EUR")


def _address(parent, name: str, party: dict) -> None:
    address = _cac(parent, name)
    _cbc(address, "StreetName", party["addr_l1"])
    if party.get("addr_l2"):
        _cbc(address, "AdditionalStreetName", party["addr_l2"])
    _cbc(address, "CityName", party["city"])
    _cbc(address, "PostalZone", party["postcode"])
    _cbc(_cac(address, "Country"), "IdentificationCode", party["country_code"])


def _party(parent, role: str, party: dict) -> None:
    node = _cac(_cac(parent, role), "Party")
    if party.get("einvoicing_addr"):
        _cbc(
            node, "EndpointID", party["einvoicing_addr"], schemeID=party["einvoicing_addr_schemeid"]
        )
    _cbc(_cac(node, "PartyName"), "Name", party.get("biz_name") or party["name"])
    _address(node, "PostalAddress", party)
    if party.get("vat_identifier"):
        scheme = _cac(node, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", party["vat_identifier"])
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    legal = _cac(node, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party["name"])
    if party.get("legal_identifier"):
        _cbc(
            legal,
            "CompanyID",
            party["legal_identifier"],
            schemeID=party["legal_identifier_schemeid"],
        )
    if party.get("legal_info"):
        _cbc(legal, "CompanyLegalForm", party["legal_info"])


def _tax_category(parent, name: str, treatment: VatTreatment, rate: Decimal, *, reasons: bool):
    category = _cac(parent, name)
    _cbc(category, "ID", treatment.category)
    if treatment.category != "O":
        _cbc(category, "Percent", f"{rate:.2f}")
    if reasons and treatment.reason:
        if treatment.reason_code:
            _cbc(category, "TaxExemptionReasonCode", treatment.reason_code)
        _cbc(category, "TaxExemptionReason", treatment.reason)
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")


def _note(document: Invoice | CreditNote) -> str:
    mentions = document_mentions(document)
    parts = [
        f"Nature de l'opération : {mentions.nature}.",
        mentions.vat_wording,
        mentions.no_discount,
        mentions.penalties,
        mentions.recovery,
        mentions.retention_of_title,
    ]
    if isinstance(document, CreditNote):
        parts.insert(0, f"Motif de l'avoir : {document.reason}")
    return " ".join(part for part in parts if part)


def ubl_xml(document: Invoice | CreditNote) -> bytes:
    """The Peppol BIS 3.0 UBL of `document` (Invoice 380, or CreditNote 381)."""
    is_invoice = isinstance(document, Invoice)
    root_name = "Invoice" if is_invoice else "CreditNote"
    root = etree.Element(
        f"{{{ROOT_NS[root_name]}}}{root_name}",
        nsmap={None: ROOT_NS[root_name], "cac": CAC, "cbc": CBC},
    )
    treatment = vat_treatment(document)
    mentions = document_mentions(document)
    lines = list(document.lines.all())
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", document.number)
    _cbc(root, "IssueDate", document.issue_date.isoformat())
    if is_invoice:
        _cbc(root, "DueDate", document.original_due_date.isoformat())
        _cbc(root, "InvoiceTypeCode", "380")
    else:
        _cbc(root, "CreditNoteTypeCode", "381")
    _cbc(root, "Note", _note(document))
    _cbc(root, "DocumentCurrencyCode", "EUR")
    # PEPPOL-EN16931-R003: a buyer reference or an order reference.
    _cbc(root, "BuyerReference", document.order_reference or document.number)
    if not is_invoice and document.invoice_id:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", document.invoice_number)
        _cbc(reference, "IssueDate", document.invoice.issue_date.isoformat())
    _party(root, "AccountingSupplierParty", seller_party(document, treatment=treatment))
    _party(root, "AccountingCustomerParty", buyer_party(document, treatment=treatment))
    delivery = _cac(root, "Delivery")
    delivered = (document.delivery_date if is_invoice else None) or document.issue_date
    _cbc(delivery, "ActualDeliveryDate", delivered.isoformat())
    address = document.delivery_address or document.billing_address
    location = _cac(delivery, "DeliveryLocation")
    _address(
        location,
        "Address",
        {
            "addr_l1": address["line1"],
            "addr_l2": address.get("line2", ""),
            "city": address["city"],
            "postcode": address["postal_code"],
            "country_code": address["country"],
        },
    )
    _cbc(_cac(_cac(delivery, "DeliveryParty"), "PartyName"), "Name", address["name"])
    iban = document.seller.get("iban", "")
    if is_invoice and iban:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", "58")
        _cbc(means, "PaymentID", mentions.transfer_reference)
        account = _cac(means, "PayeeFinancialAccount")
        _cbc(account, "ID", iban.replace(" ", ""))
        if document.seller.get("bic"):
            _cbc(_cac(account, "FinancialInstitutionBranch"), "ID", document.seller["bic"])
    if is_invoice:
        _cbc(_cac(root, "PaymentTerms"), "Note", mentions.payment_terms)
    totals = vat_breakdown((line.line_total_ht, line.vat_rate) for line in lines)
    tax_total = _cac(root, "TaxTotal")
    _amount(tax_total, "TaxAmount", document.total_vat)
    for row in totals.per_rate:
        subtotal = _cac(tax_total, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", row.base)
        _amount(subtotal, "TaxAmount", row.vat)
        _tax_category(subtotal, "TaxCategory", treatment, row.rate, reasons=True)
    money = _cac(root, "LegalMonetaryTotal")
    _amount(money, "LineExtensionAmount", totals.ht)
    _amount(money, "TaxExclusiveAmount", document.total_ht)
    _amount(money, "TaxInclusiveAmount", document.total_ttc)
    payable = (
        invoice_payable_at_issue(document) if isinstance(document, Invoice) else document.total_ttc
    )
    if payable != document.total_ttc:  # credit notes deducted at issue (BT-113)
        _amount(money, "PrepaidAmount", document.total_ttc - payable)
    _amount(money, "PayableAmount", payable)
    for line in lines:
        node = _cac(root, "InvoiceLine" if is_invoice else "CreditNoteLine")
        _cbc(node, "ID", line.position)
        if line.serial_numbers:
            _cbc(node, "Note", "N° de série : " + ", ".join(line.serial_numbers))
        quantity = "InvoicedQuantity" if is_invoice else "CreditedQuantity"
        _cbc(node, quantity, line.quantity, unitCode=UNIT)
        _amount(node, "LineExtensionAmount", line.line_total_ht)
        item = _cac(node, "Item")
        _cbc(item, "Name", line.designation)
        if line.reference:
            _cbc(_cac(item, "SellersItemIdentification"), "ID", line.reference)
        _tax_category(item, "ClassifiedTaxCategory", treatment, line.vat_rate, reasons=False)
        _amount(_cac(node, "Price"), "PriceAmount", line.unit_price_ht)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
