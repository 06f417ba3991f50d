"""What an invoice or a credit note says, in French: one source for the PDF and the XML.

The texts quote the law and the pinned Terms; they are not translated (French is the
contract language). `document_mentions` computes them from the frozen document and
its Terms version, never from the seller's or the company's current data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import formats, translation

from billing.deductions import invoice_payable_at_issue
from billing.models import CreditNote, Invoice, InvoiceKind, LineKind
from billing.payments.transfer import TransferInstructions, transfer_instructions
from billing.penalties import PenaltyRules, RateMissing, annual_rate_for
from billing.selectors import rate_book_load
from core.money import format_eur
from shop.legal import RECOVERY_INDEMNITY
from shop.models import Seller, Terms
from shop.models.terms_choices import LatePenaltyMode, PaymentMethod, TermStart
from shop.services.tax import VatRegime

NO_DISCOUNT = "Pas d'escompte pour paiement anticipé."
RETENTION_OF_TITLE = (
    "Clause de réserve de propriété : les marchandises livrées restent la propriété du "
    "vendeur jusqu'au paiement intégral du prix, en principal et accessoires ; le client "
    "en supporte les risques dès la livraison."
)
OUTSIDE_VAT_SCOPE = "Hors champ d'application de la TVA : indemnités et pénalités de retard."
GOODS_KINDS = {LineKind.GOODS, LineKind.SHIPPING, LineKind.ECO_FEE, LineKind.PACKAGING}
NUMBER_WORDS = {
    1: "une",
    2: "deux",
    3: "trois",
    4: "quatre",
    5: "cinq",
    6: "six",
    7: "sept",
    8: "huit",
    9: "neuf",
    10: "dix",
}
METHOD_LABELS = {
    PaymentMethod.CARD: "carte bancaire",
    PaymentMethod.TRANSFER: "virement bancaire",
    PaymentMethod.LCR: "LCR (lettre de change relevé)",
    PaymentMethod.CHEQUE: "chèque",
    PaymentMethod.CASH_ON_DELIVERY: "contre-remboursement",
}


def long_date(day: date) -> str:
    """A full French date: "9 avril 2026" (the due date is printed in full, L441-9)."""
    with translation.override("fr"):
        return formats.date_format(day, "j F Y")


def percent_text(rate: Decimal) -> str:
    """12.15 -> "12,15 %"; 20 -> "20 %"."""
    text = f"{rate.normalize():f}".replace(".", ",")
    return f"{text}\u00a0%"


def operation_nature(document: Invoice | CreditNote) -> str:
    """Goods, services or both (reform mention, CGI 242 nonies A as amended for 2026)."""
    kinds = {line.kind for line in document.lines.all()}
    if kinds <= {LineKind.PENALTY}:
        return "Indemnités et pénalités de retard"
    goods = bool(kinds & GOODS_KINDS)
    services = bool(kinds - GOODS_KINDS - {LineKind.PENALTY})
    if goods and services:
        return "Livraison de biens et prestation de services"
    return "Livraison de biens" if goods else "Prestation de services"


def penalty_text(*, terms: Terms, due_date: date) -> str:
    """The late-penalty rate of the pinned Terms, in words and in figures when known."""
    rules = PenaltyRules.from_terms(terms)
    try:
        annual = annual_rate_for(rules=rules, due_date=due_date, rates=rate_book_load())
    except RateMissing:
        annual = None  # not yet published for this half-year: the words still bind
    figures = f", soit {percent_text(annual)} l'an" if annual is not None else ""
    if rules.mode == LatePenaltyMode.FIXED_DAILY_PERCENT_OF_TTC:
        start = rules.from_day_after_delivery
        since = f" à compter du {start}e jour suivant la livraison" if start else ""
        assert rules.daily_percent is not None
        words = f"{percent_text(rules.daily_percent)} du montant TTC par jour de retard{since}"
    elif rules.mode == LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE:
        assert rules.multiplier is not None
        times = NUMBER_WORDS.get(int(rules.multiplier), f"{rules.multiplier.normalize():f}")
        if rules.multiplier != int(rules.multiplier):
            times = f"{rules.multiplier.normalize():f}".replace(".", ",")
        words = (
            f"{times} fois le taux d'intérêt légal (article L441-10 du Code de commerce){figures}"
        )
    elif rules.mode == LatePenaltyMode.BELGIAN_COMMERCIAL_RATE:
        words = (
            "taux d'intérêt des transactions commerciales (loi du 2 août 2002 concernant la "
            f"lutte contre le retard de paiement){figures}"
        )
    else:
        words = (
            "taux d'intérêt appliqué par la Banque centrale européenne à son opération de "
            "refinancement la plus récente, majoré de dix points (article L441-10 du Code de "
            f"commerce){figures}"
        )
    month = " ; tout mois commencé est dû en entier" if rules.month_started_due_in_full else ""
    return f"Pénalités de retard exigibles dès le lendemain de l'échéance : {words}{month}."


def recovery_text(*, terms: Terms, seller_country: str) -> str:
    """The fixed recovery indemnity (D441-5) or 003's collection fee, and the penalty clause."""
    if terms.collection_fee_percent is not None and terms.recovery_indemnity_amount is None:
        text = (
            "En cas de retard de paiement, frais d'encaissement d'au moins "
            f"{percent_text(terms.collection_fee_percent)} du montant principal restant dû."
        )
    else:
        amount = terms.recovery_indemnity_amount or RECOVERY_INDEMNITY
        basis = (
            "loi du 2 août 2002, article 6"
            if seller_country == "BE"
            else "articles L441-10 et D441-5 du Code de commerce"
        )
        text = (
            "Indemnité forfaitaire pour frais de recouvrement due en cas de retard de "
            f"paiement : {format_eur(amount)} ({basis})."
        )
    if terms.litigation_penalty_percent is not None:
        text += (
            " Clause pénale en cas de recouvrement contentieux : majoration de "
            f"{percent_text(terms.litigation_penalty_percent)} des sommes dues."
        )
    return text


