"""The Factur-X XML (UN/CEFACT CII, profile EN 16931) of an invoice or a credit note.

Built with the `factur-x` library from a dict keyed by EN 16931 business terms (BT-x,
BG-x), filled only from the frozen document: what the PDF prints is what the XML says.
French CTC rules (BR-FR) honoured: billing mode BT-23 (B1 goods, S1 services, M1 both),
electronic addresses BT-34 / BT-49 (SIREN, scheme 0225; a Belgian enterprise number,
scheme 0208), and one note each for PMT (recovery indemnity), PMD (late penalties) and
AAB (no early-payment discount). A credit note names the invoice it corrects (BT-25,
BR-FR-CO-05); one that corrects no invoice (a commercial gesture) is a global credit note
(262, "avoir remise globale") under the contract, the pinned Terms version (BT-12), for
the period from the Terms' effective date to its issue date (BR-FR-CO-03).
"""

from __future__ import annotations

from decimal import Decimal

from facturx import generate_xml

from billing.deductions import invoice_payable_at_issue
from billing.einvoice.parties import VatTreatment, buyer_party, seller_party, vat_treatment
from billing.models import CreditNote, Invoice
from billing.presentation import GOODS_KINDS, document_mentions
from core.money import vat_breakdown

INVOICE_TYPE = "380"
CREDIT_NOTE_TYPE = "381"
GLOBAL_CREDIT_NOTE_TYPE = "262"
UNIT = "C62"  # one (UN/ECE rec. 20)


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def billing_mode(document: Invoice | CreditNote) -> str:
    """BT-23 (French CTC): B1 goods, S1 services, M1 both (first invoice, not yet paid)."""
    kinds = {line.kind for line in document.lines.all()}
    goods = bool(kinds & GOODS_KINDS)
    services = bool(kinds - GOODS_KINDS)
    return "M1" if goods and services else ("B1" if goods else "S1")


def _tax_fields(treatment: VatTreatment, rate: Decimal) -> dict:
    fields: dict = {"category": treatment.category}
    if treatment.category != "O":
        fields["rate"] = f"{rate:.2f}"
    return fields


def cii_data(document: Invoice | CreditNote) -> dict:
    """The EN 16931 data of `document` for `facturx.generate_xml`."""
    is_invoice = isinstance(document, Invoice)
    payable = (
        invoice_payable_at_issue(document) if isinstance(document, Invoice) else document.total_ttc
    )
    mentions = document_mentions(document)
    treatment = vat_treatment(document)
    lines = list(document.lines.all())
    notes = [
        {"BT-21": "PMT", "BT-22": mentions.recovery},
        {"BT-21": "PMD", "BT-22": mentions.penalties},
        {"BT-21": "AAB", "BT-22": mentions.no_discount},
        {"BT-21": "AAI", "BT-22": f"Nature de l'opération : {mentions.nature}."},
    ]
    if mentions.retention_of_title:
        notes.append({"BT-21": "AAJ", "BT-22": mentions.retention_of_title})
    if not is_invoice:
        notes.append({"BT-21": "AAI", "BT-22": f"Motif de l'avoir : {document.reason}"})
    data: dict = {
        "BT-1": document.number,
        "BT-2": document.issue_date,
        "BT-3": INVOICE_TYPE if is_invoice else CREDIT_NOTE_TYPE,
        "BT-5": "EUR",
        "BT-23": billing_mode(document),
        "BG-1": notes,
        "BG-4": seller_party(document, treatment=treatment),
        "BG-7": buyer_party(document, treatment=treatment),
        "BT-72": (document.delivery_date if is_invoice else None) or document.issue_date,
        "BG-13": _delivery(document),
        "BG-23": [
            {
                "BT-116": _money(row["base"]),
                "BT-117": _money(row["vat"]),
                "BT-118": treatment.category,
                **({"BT-119": f"{row['rate']:.2f}"} if treatment.category != "O" else {}),
                **(
                    {"BT-120": treatment.reason, "BT-121": treatment.reason_code}
                    if treatment.reason
                    else {}
                ),
            }
            for row in _vat_rows(document)
        ],
        "BG-25": [
            {
                "BT-126": str(line.position),
                "BT-129": str(line.quantity),
                "BT-130": UNIT,
                "BT-131": _money(line.line_total_ht),
                "BT-146": _money(line.unit_price_ht),
                "BT-151": treatment.category,
                **({"BT-152": f"{line.vat_rate:.2f}"} if treatment.category != "O" else {}),
                "BT-153": line.designation,
                **({"BT-155": line.reference} if line.reference else {}),
                **(
                    {"BT-127-00": [{"BT-127": "N° de série : " + ", ".join(line.serial_numbers)}]}
                    if line.serial_numbers
                    else {}
                ),
            }
            for line in lines
        ],
        "BT-106": _money(sum((line.line_total_ht for line in lines), Decimal("0.00"))),
        "BT-109": _money(document.total_ht),
        "BT-110": _money(document.total_vat),
        "BT-112": _money(document.total_ttc),
        # Credit notes deducted at issue are already paid (BR-CO-16: BT-115 = BT-112 - BT-113).
        "BT-113": _money(document.total_ttc - payable),
        "BT-115": _money(payable),
    }
    if document.order_reference:
        data["BT-14"] = document.order_reference
    if is_invoice:
        data["BT-9"] = document.original_due_date
        data["BT-20"] = mentions.payment_terms
        iban = document.seller.get("iban", "")
        if iban:
            data["BT-81"] = "58"  # SEPA credit transfer
            data["BT-83"] = mentions.transfer_reference
            data["BT-84"] = iban.replace(" ", "")
    elif document.invoice_id:
        data["BG-3"] = [{"BT-25": document.invoice_number, "BT-26": document.invoice.issue_date}]
    else:
        data |= _global_credit_note(document)
    return data


def _global_credit_note(note: CreditNote) -> dict:
    """Type, contract and period of a credit note that corrects no single invoice."""
    terms = note.terms
    return {
        "BT-3": GLOBAL_CREDIT_NOTE_TYPE,
        "BT-12": f"CGV version {terms.version} du {terms.effective_date:%d/%m/%Y}",
        "BT-73": min(terms.effective_date, note.issue_date),
        "BT-74": note.issue_date,
    }


def _vat_rows(document: Invoice | CreditNote) -> list[dict]:
    """Bases and VAT per rate, as the totals were computed (core.money.vat_breakdown)."""
    totals = vat_breakdown((line.line_total_ht, line.vat_rate) for line in document.lines.all())
    return [{"rate": r.rate, "base": r.base, "vat": r.vat} for r in totals.per_rate]


def _delivery(document: Invoice | CreditNote) -> dict:
    """BG-13: where the goods went (its country is required for intra-EU and exports)."""
    address = document.delivery_address or document.billing_address
    return {
        "name": address["name"],
        "addr_l1": address["line1"],
        **({"addr_l2": address["line2"]} if address.get("line2") else {}),
        "postcode": address["postal_code"],
        "city": address["city"],
        "country_code": address["country"],
    }


def cii_xml(document: Invoice | CreditNote) -> bytes:
    """The factur-x.xml of `document`, checked against the EN 16931 XSD by the library."""
    return generate_xml(
        cii_data(document), flavor="factur-x", level="en16931", check_schematron=False
    )
