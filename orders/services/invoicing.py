"""What orders ask billing to invoice (docs/rules/order-lifecycle.md): the contents of a
shipment, and the fees the pinned Terms charge on an order (cancellation, unjustified
refusal of delivery). Billing issues the invoice (`billing.services.invoice_issue`);
orders keeps the link (`ShipmentInvoice`, `OrderFeeInvoice`): links live on the right,
and settles it from what the order's payments still hold.

Called inside the caller's transaction, so the invoice and the move it belongs to commit
or roll back together (the invoice number is given back on a rollback).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone, translation

from billing.models import Invoice, InvoiceKind, PaymentStatus
from billing.models import LineKind as InvoiceLineKind
from billing.services.allocations import payment_allocate, payment_unallocated
from billing.services.invoices import InvoiceLineInput, invoice_issue
from billing.services.lcr import lcr_draft_issue
from core.audit import Actor
from core.calendar import localdate
from orders.models import (
    FeeCause,
    LineKind,
    Order,
    OrderFeeInvoice,
    OrderLine,
    OrderPayment,
    Shipment,
    ShipmentInvoice,
)
from orders.selectors import delivery_address_of
from shop.models.terms_choices import PaymentMethod
from shop.services.tax import VatRegime

# How an order line is billed.
INVOICE_KINDS = {
    LineKind.GOODS: InvoiceLineKind.GOODS,
    LineKind.SPECIAL: InvoiceLineKind.GOODS,
    LineKind.SHIPPING: InvoiceLineKind.SHIPPING,
    LineKind.ECO_TAX: InvoiceLineKind.ECO_FEE,
    LineKind.PACKAGING: InvoiceLineKind.PACKAGING,
}
ZERO_RATE = Decimal("0.00")


def _input(line: OrderLine, quantity: int, serial_numbers=()) -> InvoiceLineInput:
    return InvoiceLineInput(
        reference=line.reference,
        designation=line.designation or str(line.get_kind_display()),
        quantity=quantity,
        unit_price_ht=line.unit_price_ht,
        vat_rate=line.vat_rate,
        kind=INVOICE_KINDS[LineKind(line.kind)],
        serial_numbers=tuple(serial_numbers),
    )


def _issue(
    *,
    order: Order,
    lines,
    kind: str,
    delivery_date: date | None,
    actor: Actor,
    payment_method: str = "",
) -> Invoice:
    return invoice_issue(
        company=order.company,
        terms=order.terms,
        lines=lines,
        order_reference=order.number,
        delivery_date=delivery_date,
        kind=kind,
        actor=actor,
        delivery_address=delivery_address_of(quote=order.quote),
        vat_regime=VatRegime.from_dict(order.vat_regime) if order.vat_regime else None,
        payment_method=payment_method,
    )


def shipment_invoice_issue(
    *, shipment: Shipment, delivery_date: date, actor: Actor
) -> Invoice | None:
    """The invoice of what `shipment` holds, at the order's agreed prices (the lines copied
    at signing), with the serial numbers the warehouse recorded. The order's shipping,
    eco-tax and packaging lines go with its first invoice. An order paid by LCR: the
    invoice is due on the Terms' LCR term and its draft is issued with it. Idempotent: a
    shipment already invoiced returns its invoice. A free replacement
    (`orders.services.replacements`) is never invoiced: None."""
    if shipment.free_of_charge:
        return None
    existing = ShipmentInvoice.objects.filter(shipment=shipment).select_related("invoice").first()
    if existing is not None:
        return existing.invoice
    order = shipment.order
    lines = [
        _input(shipped.order_line, shipped.quantity, shipped.serial_numbers)
        for shipped in shipment.lines.select_related("order_line").order_by(
            "order_line__position", "order_line_id"
        )
    ]
    if not ShipmentInvoice.objects.filter(shipment__order=order).exists():
        lines += [
            _input(line, line.quantity)
            for line in order.lines.filter(
                kind__in=(LineKind.SHIPPING, LineKind.ECO_TAX, LineKind.PACKAGING)
            ).order_by("position", "id")
            if line.unit_price_ht
        ]
    invoice = _issue(
        order=order,
        lines=lines,
        kind=InvoiceKind.GOODS_AND_SERVICES,
        delivery_date=delivery_date,
        actor=actor,
        payment_method=order.payment_method,
    )
    if order.payment_method == PaymentMethod.LCR:
        lcr_draft_issue(invoice=invoice, actor=actor)
    ShipmentInvoice.objects.create(shipment=shipment, invoice=invoice)
    _settle_from_order_payments(order=order, invoice=invoice, actor=actor)
    return invoice


def order_fee_invoice_issue(*, order: Order, cause: str, amount: Decimal, actor: Actor) -> Invoice:
    """The invoice of a fee of `amount` on `order` (an indemnity: no VAT), worded in French
    like every invoice, due from today."""
    with translation.override("fr"):
        designation = f"{FeeCause(cause).label} — {order.number}"
    invoice = _issue(
        order=order,
        lines=[
            InvoiceLineInput(
                reference=order.number,
                designation=designation,
                quantity=1,
                unit_price_ht=amount,
                vat_rate=ZERO_RATE,
                kind=InvoiceLineKind.FEE,
            )
        ],
        kind=InvoiceKind.FEE,
        delivery_date=localdate(timezone.now()),
        actor=actor,
    )
    OrderFeeInvoice.objects.create(order=order, cause=cause, invoice=invoice)
    _settle_from_order_payments(order=order, invoice=invoice, actor=actor)
    return invoice


def _settle_from_order_payments(*, order: Order, invoice: Invoice, actor: Actor) -> None:
    """What the order's payments still hold settles its new invoice (billing's
    `payment_allocate`, oldest payment first): a prepaid order's invoice is paid when
    issued, a fee is taken from a deposit (001 art. 4); the rest stays as the customer's
    credit."""
    links = (
        OrderPayment.objects.filter(order=order, payment__status=PaymentStatus.VALIDATED)
        .select_related("payment")
        .order_by("recorded_at", "pk")
    )
    for link in links:
        invoice.refresh_from_db(fields=["amount_paid"])
        amount = min(payment_unallocated(payment=link.payment), invoice.amount_due)
        if amount > 0:
            payment_allocate(payment=link.payment, invoice=invoice, amount=amount, actor=actor)
