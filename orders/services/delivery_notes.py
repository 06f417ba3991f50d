"""The delivery note (bon de livraison) of a shipment: rendered by the worker after the
shipment's commit, stored once with its SHA-256 (core.documents), always in French, the
contract language (000 art. 2)."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from core.documents import PDF_CONTENT_TYPE, document_store, pdf_render
from orders.models import Shipment
from shop.selectors import seller_get_required


def delivery_note_render(*, shipment: Shipment) -> bytes:
    """PDF bytes of the delivery note of `shipment` (what left, for which order, how)."""
    order = shipment.order
    with translation.override("fr"):
        return pdf_render(
            template_name="pdf/delivery_note.html",
            context={
                "seller": seller_get_required(),
                "shipment": shipment,
                "order": order,
                "company": order.company,
                "lines": list(shipment.lines.select_related("order_line")),
            },
        )


def delivery_note_store(*, payload: dict) -> None:
    """Outbox handler: render and store the delivery note of `payload["shipment"]`, once."""
    shipment = Shipment.objects.select_related("order", "order__company").get(
        pk=payload["shipment"]
    )
    if shipment.delivery_note_id:
        return
    content = delivery_note_render(shipment=shipment)
    with transaction.atomic():
        locked = Shipment.objects.select_for_update(no_key=True).get(pk=shipment.pk)
        if locked.delivery_note_id:
            return
        stored = document_store(
            content=content,
            filename=f"bon-de-livraison-{shipment.number}.pdf",
            content_type=PDF_CONTENT_TYPE,
            kind="delivery-note",
        )
        Shipment.objects.filter(pk=shipment.pk, delivery_note__isnull=True).update(
            delivery_note=stored
        )
