"""Cancelling an order: by staff, at the customer's request with the pinned Terms' fee,
by the job for a bank transfer or a special order left unpaid, or for goods not
collected (docs/rules/order-lifecycle.md; 001 art. 4, 002 art. 4, 003 art. 2.3, 5.7 and
6.2).

Whatever the path, one transaction locks the order, checks its state there (a shipment
or a payment that won the lock first wins), releases the stock still reserved and not
shipped, records the move and the fee, and writes the customer's e-mail to the outbox.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.calendar import period_end
from core.errors import BusinessError
from core.outbox import Outgoing, outbox_write
from core.transitions import transition_allowed, transition_apply
from orders.models import (
    CancellationCause,
    FeeCause,
    LineKind,
    Order,
    OrderLine,
    OrderStatus,
    PickupAppointment,
)
from orders.rules import PICKUP_STATUSES, cancellation_decision, pickup_hold_end, unpaid_deadline
from orders.selectors import quote_recipients
from orders.services.invoicing import order_fee_invoice_issue
from shop.models.terms_choices import FeeBase, PaymentMethod
from shop.services.stock import stock_release

CANCELLED_MAIL = "orders.order_cancelled"
UNPAID_JOB = "orders.cancel_unpaid_transfers"
PICKUP_JOB = "orders.cancel_uncollected_pickups"


def _release_stock(order: Order) -> None:
    lines = list(
        OrderLine.objects.select_for_update(no_key=True)
        .filter(order=order, kind=LineKind.GOODS, product__isnull=False)
        .order_by("pk")
    )
    stock_release(
        releases=[
            (line.product_id, line.quantity_to_ship)
            for line in lines
            if line.product_id is not None and line.quantity_to_ship
        ]
    )


def _cancel_locked(
    *, order: Order, actor: Actor, reason: str, fee: Decimal, data: dict, now: datetime
) -> Order:
    _release_stock(order)
    if fee > 0:
        invoice = order_fee_invoice_issue(
            order=order, cause=FeeCause.CANCELLATION, amount=fee, actor=actor
        )
        data = {**data, "fee_invoice": invoice.number}
    transition_apply(
        order,
        to=OrderStatus.CANCELLED,
        actor=actor,
        reason=reason,
        data={**data, "fee": str(fee)},
        changes={"hold_code": "", "hold_detail": "", "held_from": ""},
        at=now,
        locked=True,
    )
    outbox_write(
        messages=[
            Outgoing(
                CANCELLED_MAIL,
                f"order-cancelled:{order.pk}:{user.pk}",
                {
                    "order": order.pk,
                    "user": user.pk,
                    "fee": str(fee),
                    "reason": reason,
                    "cause": data.get("cause", ""),
                },
            )
            for user in quote_recipients(company=order.company)
        ]
    )
    return order


def order_cancel_by_customer(*, order: Order, user, reason: str, now: datetime | None = None):
    """The customer cancels `order`, at the cost the pinned Terms fix now (the page showed
    it; it is decided again under the order's lock).

    Preconditions: the Terms allow it at the order's stage (`cancellation_refused`, with
    why); where the fee is the costs incurred (004), staff must set it: the request is
    recorded and staff cancel (`cancellation_requested` is not raised: the order is
    returned unchanged, with an audit row).
    Effects: cancelled, stock released, fee recorded (invoiced by billing), e-mail.
    """
    now = now or timezone.now()
    actor = Actor.of_user(user)
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update(no_key=True).select_related("terms").get(pk=order.pk)
        )
        decision = cancellation_decision(order=locked)
        if not decision.allowed:
            raise BusinessError("cancellation_refused", decision.reason)
        if decision.staff_sets_fee:
            audit_record(
                obj=locked,
                actor=actor,
                field="cancellation_request",
                from_state=locked.status,
                to_state=locked.status,
                reason=reason,
                at=now,
            )
            return locked
        fee = decision.fee or Decimal("0.00")
        return _cancel_locked(
            order=locked,
            actor=actor,
            reason=reason,
            fee=fee,
            data={"by": "customer", "fee_rule": decision.fee_text},
            now=now,
        )


def order_cancel_by_staff(
    *, order: Order, user, reason: str, fee: Decimal = Decimal("0.00"), now=None
) -> Order:
    """Staff cancel `order` with `reason` and the `fee` they charge (0 by default; the
    costs incurred under 004).

    Preconditions: a reason (`cancellation_reason_required`); the order not delivered,
    closed or cancelled (`order_not_cancellable`); nothing shipped yet
    (`order_already_shipped`), unless the Terms price a cancellation on the parcel (003).
    Effects: cancelled, stock released, fee recorded, e-mail.
    """
    if not reason.strip():
        raise BusinessError(
            "cancellation_reason_required",
            _("Indiquez le motif de l'annulation : le client le verra."),
            field="reason",
        )
    if fee < 0:
        raise BusinessError("fee_negative", _("Les frais ne peuvent être négatifs."), field="fee")
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Order.objects.select_for_update(no_key=True).select_related("terms").get(pk=order.pk)
        )
        if not transition_allowed(Order, locked.status, OrderStatus.CANCELLED):
            raise BusinessError(
                "order_not_cancellable",
                _("Une commande « %(status)s » ne peut plus être annulée."),
                params={"status": locked.get_status_display()},
            )
        if locked.terms.cancellation_fee_base != FeeBase.PARCEL_VALUE and (
            OrderLine.objects.filter(order=locked, quantity_shipped__gt=0).exists()
        ):
            raise BusinessError(
                "order_already_shipped",
                _("Des colis de cette commande sont partis : elle ne peut plus être annulée."),
            )
        return _cancel_locked(
            order=locked,
            actor=Actor.of_user(user),
            reason=reason,
            fee=fee,
            data={"by": "staff"},
            now=now,
        )


def run_cancel_unpaid_transfers(*, as_of: date, now: datetime | None = None) -> dict:
    """Cancel, without fees, orders still unpaid after the pinned Terms' deadline
    (`unpaid_deadline`): bank transfers never received and card payments never completed
    (002 art. 4: 7 working days; 003: 72 hours; never without a deadline, 001) and special
    orders (003 art. 2.3: 72 hours from acceptance).

    Cutoff: the end of the business day `as_of`, but never later than now, so the hourly
    run never cancels an order whose 72 hours are not over. Each order is claimed under
    its row lock and checked again: a payment that moved it first keeps it (and a payment
    arriving after the cancellation stays as the customer's credit, on billing's side).
    Idempotent: a cancelled order is not a candidate again.
    """
    now = now or timezone.now()
    cutoff = min(period_end(as_of, 0), now)
    actor = Actor.of_job(UNPAID_JOB)
    candidates = (
        Order.objects.filter(
            Q(payment_method__in=(PaymentMethod.TRANSFER, PaymentMethod.CARD))
            | Q(quote__is_special_order=True),
            status=OrderStatus.AWAITING_PAYMENT,
            placed_at__lt=cutoff,
        )
        .select_related("terms", "terms__seller", "quote")
        .order_by("placed_at", "pk")
    )
    cancelled = []
    for order in candidates:
        due = unpaid_deadline(order=order)
        if due is None or due[0] > cutoff:
            continue
        deadline, cause = due
        with transaction.atomic():
            locked = Order.objects.select_for_update(no_key=True).get(pk=order.pk)
            if locked.status != OrderStatus.AWAITING_PAYMENT:
                continue
            _cancel_locked(
                order=locked,
                actor=actor,
                reason="",
                fee=Decimal("0.00"),
                data={
                    "cause": cause,
                    "deadline": deadline.isoformat(),
                    "as_of": as_of.isoformat(),
                },
                now=now,
            )
            cancelled.append(locked.number)
    return {"cutoff": cutoff.isoformat(), "cancelled": len(cancelled), "orders": cancelled}


def run_cancel_uncollected_pickups(*, as_of: date, now: datetime | None = None) -> dict:
    """Cancel, without fees, the sales whose goods were not collected by the end of the
    days the pinned Terms hold them from the appointment (003 art. 5.7: 15 days; the job
    of the 16th day after the appointment cancels).

    Each order is claimed under its lock and checked again (a pickup recorded as a
    shipment first keeps it); the stock is released; a payment received stays as the
    customer's credit in billing, refunded by staff on request (the e-mail says so).
    Idempotent: a cancelled order is not a candidate again.
    """
    now = now or timezone.now()
    cutoff = min(period_end(as_of, 0), now)
    actor = Actor.of_job(PICKUP_JOB)
    candidates = (
        PickupAppointment.objects.filter(order__status__in=PICKUP_STATUSES)
        .select_related("order", "order__terms")
        .order_by("appointment_at", "pk")
    )
    cancelled = []
    for appointment in candidates:
        order = appointment.order
        hold_end = pickup_hold_end(order=order, appointment_at=appointment.appointment_at)
        if hold_end is None or hold_end > cutoff:
            continue
        with transaction.atomic():
            locked = Order.objects.select_for_update(no_key=True).get(pk=order.pk)
            if (
                locked.status not in PICKUP_STATUSES
                or OrderLine.objects.filter(order=locked, quantity_shipped__gt=0).exists()
                or PickupAppointment.objects.get(order=locked).appointment_at
                != appointment.appointment_at
            ):
                continue
            _cancel_locked(
                order=locked,
                actor=actor,
                reason="",
                fee=Decimal("0.00"),
                data={
                    "cause": CancellationCause.PICKUP_EXPIRED,
                    "deadline": hold_end.isoformat(),
                    "as_of": as_of.isoformat(),
                },
                now=now,
            )
            cancelled.append(locked.number)
    return {"cutoff": cutoff.isoformat(), "cancelled": len(cancelled), "orders": cancelled}
