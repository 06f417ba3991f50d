"""Reserves and complaints on a delivery, non-delivery reports, and staff's record of an
unjustified refusal of delivery (docs/rules/order-lifecycle.md; 000 art. 5-6, 001 art.
12, 002 art. 12 and 14, 003 art. 5.4, 004 art. 11).

A complaint is accepted only before the end of the pinned Terms' window, counted from
the delivery day in the seller's calendar; after it, the refusal names the deadline. It
never suspends payment (000 art. 5): no invoice or status changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.documents import document_store
from core.errors import BusinessError
from core.transitions import transition_apply
from core.uploads import CheckedUpload
from orders.models import (
    Complaint,
    ComplaintKind,
    ComplaintPhoto,
    ComplaintStatus,
    Order,
    Shipment,
)
from orders.rules import complaint_decision, non_delivery_decision
from orders.selectors import order_confirmed_on


def _store_photos(complaint: Complaint, photos: Sequence[CheckedUpload], user) -> None:
    for index, photo in enumerate(photos, start=1):
        stored = document_store(
            content=photo.content,
            filename=photo.original_name or f"photo-{index}{photo.extension}",
            content_type=photo.content_type,
            kind="complaint-photo",
            created_by=user,
        )
        ComplaintPhoto.objects.create(complaint=complaint, document=stored)


def complaint_record(
    *,
    shipment: Shipment,
    order_line_id: int,
    kind: str,
    quantity: int,
    description: str,
    photos: Sequence[CheckedUpload] = (),
    user,
    now: datetime | None = None,
) -> Complaint:
    """A reserve on one line of a delivered shipment, with photos already checked by
    content (core.uploads).

    Preconditions: the shipment is delivered and `now` is before the end of the window
    (`complaint_window_closed`, naming the deadline); the line is in the shipment and the
    quantity at most what it held (`complaint_line_invalid`).
    Effects: the complaint with its deadline and photos (stored once); an audit row on
    the order (the timeline). Nothing else: payment stays due.
    """
    now = now or timezone.now()
    if kind not in ComplaintKind.values or kind == ComplaintKind.NON_DELIVERY:
        raise BusinessError("complaint_kind_invalid", _("Nature de réclamation inconnue."))
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=shipment.order_id)
        shipment = Shipment.objects.select_related("order__terms__seller").get(pk=shipment.pk)
        decision = complaint_decision(shipment=shipment, now=now)
        if not decision.allowed:
            raise BusinessError("complaint_window_closed", decision.reason)
        assert decision.deadline is not None  # a delivered shipment has its window
        shipped = shipment.lines.filter(order_line_id=order_line_id).first()
        if shipped is None or not 1 <= quantity <= shipped.quantity:
            raise BusinessError(
                "complaint_line_invalid",
                _("Choisissez un article de ce colis et une quantité qu'il contenait."),
                field="quantity",
            )
        complaint = Complaint.objects.create(
            order=order,
            shipment=shipment,
            order_line_id=order_line_id,
            kind=kind,
            quantity=quantity,
            description=description,
            deadline=decision.deadline,
            created_at=now,
            created_by=user,
        )
        _store_photos(complaint, photos, user)
        audit_record(
            obj=order,
            actor=Actor.of_user(user),
            field="complaint",
            from_state=order.status,
            to_state=order.status,
            data={
                "complaint": complaint.pk,
                "kind": kind,
                "reference": shipped.order_line.reference,
                "quantity": quantity,
            },
            at=now,
        )
    return complaint


def non_delivery_report(
    *, order: Order, description: str, user, now: datetime | None = None
) -> Complaint:
    """The customer reports an order never received (002 art. 12: within 30 days of
    confirmation). Refused outside the window or where the Terms provide none
    (`non_delivery_window_closed`)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update(no_key=True)
            .select_related("terms__seller")
            .get(pk=order.pk)
        )
        decision = non_delivery_decision(
            order=locked, confirmed_on=order_confirmed_on(order=locked), now=now
        )
        if not decision.allowed or decision.deadline is None:
            raise BusinessError(
                "non_delivery_window_closed",
                decision.reason or _("Un signalement de non-livraison n'est pas possible."),
            )
        complaint = Complaint.objects.create(
            order=locked,
            kind=ComplaintKind.NON_DELIVERY,
            description=description,
            deadline=decision.deadline,
            created_at=now,
            created_by=user,
        )
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field="complaint",
            from_state=locked.status,
            to_state=locked.status,
            data={"complaint": complaint.pk, "kind": ComplaintKind.NON_DELIVERY},
            at=now,
        )
    return complaint


def complaint_handle(*, complaint: Complaint, answer: str, user, now: datetime | None = None):
    """After-sales answered the complaint: it leaves the open complaints.

    Preconditions: an answer (`complaint_answer_required`, field "answer"); the complaint
    still open (`transition_refused`). Effects: status handled with who, when and the
    answer; the audit row of the move gives the answer as its reason. Payment is untouched.
    """
    answer = answer.strip()
    if not answer:
        raise BusinessError(
            "complaint_answer_required",
            _("Indiquez la réponse apportée au client."),
            field="answer",
        )
    now = now or timezone.now()
    return transition_apply(
        complaint,
        to=ComplaintStatus.HANDLED,
        actor=Actor.of_user(user),
        reason=answer,
        changes={"handled_at": now, "handled_by": user, "answer": answer},
        at=now,
    )
