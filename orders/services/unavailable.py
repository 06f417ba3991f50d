"""A product that cannot be supplied, removed from the order with the customer's agreement
instead of a substitution (000 art. 5, 001 art. 4, 002 art. 9;
docs/rules/order-lifecycle.md).

Only units not yet shipped are removed, and a shipment invoices what it holds: those
units were never invoiced, so no invoice needs correcting. The order's totals fall; what
the customer already paid beyond the new total stays as their credit in billing (the
payment's unallocated part), used on a later invoice or refunded by staff.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import ZERO, line_total, vat_breakdown
from core.transitions import transition_apply
from orders.content import money_text
from orders.models import ENTERED_KINDS, LineKind, Order, OrderLine, OrderStatus
from orders.selectors import order_paid_amount
from orders.services.holds import HOLDABLE
from orders.services.shipments import SHIPPABLE
from shop.services.stock import stock_release


def _totals_refresh(order: Order) -> None:
    """The order's totals again from its lines, VAT per rate (core.money)."""
    lines = list(OrderLine.objects.filter(order=order))
    totals = vat_breakdown((line.line_total_ht, line.vat_rate) for line in lines)
    order.goods_ht = sum((line.line_total_ht for line in lines if line.kind in ENTERED_KINDS), ZERO)
    order.total_ht, order.total_vat, order.total_ttc = totals.ht, totals.vat, totals.ttc
    order.vat_breakdown = [
        {"rate": money_text(row.rate), "base": money_text(row.base), "vat": money_text(row.vat)}
        for row in totals.per_rate
    ]
    order.save(update_fields=["goods_ht", "total_ht", "total_vat", "total_ttc", "vat_breakdown"])


def order_line_unavailable_remove(
    *, line: OrderLine, quantity: int, agreement: str, user, now: datetime | None = None
) -> Order:
    """Remove `quantity` units of `line` that cannot be supplied, as the customer agreed.

    Preconditions: the customer's agreement recorded in `agreement`
    (`unavailable_agreement_required`: who, when, how); the order still open and the line
    a goods line (`unavailable_not_possible`); 1 ≤ `quantity` ≤ the units not shipped
    (`unavailable_quantity`, field `quantity`).
    Effects (one transaction; locks: order, line, then the product): the backordered
    units go first, then reserved ones are released to the stock; the line's quantity
    and total fall (a line left with nothing is removed); the order's totals are
    computed again; an order awaiting payment that its payments now cover is confirmed;
    an audit row (the customer's timeline) with what stays to the customer's credit.
    """
    if not agreement.strip():
        raise BusinessError(
            "unavailable_agreement_required",
            _("Indiquez l'accord du client : qui, quand, comment."),
            field="agreement",
        )
    now = now or timezone.now()
    actor = Actor.of_user(user)
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=line.order_id)
        locked = OrderLine.objects.select_for_update(no_key=True).get(pk=line.pk)
        if order.status not in (*HOLDABLE, *SHIPPABLE) or locked.kind != LineKind.GOODS:
            raise BusinessError(
                "unavailable_not_possible",
                _("Cette ligne ne peut plus être retirée : commande close ou ligne sans article."),
            )
        open_units = locked.quantity - locked.quantity_shipped
        if isinstance(quantity, bool) or not 1 <= quantity <= open_units:
            raise BusinessError(
                "unavailable_quantity",
                _("Indiquez une quantité entre 1 et %(max)s (les unités non expédiées)."),
                field="quantity",
                params={"max": open_units},
            )
        from_backorder = min(quantity, locked.quantity_backordered)
        released = quantity - from_backorder
        if released and locked.product_id is not None:
            stock_release(releases=[(locked.product_id, released)])
        paid = order_paid_amount(order=order)
        reference = locked.reference
        if quantity == locked.quantity:
            locked.delete()
        else:
            locked.quantity -= quantity
            locked.quantity_backordered -= from_backorder
            locked.quantity_reserved -= released
            locked.line_total_ht = line_total(
                unit_price=locked.unit_price_ht, quantity=locked.quantity
            )
            locked.save(
                update_fields=[
                    "quantity",
                    "quantity_backordered",
                    "quantity_reserved",
                    "line_total_ht",
                ]
            )
        _totals_refresh(order)
        credit = max(paid - order.total_ttc, ZERO)
        audit_record(
            obj=order,
            actor=actor,
            field="unavailable",
            from_state=order.status,
            to_state=order.status,
            reason=agreement,
            data={
                "reference": reference,
                "quantity": quantity,
                "total_ttc": str(order.total_ttc),
                "credit": str(credit) if credit else "",
            },
            at=now,
        )
        if order.status == OrderStatus.AWAITING_PAYMENT and paid and paid >= order.total_ttc:
            transition_apply(
                order,
                to=OrderStatus.CONFIRMED,
                actor=actor,
                reason="paid in full",
                at=now,
                locked=True,
            )
    return order
