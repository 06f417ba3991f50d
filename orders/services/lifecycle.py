"""Staff moves of an order that are not shipments, holds or cancellations: preparation
starts, the file is closed (docs/rules/order-lifecycle.md).

Each move goes through `core.transitions` under the order's row lock and leaves an audit
row with its actor and reason, which the customer reads as the timeline.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.models import Order, OrderStatus
from orders.services.holds import company_hold_cause, order_hold


def order_prepare(
    *, order: Order, actor: Actor, reason: str = "", now: datetime | None = None
) -> Order:
    """Start preparing a confirmed order (picking in the warehouse).

    Preconditions: the order is confirmed (an order on prepayment is confirmed only once
    its payment is validated, 000 art. 2: else `transition_refused`).
    Effects: in preparation, audit row. When the company may not be served (deliveries
    suspended), the order is put on hold instead and BusinessError `order_held` says why.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update(no_key=True).get(pk=order.pk)
        cause = (
            company_hold_cause(company=locked.company, on=timezone.localdate(now))
            if locked.status == OrderStatus.CONFIRMED
            else None
        )
        if cause is None:
            return transition_apply(
                locked,
                to=OrderStatus.IN_PREPARATION,
                actor=actor,
                reason=reason,
                at=now,
                locked=True,
            )
        order_hold(order=locked, code=cause.code, detail=cause.detail, actor=actor, now=now)
    raise BusinessError(
        "order_held",
        _("La commande est mise en attente : %(detail)s"),
        params={"detail": cause.detail},
    )


def order_close(
    *, order: Order, actor: Actor, reason: str = "", now: datetime | None = None
) -> Order:
    """Close a delivered order: its file is complete (invoiced, complaints handled).

    Preconditions: the order is delivered (else `transition_refused`).
    Effects: closed, audit row.
    """
    return transition_apply(
        order, to=OrderStatus.CLOSED, actor=actor, reason=reason, at=now or timezone.now()
    )
