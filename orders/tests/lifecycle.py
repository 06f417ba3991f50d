"""Builders for the order lifecycle tests: a seller on one of the five presets, an order
signed under it at a given instant, staff of the warehouse and of sales, a delivered
shipment and a complaint on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import time_machine
from django.contrib.auth.models import Permission

from accounts.tests.factories import UserFactory
from core.audit import Actor
from core.transitions import transition_apply
from orders.models import ComplaintKind, Order, OrderStatus, ShipmentInvoice
from orders.services import quote_issue, quote_sign
from orders.services.complaints import complaint_record
from orders.services.lifecycle import order_prepare
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tests.factories import (
    company_with_people,
    draft_quote,
    grant_deferred_terms,
    paris,
    product,
    sign_kwargs,
)
from shop.presets import preset_get
from shop.tests.factories import SellerFactory, TermsFactory

PAYMENT = Actor.of_job("payment validated")


def preset_terms(code: str, **overrides):
    """Published terms of preset `code` (000 to 004), for a French or Belgian seller as
    the preset's seller is; in force since 2020. The test companies are French: metropolitan
    France is added to the delivery zones (a Belgian seller then invoices them under the
    intra-EU reverse charge, without VAT)."""
    preset = preset_get(code)
    seller = SellerFactory(belgian=True) if preset.seller["country"] == "BE" else SellerFactory()
    zones = preset.terms["delivery_zones"]
    values = {
        **preset.terms,
        "delivery_zones": zones if "fr_metro" in zones else [*zones, "fr_metro"],
        **overrides,
    }
    return TermsFactory(
        published=True,
        seller=seller,
        effective_date=preset.effective_date.replace(year=2020),
        **values,
    )


def signed_order(
    *,
    placed_at: datetime,
    lines=None,
    payment_method: str = "transfer",
    company=None,
    people=None,
    shipping_fee_ht: Decimal | None = Decimal("0.00"),
) -> Order:
    """An order formed by the signature of a quote issued one hour before `placed_at`:
    by default 2 × a 100.00 HT product at 20 % VAT (stock 10)."""
    if people is None:
        people = company_with_people() if company is None else None
    company, signatory = people[0], people[1]
    sales = UserFactory(is_staff=True)
    lines = lines or [(product(), 2)]
    quote = draft_quote(company=company, user=sales, lines=lines, shipping_fee_ht=shipping_fee_ht)
    quote = quote_issue(quote=quote, user=sales, now=placed_at - timedelta(hours=1))
    return quote_sign(**sign_kwargs(quote, signatory, payment_method=payment_method, now=placed_at))


def staff_in(*codenames: str):
    """A staff user holding the orders permissions `codenames` (no group needed)."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="orders", codename__in=codenames)
    )
    return user


def shipped_order(code: str, *, placed_at: datetime, shipped_on: date | None = None):
    """An order of 2 screens (100.00 HT, stock 3) under preset `code`, placed at
    `placed_at`, shipped on `shipped_on` (the day after) with their serial numbers SN-1 and
    SN-2, and delivered that day: the order, its line, the product, the warehouse user and
    the invoice (at shipping or at delivery, as the Terms say)."""
    shipped_on = shipped_on or (placed_at + timedelta(days=1)).date()
    preset_terms(code)
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    screen = product(reference="ECR-24", designation="Écran 24 pouces", stock_on_hand=3)
    order = signed_order(placed_at=placed_at, people=people, lines=[(screen, 2)])
    warehouse = staff_in("prepare_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = order.lines.get(reference="ECR-24")
    shipment = shipment_create(
        order=order,
        picks=[Pick(line.pk, 2, ("SN-1", "SN-2"))],
        carrier="DHL",
        shipped_on=shipped_on,
        user=warehouse,
    )
    shipment_deliver(shipment=shipment, delivered_on=shipped_on, user=warehouse)
    line.refresh_from_db()
    invoice = ShipmentInvoice.objects.get(shipment=shipment).invoice
    return order, line, screen, warehouse, invoice


def delivered_shipment(order, *, on: date):
    """Prepare, ship everything reserved and deliver `order` on `on` (staff of the
    warehouse), as of noon that day."""
    warehouse = staff_in("prepare_order")
    with time_machine.travel(paris(on.year, on.month, on.day, 12, 0), tick=False):
        if order.status == OrderStatus.AWAITING_PAYMENT:
            transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
        order_prepare(order=order, actor=Actor.of_user(warehouse))
        picks = [Pick(line.pk, line.quantity_to_ship) for line in order.lines.filter(kind="goods")]
        shipment = shipment_create(
            order=order, picks=picks, carrier="DHL", shipped_on=on, user=warehouse
        )
        return shipment_deliver(shipment=shipment, delivered_on=on, user=warehouse)


def complain(shipment, user, at):
    """A damaged screen reported by `user` at `at` on the first line of `shipment`."""
    line = shipment.lines.first()
    return complaint_record(
        shipment=shipment,
        order_line_id=line.order_line_id,
        kind=ComplaintKind.DAMAGED,
        quantity=1,
        description="Carton enfoncé, écran fissuré.",
        user=user,
        now=at,
    )
