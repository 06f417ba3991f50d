"""The labels of an invoice or credit note PDF: French (the contract language), and beside
each one its English or Dutch translation when the customer chose that language, e.g.
"Date d'échéance / Due date". The legal texts themselves stay in French only.

The language is the one copied onto the document when it was issued (`buyer_language`),
so a PDF rendered again says what the first one said.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_noop

SECOND_LANGUAGES = ("en", "nl")
LABELS = {
    "invoice": gettext_noop("Facture"),
    "credit_note": gettext_noop("Avoir"),
    "number": gettext_noop("Numéro"),
    "date": gettext_noop("Date"),
    "delivery_date": gettext_noop("Date de livraison"),
    "order": gettext_noop("Commande"),
    "corrected_invoice": gettext_noop("Facture corrigée"),
    "due_date": gettext_noop("Date d'échéance"),
    "seller": gettext_noop("Vendeur"),
    "billing_address": gettext_noop("Adresse de facturation"),
    "delivery_address": gettext_noop("Adresse de livraison"),
    "head_office": gettext_noop("Siège social"),
    "enterprise_number": gettext_noop("N° d'entreprise"),
    "vat_number": gettext_noop("N° TVA"),
    "nature": gettext_noop("Nature de l'opération"),
    "reason": gettext_noop("Motif de l'avoir"),
    "reference": gettext_noop("Référence"),
    "designation": gettext_noop("Désignation"),
    "quantity": gettext_noop("Qté"),
    "unit_price": gettext_noop("P.U. HT"),
    "vat": gettext_noop("TVA"),
    "line_total": gettext_noop("Total HT"),
    "outside_scope": gettext_noop("Hors champ"),
    "serial_numbers": gettext_noop("N° de série"),
    "base": gettext_noop("Base HT"),
    "total_ht": gettext_noop("Total HT"),
    "total_vat": gettext_noop("Total TVA"),
    "to_pay": gettext_noop("Total TTC à payer"),
    "credit_total": gettext_noop("Total TTC de l'avoir"),
    "total_ttc": gettext_noop("Total TTC"),
    "deducted_credit_note": gettext_noop("Avoir déduit"),
    "left_to_pay": gettext_noop("Reste à payer"),
    "conditions": gettext_noop("Conditions"),
    "payment_methods": gettext_noop("Moyens de paiement"),
    "transfer": gettext_noop("Virement"),
    "transfer_reference": gettext_noop("Référence à indiquer"),
}


def document_labels(language: str) -> dict[str, SafeString]:
    """Every label of the PDF: "French" or "French / translation" (the translation in a
    span of its own, so the stylesheet can set it apart)."""
    if language not in SECOND_LANGUAGES:
        return {key: format_html("{}", french) for key, french in LABELS.items()}
    with translation.override(language):
        return {
            key: format_html('{}<span class="translation"> / {}</span>', french, gettext(french))
            for key, french in LABELS.items()
        }
