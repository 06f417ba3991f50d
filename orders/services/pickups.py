"""Pickup at the seller's by appointment, where the pinned Terms offer it (003 art. 5.7;
docs/rules/order-lifecycle.md). The appointment is set once the payment is acknowledged;
the goods are held from it for the Terms' days, after which the daily job
`orders.cancel_uncollected_pickups` cancels the sale (`orders.services.cancellations`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from orders.models import Order, PickupAppointment
from orders.rules import pickup_decision, pickup_hold_end


def order_pickup_appointment_set(
    *, order: Order, appointment_at: datetime, user, now: datetime | None = None
) -> PickupAppointment:
    """Set (or move) the appointment to collect `order` at the seller's.

    Preconditions: the pinned Terms offer a pickup (`pickup_not_offered`); the order is
    paid and nothing has left (`pickup_not_possible`); the appointment is not in the past
    (`pickup_in_the_past`, field `appointment_at`).
    Effects: the appointment row; an audit row with the last day the goods are held
    (the customer's timeline).
    """
    now = now or timezone.now()
    if appointment_at < now:
        raise BusinessError(
            "pickup_in_the_past",
            _("Choisissez une date et une heure de rendez-vous à venir."),
            field="appointment_at",
        )
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update(no_key=True).select_related("terms").get(pk=order.pk)
        )
        decision = pickup_decision(order=locked)
        if not decision.allowed:
            offered = locked.terms.pickup_hold_days is not None
            code = "pickup_not_possible" if offered else "pickup_not_offered"
            raise BusinessError(code, decision.reason, field="appointment_at")
        hold_end = pickup_hold_end(order=locked, appointment_at=appointment_at)
        assert hold_end is not None  # the Terms offer a pickup (decision above)
        appointment, _created = PickupAppointment.objects.update_or_create(
            order=locked,
            defaults={"appointment_at": appointment_at, "set_by": user, "set_at": now},
        )
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field="pickup",
            from_state=locked.status,
            to_state=locked.status,
            data={
                "appointment_at": appointment_at.isoformat(),
                "held_until": hold_end.isoformat(),
            },
            at=now,
        )
    return appointment
