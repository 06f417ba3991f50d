"""Free replacements of sold units, sent after a return (docs/rules/order-lifecycle.md,
docs/rules/returns-warranty.md): an item replaced or exchanged under warranty, a missing
item sent again.

A replacement reserves its units when created (as an order does) and leaves in a
shipment of the original order marked free of charge: the stock goes down like any
shipment's, the order line's invoiced quantities do not change, and billing never sees
it (`shipment_invoice_issue` skips it, at shipping and at delivery). Its delivery is
recorded with the shipment services (`shipment_deliver`). Cancelling it gives its units
back. The after-sales app keeps the link to what it sent: links live on the right.

Locks, in the house order: the order, then the replacement, then the products (stock).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.outbox import Outgoing, outbox_write
from core.transitions import transition_apply
from orders.models import (
    LineKind,
    Order,
    OrderLine,
    Replacement,
    ReplacementStatus,
    Shipment,
    ShipmentInvoice,
    ShipmentLine,
)
from orders.services.shipments import (
    DELIVERY_NOTE,
    deliveries_open_check,
    serials_check,
    shipping_date_check,
)
from shop.services.stock import stock_release, stock_reserve, stock_ship


def _timeline(order: Order, actor: Actor, field: str, data: dict, at=None, reason="") -> None:
    audit_record(
        obj=order,
        actor=actor,
        field=field,
        from_state=order.status,
        to_state=order.status,
        reason=reason,
        data=data,
        at=at,
    )


def replacement_source_line(*, invoice_id: int, reference: str) -> OrderLine | None:
    """The order line that an invoice line of `reference` billed, when the invoice was
    made from a shipment (None for an invoice made otherwise)."""
    shipped = (
        ShipmentLine.objects.filter(
            shipment__in=ShipmentInvoice.objects.filter(invoice_id=invoice_id).values("shipment"),
            order_line__reference=reference,
            order_line__kind=LineKind.GOODS,
        )
        .select_related("order_line")
        .first()
    )
    return shipped.order_line if shipped is not None else None


def replacement_create(
    *, order_line: OrderLine, quantity: int, reference: str, reason: str, actor: Actor
) -> Replacement:
    """Send `quantity` units of `order_line`'s product again, free, for `reference`.

    Preconditions: a catalogue goods line of the order; 1 <= quantity <= the units shipped
    on that line (`replacement_quantity`). Effects (one transaction, the caller's if any):
    the replacement; its units reserved in stock as far as available (the rest is
    reserved when it ships); an audit row on the order (the customer's timeline).
    """
    if order_line.kind != LineKind.GOODS or order_line.product_id is None:
        raise BusinessError(
            "replacement_not_goods",
            _("%(reference)s n'est pas un article du catalogue : rien à réexpédier du stock.")
            % {"reference": order_line.reference},
        )
    if not 1 <= quantity <= order_line.quantity_shipped:
        raise BusinessError(
            "replacement_quantity",
            _("%(reference)s : %(quantity)s à remplacer, mais %(shipped)s expédiés."),
            field="quantity",
            params={
                "reference": order_line.reference,
                "quantity": quantity,
                "shipped": order_line.quantity_shipped,
            },
        )
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=order_line.order_id)
        (reservation,) = stock_reserve(requests=[(order_line.product_id, quantity)])
        replacement = Replacement.objects.create(
            order=order,
            order_line=order_line,
            quantity=quantity,
            quantity_reserved=reservation.reserved,
            reference=reference,
            reason=reason,
            created_by=str(actor),
        )
        audit_record(obj=replacement, actor=actor, to_state=ReplacementStatus.RESERVED)
        _timeline(
            order,
            actor,
            "replacement",
            {"reference": reference, "line": order_line.reference, "quantity": quantity},
        )
    return replacement


def replacement_ship(
    *,
    replacement: Replacement,
    carrier: str,
    shipped_on: date,
    user,
    tracking_number: str = "",
    tracking_url: str = "",
    serial_numbers: Sequence[str] = (),
    now: datetime | None = None,
) -> Shipment:
    """Ship `replacement` in a free shipment of its order (`<order>-R<n>`).

    Preconditions: still to ship (`transition_refused`); `shipped_on` not in the future;
    the company's deliveries not suspended (`deliveries_suspended`); every unit reserved,
    the missing ones reserved now if the stock has them (`replacement_not_reserved`); at
    most one serial number per unit (`shipment_serials`).
    Effects: the shipment (free of charge, never invoiced) and its line with the serial
    numbers; the stock goes down; the replacement shipped; audit rows; the delivery note
    rendered after commit.
    """
    now = now or timezone.now()
    shipping_date_check(shipped_on=shipped_on, now=now)
    actor = Actor.of_user(user)
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=replacement.order_id)
        locked = (
            Replacement.objects.select_for_update(no_key=True)
            .select_related("order_line")
            .get(pk=replacement.pk)
        )
        if locked.status != ReplacementStatus.RESERVED:  # shipped or cancelled meanwhile
            transition_apply(locked, to=ReplacementStatus.SHIPPED, actor=actor, locked=True)
        deliveries_open_check(company=order.company, now=now)
        line = locked.order_line
        assert line.product_id is not None  # checked at creation
        missing = locked.quantity - locked.quantity_reserved
        if missing:
            (reservation,) = stock_reserve(requests=[(line.product_id, missing)])
            if reservation.reserved < missing:
                raise BusinessError(
                    "replacement_not_reserved",
                    _("%(reference)s : stock insuffisant, %(available)s sur %(missing)s."),
                    params={
                        "reference": line.reference,
                        "available": reservation.reserved,
                        "missing": missing,
                    },
                )
        serials_check(
            reference=line.reference, quantity=locked.quantity, serial_numbers=serial_numbers
        )
        sequence = Shipment.objects.filter(order=order, free_of_charge=True).count() + 1
        shipment = Shipment.objects.create(
            order=order,
            number=f"{order.number}-R{sequence}",
            carrier=carrier,
            tracking_number=tracking_number,
            tracking_url=tracking_url,
            shipped_on=shipped_on,
            free_of_charge=True,
            created_at=now,
            created_by=user,
        )
        ShipmentLine.objects.create(
            shipment=shipment,
            order_line=line,
            quantity=locked.quantity,
            serial_numbers=list(serial_numbers),
        )
        stock_ship(shipments=[(line.product_id, locked.quantity)])
        transition_apply(
            locked,
            to=ReplacementStatus.SHIPPED,
            actor=actor,
            locked=True,
            changes={"shipment": shipment, "quantity_reserved": locked.quantity},
            at=now,
        )
        _timeline(
            order,
            actor,
            "shipment",
            {
                "shipment": shipment.number,
                "carrier": carrier,
                "tracking_number": tracking_number,
                "replacement": locked.reference,
                "lines": [{"reference": line.reference, "quantity": locked.quantity}],
            },
            at=now,
        )
        outbox_write(
            messages=[
                Outgoing(DELIVERY_NOTE, f"delivery-note:{shipment.pk}", {"shipment": shipment.pk})
            ]
        )
    return shipment


def replacement_cancel(*, replacement: Replacement, reason: str, actor: Actor) -> Replacement:
    """Cancel a replacement not shipped yet: its reserved units go back to the stock."""
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=replacement.order_id)
        locked = (
            Replacement.objects.select_for_update(no_key=True)
            .select_related("order_line")
            .get(pk=replacement.pk)
        )
        reserved = locked.quantity_reserved
        transition_apply(
            locked,
            to=ReplacementStatus.CANCELLED,
            actor=actor,
            locked=True,
            reason=reason,
            changes={"quantity_reserved": 0},
        )
        if reserved:
            assert locked.order_line.product_id is not None
            stock_release(releases=[(locked.order_line.product_id, reserved)])
        _timeline(
            order, actor, "replacement_cancelled", {"reference": locked.reference}, reason=reason
        )
    replacement.refresh_from_db()
    return replacement
