"""A customer's request to modify an order, allowed while the pinned Terms' rule allows it
(docs/rules/order-lifecycle.md; 000 art. 2, 001 art. 5, 004: orders firm).

The request opens a new version of the order's signed quote, drafted from the order's
lines for sales to edit and issue; the customer signs it through the usual "Bon pour
accord" (001 art. 5: a new signed order, with the price adjustment). `quote_sign` then
makes the order follow it (`order_revision_apply`) instead of forming a second order.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Company
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.models import (
    ENTERED_KINDS,
    LineKind,
    Order,
    OrderLine,
    OrderRevision,
    OrderStatus,
    Quote,
    QuoteStatus,
)
from orders.rules import modification_decision
from orders.selectors import order_paid_amount, quote_content
from orders.services.orders import order_address_text, order_lines_create
from orders.services.quotes import LineSpec, quote_signed_revise
from shop.models import Product
from shop.services.stock import stock_release

# Versions still to be signed: a new request joins them instead of opening another.
PENDING = (QuoteStatus.DRAFT, QuoteStatus.ISSUED)


def _order_specs(order: Order) -> list[LineSpec]:
    """The order's entered lines as they stand (substitutions and removals included), at
    their agreed unit price; sales adjust them in the draft."""
    specs = []
    for line in order.lines.filter(kind__in=ENTERED_KINDS).select_related("product"):
        if line.kind == LineKind.GOODS and line.product is not None and line.product.is_active:
            specs.append(
                LineSpec(
                    quantity=line.quantity, product=line.product, net_price_ht=line.unit_price_ht
                )
            )
        else:
            specs.append(
                LineSpec(
                    quantity=line.quantity,
                    reference=line.reference,
                    designation=line.designation,
                    list_price_ht=line.unit_price_ht,
                    vat_rate=line.vat_rate,
                )
            )
    return specs


def order_modification_request(
    *, order: Order, user, message: str, now: datetime | None = None
) -> OrderRevision:
    """Record the customer's modification request and open the new quote version that
    answers it.

    Preconditions: the Terms allow a modification now (`modification_refused`, saying
    why and until when it was possible).
    Effects (locks: company, order, then the quote): an audit row on the order with the
    request (the timeline); a draft version + 1 of the order's signed quote with the
    order's lines (`quote_signed_revise`), linked to the order, or, when a version is
    already being prepared or awaits signature, the request added to it.
    """
    now = now or timezone.now()
    actor = Actor.of_user(user)
    with transaction.atomic():
        Company.objects.select_for_update().get(pk=order.company_id)
        locked = (
            Order.objects.select_for_update(no_key=True).select_related("terms").get(pk=order.pk)
        )
        decision = modification_decision(order=locked, today=localdate(now))
        if not decision.allowed:
            raise BusinessError("modification_refused", decision.reason, field="message")
        audit_record(
            obj=locked,
            actor=actor,
            field="modification_request",
            from_state=locked.status,
            to_state=locked.status,
            reason=message,
            at=now,
        )
        pending = (
            OrderRevision.objects.select_for_update()
            .filter(order=locked, applied_at__isnull=True, quote__status__in=PENDING)
            .first()
        )
        if pending is not None:
            pending.request = f"{pending.request}\n\n{message}".strip()
            pending.save(update_fields=["request"])
            return pending
        draft = quote_signed_revise(quote=locked.quote, user=user, specs=_order_specs(locked))
        return OrderRevision.objects.create(
            order=locked, quote=draft, request=message, created_at=now
        )


def order_revision_apply(*, quote: Quote, user, now: datetime) -> Order | None:
    """Make the order follow the version `quote` its customer just signed; None when
    `quote` modifies no order. Call inside `quote_sign`'s transaction (company and quote
    locked).

    Preconditions: the Terms still allow the modification (`modification_refused`: the
    signature is refused and nothing changes).
    Effects (locks: order, its lines, then the products of the old and new lines, in id
    order): the old lines' reservations released, the lines replaced by the signed
    version's with their reservations (what is short is backordered), the totals and
    the quote link updated; an order awaiting payment that its payments now cover is
    confirmed (a higher total is due as the rest of the payment); an audit row.
    """
    revision = (
        OrderRevision.objects.select_for_update()
        .filter(quote=quote, applied_at__isnull=True)
        .first()
    )
    if revision is None:
        return None
    actor = Actor.of_user(user)
    order = (
        Order.objects.select_for_update(no_key=True)
        .select_related("terms")
        .get(pk=revision.order_id)
    )
    decision = modification_decision(order=order, today=localdate(now))
    if not decision.allowed:
        raise BusinessError("modification_refused", decision.reason)
    old_lines = list(OrderLine.objects.select_for_update(no_key=True).filter(order=order))
    product_ids = {line.product_id for line in old_lines if line.product_id}
    product_ids |= set(quote.lines.filter(kind=LineKind.GOODS).values_list("product_id", flat=True))
    list(
        Product.objects.select_for_update(no_key=True)
        .filter(pk__in=product_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    stock_release(
        releases=[
            (line.product_id, line.quantity_reserved)
            for line in old_lines
            if line.product_id is not None and line.quantity_reserved
        ]
    )
    OrderLine.objects.filter(order=order).delete()
    backordered = order_lines_create(order=order, quote=quote)
    previous_ttc = order.total_ttc
    Order.objects.filter(pk=order.pk).update(
        quote=quote,
        vat_regime=quote.vat_regime,
        delivery_address=order_address_text(quote),
        goods_ht=quote.goods_ht,
        total_ht=quote.total_ht,
        total_vat=quote.total_vat,
        total_ttc=quote.total_ttc,
        vat_breakdown=quote_content(quote=quote)["totals"]["per_rate"],
    )
    order.refresh_from_db()
    audit_record(
        obj=order,
        actor=actor,
        field="modification",
        from_state=order.status,
        to_state=order.status,
        at=now,
        data={
            "quote": quote.reference,
            "total_ttc": str(order.total_ttc),
            "previous_total_ttc": str(previous_ttc),
            "backordered": backordered,
        },
    )
    paid = order_paid_amount(order=order)
    if order.status == OrderStatus.AWAITING_PAYMENT and paid and paid >= order.total_ttc:
        transition_apply(
            order, to=OrderStatus.CONFIRMED, actor=actor, reason="paid in full", at=now, locked=True
        )
    revision.applied_at = now
    revision.save(update_fields=["applied_at"])
    return order
