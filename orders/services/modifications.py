"""A customer's request to modify an order, allowed while the pinned Terms' rule allows it
(docs/rules/order-lifecycle.md; 000 art. 2, 001 art. 5, 004: orders firm)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.audit import Actor, audit_record
from core.calendar import localdate
from core.errors import BusinessError
from orders.models import Order
from orders.rules import modification_decision


def order_modification_request(
    *, order: Order, user, message: str, now: datetime | None = None
) -> Order:
    """Record the customer's modification request for sales, who answer with a new quote
    version to sign (with the price adjustment, 001 art. 5).

    Preconditions: the Terms allow a modification now (`modification_refused`, saying
    why and until when it was possible).
    Effects: an audit row on the order with the request (the timeline); no other change.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update(no_key=True).select_related("terms").get(pk=order.pk)
        )
        decision = modification_decision(order=locked, today=localdate(now))
        if not decision.allowed:
            raise BusinessError("modification_refused", decision.reason, field="message")
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field="modification_request",
            from_state=locked.status,
            to_state=locked.status,
            reason=message,
            at=now,
        )
    return locked
