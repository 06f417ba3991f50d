"""The Factur-X PDF of an invoice or a credit note: rendered once, stored with its SHA-256.

WeasyPrint renders the French document as PDF/A-3b; the `factur-x` library embeds the
CII XML (`factur-x.xml`, AFRelationship Data, profile EN 16931) and the XMP metadata.
Rendering takes a second or more: it runs after the issuing transaction (outbox topic
`billing.document_pdf`), so issuers never queue behind each other's PDFs on the numbering
lock. `document_pdf_ensure` is idempotent: a stored PDF is never replaced (the database
lets the column be set once, from empty).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from facturx import generate_from_binary

from billing.deductions import invoice_deductions, invoice_payable_at_issue
from billing.document_labels import document_labels
from billing.einvoice.cii import cii_xml
from billing.models import CreditNote, Invoice
from billing.presentation import document_mentions, invoice_transfer_instructions, long_date
from core.documents import PDF_CONTENT_TYPE, document_store, pdf_render
from core.models import StoredDocument
from core.money import vat_breakdown
from core.outbox import Outgoing, outbox_write
from shop.models.terms_choices import PaymentMethod

DOCUMENT_PDF = "billing.document_pdf"
DOCUMENT_MAIL = "billing.document_mail"
MODELS: dict[str, type[Invoice] | type[CreditNote]] = {
    "invoice": Invoice,
    "credit_note": CreditNote,
}


def _epc_qr(invoice: Invoice, payable: Decimal) -> str:
    """The EPC QR code of the transfer (data: URL), empty when not payable by transfer or
    nothing is left to pay."""
    if PaymentMethod.TRANSFER not in invoice.payment_methods or payable <= 0:
        return ""
    instructions = invoice_transfer_instructions(invoice)
    return instructions.qr_data_uri() if instructions is not None else ""


def document_pdf_context(document: Invoice | CreditNote) -> dict:
    lines = list(document.lines.all())
    totals = vat_breakdown((line.line_total_ht, line.vat_rate) for line in lines)
    context = {
        "document": document,
        "seller": document.seller,
        "lines": lines,
        "per_rate": totals.per_rate,
        "mentions": document_mentions(document),
        "labels": document_labels(document.buyer_language),
    }
    if isinstance(document, Invoice):
        payable = invoice_payable_at_issue(document)
        return context | {
            "is_invoice": True,
            "title": "Facture",
            "due_date_long": long_date(document.original_due_date),
            "epc_qr": _epc_qr(document, payable),
            "deductions": invoice_deductions(document),
            "payable": payable,
        }
    expires = document.expires_on
    return context | {
        "is_invoice": False,
        "title": "Avoir",
        "expires_long": long_date(expires) if expires is not None else "",
    }


def document_pdf_render(document: Invoice | CreditNote) -> bytes:
    """The Factur-X PDF/A-3b of `document` (pure: stores nothing)."""
    pdf = pdf_render(
        template_name="pdf/invoice.html",
        context=document_pdf_context(document),
        pdf_variant="pdf/a-3b",
    )
    title = ("Facture" if isinstance(document, Invoice) else "Avoir") + f" {document.number}"
    return generate_from_binary(
        pdf,
        cii_xml(document),
        flavor="factur-x",
        level="en16931",
        check_xsd=False,  # the XML was checked when built
        afrelationship="data",
        lang="fr-FR",
        pdf_metadata={
            "author": document.seller["legal_name"],
            "keywords": "Factur-X",
            "title": title,
            "subject": title,
        },
    )


def document_pdf_ensure(*, document: Invoice | CreditNote) -> StoredDocument:
    """The stored PDF of `document`, rendered and attached on the first call."""
    model = type(document)
    current = model.objects.select_related("pdf").get(pk=document.pk)
    if current.pdf is not None:
        return current.pdf
    content = document_pdf_render(current)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=document.pk)
        if locked.pdf_id is not None:  # another worker stored it meanwhile
            return StoredDocument.objects.get(pk=locked.pdf_id)
        stored = document_store(
            content=content,
            filename=f"{locked.number}.pdf",
            content_type=PDF_CONTENT_TYPE,
            kind="invoice" if model is Invoice else "credit-note",
        )
        locked.pdf = stored
        locked.save(update_fields=["pdf"])
    document.pdf = stored
    return stored


def document_issued_outbox(*, document: Invoice | CreditNote, recipients) -> None:
    """In the issuing transaction: the PDF to render once committed, and one e-mail per
    recipient (`billing.emails`), which attaches it."""
    model = "invoice" if isinstance(document, Invoice) else "credit_note"
    payload = {"model": model, "id": document.pk}
    outbox_write(
        messages=[
            Outgoing(DOCUMENT_PDF, f"{model}-pdf:{document.pk}", payload),
            *(
                Outgoing(
                    DOCUMENT_MAIL,
                    f"{model}-mail:{document.pk}:{user.pk}",
                    payload | {"user": user.pk},
                )
                for user in recipients
            ),
        ]
    )


def document_pdf_store(*, payload: dict) -> None:
    """Outbox handler of `billing.document_pdf`: `{"model": "invoice", "id": 1}`."""
    document = MODELS[payload["model"]].objects.get(pk=payload["id"])
    document_pdf_ensure(document=document)
