"""Substitution of an unavailable product by an equivalent one, when the customer agrees
(000 art. 5, 001 art. 4, 002 art. 9; docs/rules/order-lifecycle.md).

The line keeps its agreed unit price, quantity and VAT rate: only the article sent
changes. The reservation moves from the old product to the new one under the usual locks
(order, line, then products in id order).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from orders.models import LineKind, Order, OrderLine
from orders.services.holds import HOLDABLE
from orders.services.shipments import SHIPPABLE
from shop.models import Product
from shop.services.stock import stock_release, stock_reserve


def order_line_substitute(
    *, line: OrderLine, reference: str, agreement: str, user, now: datetime | None = None
) -> OrderLine:
    """Send the catalogue product `reference` instead of the line's product.

    Preconditions: the order is not shipped, delivered or cancelled and nothing of the line
    has left (`substitution_not_possible`); the product is on sale, another one, with the
    line's VAT rate (`substitution_product_invalid`); the customer's agreement is recorded
    in `agreement` (`substitution_agreement_required`: who agreed, when, how).
    Effects: the old reservation released, the new product reserved (what is short is
    backordered); the line's product, reference and designation replaced; an audit row
    (the customer's timeline).
    """
    if not agreement.strip():
        raise BusinessError(
            "substitution_agreement_required",
            _("Indiquez l'accord du client : qui, quand, comment."),
            field="agreement",
        )
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update(no_key=True).get(pk=line.order_id)
        locked = OrderLine.objects.select_for_update(no_key=True).get(pk=line.pk)
        if (
            order.status not in (*HOLDABLE, *SHIPPABLE)
            or locked.kind != LineKind.GOODS
            or locked.quantity_shipped
        ):
            raise BusinessError(
                "substitution_not_possible",
                _("Cette ligne ne peut plus être remplacée : expédiée, ou commande close."),
            )
        product = Product.objects.filter(reference=reference.strip(), is_active=True).first()
        if (
            product is None
            or product.pk == locked.product_id
            or product.vat_rate != locked.vat_rate
        ):
            raise BusinessError(
                "substitution_product_invalid",
                _("Choisissez un autre produit en vente, au même taux de TVA."),
                field="reference",
            )
        old = locked.reference
        # Both products locked at once, in id order, before the stock moves.
        list(
            Product.objects.select_for_update(no_key=True)
            .filter(pk__in=[pk for pk in (locked.product_id, product.pk) if pk])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if locked.quantity_reserved and locked.product_id is not None:
            stock_release(releases=[(locked.product_id, locked.quantity_reserved)])
        (reservation,) = stock_reserve(requests=[(product.pk, locked.quantity)])
        locked.product = product
        locked.reference = product.reference
        locked.designation = product.designation
        locked.quantity_reserved = reservation.reserved
        locked.quantity_backordered = reservation.backordered
        locked.save(
            update_fields=[
                "product",
                "reference",
                "designation",
                "quantity_reserved",
                "quantity_backordered",
            ]
        )
        audit_record(
            obj=order,
            actor=Actor.of_user(user),
            field="substitution",
            from_state=order.status,
            to_state=order.status,
            reason=agreement,
            data={"from": old, "to": product.reference, "quantity": locked.quantity},
            at=now,
        )
    return locked
