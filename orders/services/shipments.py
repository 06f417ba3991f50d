"""Shipments and deliveries (docs/rules/order-lifecycle.md; 000 art. 5, 002 art. 9).

Staff pick quantities per line; a shipment takes only units reserved for the line, so
never more than ordered; what is short stays backordered and is served as stock arrives,
oldest order first (`run_serve_backorders`). Shipping is refused while the company's
deliveries are suspended (000 art. 4, 001 art. 7, 004 art. 5). The delivery note is
rendered after commit (outbox) and stored once.

Locks, in the house order: the order, then its lines, then the products (stock).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import percent_of
from core.outbox import Outgoing, outbox_write
from core.transitions import transition_apply
from orders.models import (
    FeeCause,
    LineKind,
    Order,
    OrderLine,
    OrderStatus,
    Shipment,
    ShipmentLine,
    ShipmentStatus,
)
from orders.rules import invoice_at_delivery
from orders.services.holds import company_hold_cause
from orders.services.invoicing import order_fee_invoice_issue, shipment_invoice_issue
from shop.services.stock import stock_reserve, stock_ship

DELIVERY_NOTE = "orders.delivery_note"
BACKORDER_JOB = "orders.serve_backorders"
SHIPPABLE = (OrderStatus.IN_PREPARATION, OrderStatus.PARTIALLY_SHIPPED)
# Lines that are things sent: catalogue goods (from stock) and special orders.
SHIPPED_KINDS = (LineKind.GOODS, LineKind.SPECIAL)


@dataclass(frozen=True)
class Pick:
    """The units of one order line put in a shipment, with the serial numbers the
    warehouse read on them (at most one per unit; copied to the invoice)."""

    order_line_id: int
    quantity: int
    serial_numbers: tuple[str, ...] = ()


def serials_check(*, reference: str, quantity: int, serial_numbers: Sequence[str]) -> None:
    """At most one serial number per unit shipped, each once (`shipment_serials`)."""
    if len(serial_numbers) > quantity or len(set(serial_numbers)) != len(serial_numbers):
        raise BusinessError(
            "shipment_serials",
            _(
                "%(reference)s : indiquez au plus un numéro de série par unité expédiée "
                "(%(quantity)s), chacun une seule fois."
            ),
            field="lines",
            params={"reference": reference, "quantity": quantity},
        )


def shipping_date_check(*, shipped_on: date, now: datetime) -> None:
    """A parcel cannot leave on a day still to come (`shipment_in_future`)."""
    if shipped_on > timezone.localdate(now):
        raise BusinessError(
            "shipment_in_future",
            _("La date d'expédition ne peut pas être dans le futur."),
            field="shipped_on",
        )


def deliveries_open_check(*, company, now: datetime) -> None:
    """Nothing is shipped while the company's deliveries are suspended
    (`deliveries_suspended`, with the cause)."""
    cause = company_hold_cause(company=company, on=timezone.localdate(now))
    if cause is not None:
        raise BusinessError(
            "deliveries_suspended",
            _("Les livraisons de ce client sont suspendues : %(detail)s"),
            params={"detail": cause.detail},
        )


def _check_picks(lines: dict[int, OrderLine], picks: Sequence[Pick]) -> list[Pick]:
    kept = [pick for pick in picks if pick.quantity]
    if not kept:
        raise BusinessError(
            "shipment_empty", _("Indiquez au moins une quantité à expédier."), field="lines"
        )
    seen: set[int] = set()
    for pick in kept:
        line = lines.get(pick.order_line_id)
        if line is None or line.kind not in SHIPPED_KINDS or pick.order_line_id in seen:
            raise BusinessError(
                "shipment_line_unknown",
                _("Cette ligne n'est pas un article de la commande."),
                field="lines",
            )
        seen.add(pick.order_line_id)
        if pick.quantity < 0 or pick.quantity > line.quantity - line.quantity_shipped:
            raise BusinessError(
                "shipment_over_ordered",
                _(
                    "%(reference)s : %(quantity)s demandés, mais il ne reste que %(left)s à "
                    "expédier sur %(ordered)s commandés."
                ),
                field="lines",
                params={
                    "reference": line.reference,
                    "quantity": pick.quantity,
                    "left": line.quantity - line.quantity_shipped,
                    "ordered": line.quantity,
                },
            )
        if pick.quantity > line.quantity_to_ship:
            raise BusinessError(
                "shipment_not_reserved",
                _(
                    "%(reference)s : seules %(reserved)s unités sont réservées en stock ; le "
                    "reste est en reliquat."
                ),
                field="lines",
                params={"reference": line.reference, "reserved": line.quantity_to_ship},
            )
        serials_check(
            reference=line.reference, quantity=pick.quantity, serial_numbers=pick.serial_numbers
        )
    return kept


def _product_of(line: OrderLine) -> int:
    assert line.product_id is not None  # goods lines are catalogue lines (PROTECT)
    return line.product_id


def shipment_create(
    *,
    order: Order,
    picks: Sequence[Pick],
    carrier: str,
    tracking_number: str = "",
    tracking_url: str = "",
    parcels: int = 1,
    shipped_on: date,
    user,
    now: datetime | None = None,
) -> Shipment:
    """Ship the picked units of `order`.

    Preconditions: the order is in preparation or partly shipped (`order_not_shippable`:
    a cancellation that won the order's lock leaves it cancelled); the company's
    deliveries are not suspended (`deliveries_suspended`); each pick is a goods line of
    the order, within what is left to ship (`shipment_over_ordered`) and reserved in
    stock (`shipment_not_reserved`); `shipped_on` is not in the future.
    Effects: the shipment and its lines; each line's shipped quantity; the stock goes
    down (physical and reserved); the order becomes shipped when every goods unit has
    left, else partly shipped; audit rows (the customer's timeline); the invoice of what
    the shipment holds (billing), unless the Terms invoice at delivery; the delivery note
    rendered after commit.
    """
    now = now or timezone.now()
    shipping_date_check(shipped_on=shipped_on, now=now)
    actor = Actor.of_user(user)
    with transaction.atomic():
        locked = Order.objects.select_for_update(no_key=True).get(pk=order.pk)
        if locked.status not in SHIPPABLE:
            raise BusinessError(
                "order_not_shippable",
                _("Une commande « %(status)s » ne peut pas être expédiée."),
                params={"status": locked.get_status_display()},
            )
        deliveries_open_check(company=locked.company, now=now)
        lines = {
            line.pk: line
            for line in OrderLine.objects.select_for_update(no_key=True)
            .filter(order=locked)
            .order_by("pk")
        }
        kept = _check_picks(lines, picks)
        sequence = Shipment.objects.filter(order=locked).count() + 1
        shipment = Shipment.objects.create(
            order=locked,
            number=f"{locked.number}-E{sequence}",
            carrier=carrier,
            tracking_number=tracking_number,
            tracking_url=tracking_url,
            parcels=parcels,
            shipped_on=shipped_on,
            created_at=now,
            created_by=user,
        )
        ShipmentLine.objects.bulk_create(
            ShipmentLine(
                shipment=shipment,
                order_line_id=pick.order_line_id,
                quantity=pick.quantity,
                serial_numbers=list(pick.serial_numbers),
            )
            for pick in kept
        )
        for pick in kept:
            line = lines[pick.order_line_id]
            line.quantity_shipped += pick.quantity
            line.save(update_fields=["quantity_shipped"])
        stock_ship(
            shipments=[
                (_product_of(lines[pick.order_line_id]), pick.quantity)
                for pick in kept
                if lines[pick.order_line_id].kind == LineKind.GOODS
            ]
        )
        complete = all(
            line.quantity_shipped == line.quantity
            for line in lines.values()
            if line.kind in SHIPPED_KINDS
        )
        target = OrderStatus.SHIPPED if complete else OrderStatus.PARTIALLY_SHIPPED
        data = {
            "shipment": shipment.number,
            "carrier": carrier,
            "tracking_number": tracking_number,
            "lines": [
                {"reference": lines[pick.order_line_id].reference, "quantity": pick.quantity}
                for pick in kept
            ],
        }
        if locked.status != target:
            transition_apply(locked, to=target, actor=actor, data=data, at=now, locked=True)
        else:
            audit_record(
                obj=locked,
                actor=actor,
                field="shipment",
                from_state=locked.status,
                to_state=target,
                data=data,
                at=now,
            )
        if not invoice_at_delivery(order=locked):
            shipment_invoice_issue(shipment=shipment, delivery_date=shipped_on, actor=actor)
        outbox_write(
            messages=[
                Outgoing(DELIVERY_NOTE, f"delivery-note:{shipment.pk}", {"shipment": shipment.pk})
            ]
        )
    return shipment


def shipment_deliver(
    *, shipment: Shipment, delivered_on: date, user, now: datetime | None = None
) -> Shipment:
    """Record the delivery of `shipment` on `delivered_on` (the complaint window starts).

    Preconditions: the shipment is on its way (`transition_refused` otherwise);
    `delivered_on` is between the shipping day and today (`delivery_date_invalid`).
    Effects: delivered, with its date; its invoice where the Terms invoice at delivery
    (the payment term runs from it, 001 art. 7); the order becomes delivered once it is
    fully shipped and every shipment has arrived; audit rows.
    """
    now = now or timezone.now()
    if delivered_on < shipment.shipped_on or delivered_on > timezone.localdate(now):
        raise BusinessError(
            "delivery_date_invalid",
            _("La date de livraison doit être entre le jour d'expédition et aujourd'hui."),
            field="delivered_on",
        )
    actor = Actor.of_user(user)
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=shipment.order_id)
        transition_apply(
            shipment,
            to=ShipmentStatus.DELIVERED,
            actor=actor,
            changes={"delivered_on": delivered_on},
            data={"delivered_on": delivered_on.isoformat()},
            at=now,
        )
        if invoice_at_delivery(order=order):
            shipment_invoice_issue(shipment=shipment, delivery_date=delivered_on, actor=actor)
        pending = order.shipments.filter(status=ShipmentStatus.SHIPPED).exists()
        if order.status == OrderStatus.SHIPPED and not pending:
            transition_apply(
                order,
                to=OrderStatus.DELIVERED,
                actor=actor,
                data={"delivered_on": delivered_on.isoformat()},
                at=now,
                locked=True,
            )
        else:
            audit_record(
                obj=order,
                actor=actor,
                field="delivery",
                from_state=order.status,
                to_state=order.status,
                data={"shipment": shipment.number, "delivered_on": delivered_on.isoformat()},
                at=now,
            )
    return shipment


def run_serve_backorders(*, as_of: date, now: datetime | None = None) -> dict:
    """Reserve stock that has arrived for backordered lines, oldest order first.

    Each line is served in its own transaction, under the locks of its order, the line,
    then the product: an order cancelled meanwhile is skipped; a second run finds
    nothing more to reserve (idempotent).
    """
    now = now or timezone.now()
    actor = Actor.of_job(BACKORDER_JOB)
    candidates = list(
        OrderLine.objects.filter(
            kind=LineKind.GOODS,
            quantity_backordered__gt=0,
            product__isnull=False,
            order__status__in=(
                OrderStatus.AWAITING_PAYMENT,
                OrderStatus.CONFIRMED,
                OrderStatus.IN_PREPARATION,
                OrderStatus.PARTIALLY_SHIPPED,
                OrderStatus.ON_HOLD,
            ),
        )
        .order_by("order__placed_at", "order_id", "position", "pk")
        .values_list("pk", "order_id")
    )
    served = []
    for line_id, order_id in candidates:
        with transaction.atomic():
            order = Order.objects.select_for_update(no_key=True).get(pk=order_id)
            if order.status in (OrderStatus.CANCELLED, OrderStatus.CLOSED):
                continue
            line = OrderLine.objects.select_for_update(no_key=True).get(pk=line_id)
            if not line.quantity_backordered or line.product_id is None:
                continue
            (reservation,) = stock_reserve(requests=[(line.product_id, line.quantity_backordered)])
            if not reservation.reserved:
                continue
            line.quantity_reserved += reservation.reserved
            line.quantity_backordered -= reservation.reserved
            line.save(update_fields=["quantity_reserved", "quantity_backordered"])
            audit_record(
                obj=order,
                actor=actor,
                field="backorder",
                from_state=order.status,
                to_state=order.status,
                data={"reference": line.reference, "quantity": reservation.reserved},
                at=now,
            )
            served.append({"order": order.number, "reference": line.reference})
    return {"served": len(served), "lines": served}


def shipment_refusal_record(
    *, shipment: Shipment, unjustified: bool, reason: str, user, now: datetime | None = None
) -> Shipment:
    """Record that the customer refused the delivery of `shipment` (the goods come back).

    When staff judge the refusal unjustified and the pinned Terms charge it (001 art. 12:
    25 % of the order's HT amount), the fee is invoiced through billing.
    Preconditions: the shipment is on its way (`transition_refused`); a reason
    (`refusal_reason_required`). Effects: the shipment refused; the fee invoice; an audit
    row on the order (the customer's timeline).
    """
    if not reason.strip():
        raise BusinessError(
            "refusal_reason_required",
            _("Indiquez ce que le client a dit ou écrit en refusant la livraison."),
            field="reason",
        )
    now = now or timezone.now()
    actor = Actor.of_user(user)
    with transaction.atomic():
        order = (
            Order.objects.select_for_update(no_key=True)
            .select_related("terms")
            .get(pk=shipment.order_id)
        )
        transition_apply(shipment, to=ShipmentStatus.REFUSED, actor=actor, reason=reason, at=now)
        percent = order.terms.unjustified_refusal_fee_percent
        data: dict = {"shipment": shipment.number, "unjustified": unjustified}
        if unjustified and percent is not None:
            fee = percent_of(amount=order.total_ht, percent=percent)
            invoice = order_fee_invoice_issue(
                order=order, cause=FeeCause.REFUSED_DELIVERY, amount=fee, actor=actor
            )
            data.update(fee=str(fee), fee_invoice=invoice.number)
        audit_record(
            obj=order,
            actor=actor,
            field="delivery_refused",
            from_state=order.status,
            to_state=order.status,
            reason=reason,
            data=data,
            at=now,
        )
    return shipment
