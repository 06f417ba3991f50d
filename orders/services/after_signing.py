"""What follows a "Bon pour accord" once its transaction has committed: the signed PDF and
the acknowledgement of receipt (001 art. 4: the contract is formed at that
acknowledgement).

`quote_sign` writes their outbox rows in its transaction (`after_signing_outbox`); a
worker runs the handlers below (`core.outbox`, topics in `settings.OUTBOX_HANDLERS`).
Rendering a PDF takes a second or more: done here, it never holds the company's and the
stock's locks. Each handler is idempotent: run twice, it changes nothing more.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation

from accounts.models import User
from core.documents import PDF_CONTENT_TYPE, document_read, document_store
from core.outbox import Outgoing, outbox_write
from orders.emails import order_acknowledgement_send
from orders.models import Order, QuoteSignature
from orders.selectors import payment_method_label, quote_content
from orders.services.pdf import SignatureBlock, quote_pdf_render

SIGNED_PDF = "orders.quote_signed_pdf"
ACKNOWLEDGEMENT = "orders.order_acknowledgement"


def after_signing_outbox(*, signature: QuoteSignature, order: Order, recipients) -> None:
    """Inside `quote_sign`'s transaction: one row for the signed PDF, one per recipient of
    the acknowledgement (so a failing address never makes the others receive it twice)."""
    outbox_write(
        messages=[
            Outgoing(SIGNED_PDF, f"quote-signed-pdf:{signature.pk}", {"signature": signature.pk}),
            *(
                Outgoing(
                    ACKNOWLEDGEMENT,
                    f"order-acknowledgement:{order.pk}:{user.pk}",
                    {"order": order.pk, "user": user.pk},
                )
                for user in recipients
            ),
        ]
    )


def _french_label(method: str) -> str:
    with translation.override("fr"):
        return payment_method_label(method)


def quote_signed_pdf_store(*, payload: dict) -> None:
    """Render and store the signed PDF of the evidence `payload["signature"]`, once.

    The PDF is the issued quote with the "Bon pour accord" block filled in from the
    evidence: what was signed is what it shows. Nothing to do when it is already stored.
    """
    evidence = QuoteSignature.objects.select_related("quote", "quote__pdf", "signature_image").get(
        pk=payload["signature"]
    )
    if evidence.signed_pdf_id:
        return
    quote = evidence.quote
    png = document_read(evidence.signature_image) if evidence.signature_image else None
    block = SignatureBlock(
        signer_name=evidence.signer_name,
        signer_title=evidence.signer_title,
        signed_at=evidence.signed_at,
        company_name=evidence.company_name,
        payment_method_label=_french_label(evidence.payment_method),
        content_sha256=evidence.content_sha256,
        shown_pdf_sha256=evidence.shown_pdf_sha256,
        signature_png=png,
        typed_signature=evidence.typed_signature,
    )
    content = quote_pdf_render(content=quote_content(quote=quote), signature=block)
    with transaction.atomic():
        locked = QuoteSignature.objects.select_for_update(no_key=True).get(pk=evidence.pk)
        if locked.signed_pdf_id:
            return
        stored = document_store(
            content=content,
            filename=f"devis-{quote.reference.replace(' ', '-')}-bon-pour-accord.pdf",
            content_type=PDF_CONTENT_TYPE,
            kind="quote-signed",
            created_by=evidence.signer,
        )
        QuoteSignature.objects.filter(pk=evidence.pk, signed_pdf__isnull=True).update(
            signed_pdf=stored, signed_pdf_sha256=stored.sha256
        )


def order_acknowledgement_deliver(*, payload: dict) -> None:
    """E-mail the acknowledgement of the order `payload["order"]` to `payload["user"]`; the
    order is acknowledged from the first one sent."""
    order = Order.objects.select_related("company", "quote").get(pk=payload["order"])
    order_acknowledgement_send(order=order, user=User.objects.get(pk=payload["user"]))
    Order.objects.filter(pk=order.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