def payment_terms_text(invoice: Invoice) -> str:
    """The payment term, with the due date as a full date."""
    due = long_date(invoice.original_due_date)
    if invoice.payment_term_days is None:
        return f"Paiement comptant, à réception de la facture : échéance le {due}."
    start = (
        "de la date de livraison"
        if invoice.payment_term_start == TermStart.DELIVERY_DATE
        else "de la date de facture"
    )
    return f"Paiement à {invoice.payment_term_days} jours à compter {start} : échéance le {due}."


def vat_wording(document: Invoice | CreditNote) -> str:
    """The VAT exemption, reverse-charge or out-of-scope wording, empty when VAT applies."""
    if isinstance(document, Invoice) and document.kind == InvoiceKind.PENALTY:
        return OUTSIDE_VAT_SCOPE
    return VatRegime.from_dict(document.vat_regime).legal_mention


def invoice_transfer_instructions(invoice: Invoice) -> TransferInstructions | None:
    """Account, amount and reference of a transfer paying `invoice` (the Belgian
    structured communication for a Belgian seller), from the seller as copied at issue."""
    copy = invoice.seller
    seller = Seller(
        legal_name=copy["legal_name"],
        country=copy["country"],
        iban=copy.get("iban", ""),
        bic=copy.get("bic", ""),
    )
    return transfer_instructions(
        seller=seller, amount=invoice_payable_at_issue(invoice), document_number=invoice.number
    )


def has_goods(document: Invoice | CreditNote) -> bool:
    return any(line.kind in GOODS_KINDS for line in document.lines.all())


@dataclass(frozen=True)
class Mentions:
    """Every legal text of one document."""

    nature: str
    vat_wording: str
    payment_terms: str  # empty on a credit note
    payment_methods: str
    transfer_reference: str
    penalties: str
    recovery: str
    no_discount: str
    retention_of_title: str  # empty without goods


def _transfer_reference(document: Invoice | CreditNote) -> str:
    if isinstance(document, Invoice):
        instructions = invoice_transfer_instructions(document)
        if instructions is not None:
            return instructions.reference
    return document.number


def document_mentions(document: Invoice | CreditNote) -> Mentions:
    terms = document.terms
    seller_country = document.seller.get("country", "FR")
    is_invoice = isinstance(document, Invoice)
    methods = document.payment_methods if is_invoice else []
    due = document.original_due_date if is_invoice else document.issue_date
    return Mentions(
        nature=operation_nature(document),
        vat_wording=vat_wording(document),
        payment_terms=payment_terms_text(document) if is_invoice else "",
        payment_methods=", ".join(METHOD_LABELS.get(m, m) for m in methods),
        transfer_reference=_transfer_reference(document),
        penalties=penalty_text(terms=terms, due_date=due),
        recovery=recovery_text(terms=terms, seller_country=seller_country),
        no_discount=NO_DISCOUNT,
        retention_of_title=RETENTION_OF_TITLE if has_goods(document) else "",
    )
