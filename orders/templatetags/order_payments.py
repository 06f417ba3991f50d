"""The payment panel of the order page (what remains to pay and how), and the transfer
instructions of the acknowledgement e-mail."""

from __future__ import annotations

from django import template

from billing.payments.transfer import transfer_instructions
from orders.models import Order, OrderStatus
from orders.selectors import (
    order_amount_due_to_confirm,
    order_card_payment_latest,
    order_transfer_instructions,
)
from shop.models.terms_choices import PaymentMethod

register = template.Library()


def _awaiting(order: Order, method: str) -> bool:
    return order.status == OrderStatus.AWAITING_PAYMENT and order.payment_method == method


@register.inclusion_tag("orders/includes/order_payment.html", takes_context=True)
def order_payment_panel(context, order: Order) -> dict:
    card = order.payment_method == PaymentMethod.CARD
    transfer = _awaiting(order, PaymentMethod.TRANSFER)
    awaiting = order.status == OrderStatus.AWAITING_PAYMENT
    return {
        "csrf_token": context.get("csrf_token"),
        "order": order,
        "due_now": order_amount_due_to_confirm(order=order) if awaiting else None,
        # The payment at order staff required: a deposit only where the Terms keep it on
        # cancellation (001 art. 4); otherwise a part payment (000: never a deposit).
        "payment_at_order": order.deposit_amount if awaiting else None,
        "deposit_kept": order.terms.deposit_kept_on_cancellation,
        "card_payable": _awaiting(order, PaymentMethod.CARD),
        "card_payment": order_card_payment_latest(order=order) if card else None,
        "transfer_awaited": transfer,
        "transfer": order_transfer_instructions(order=order) if transfer else None,
    }


@register.inclusion_tag("orders/emails/includes/transfer_instructions.txt")
def order_transfer_text(order: Order) -> dict:
    transfer = _awaiting(order, PaymentMethod.TRANSFER)
    return {"transfer": order_transfer_instructions(order=order) if transfer else None}


@register.inclusion_tag("pdf/transfer_instructions.html", takes_context=True)
def quote_transfer_block(context) -> dict:
    """On the quote PDF when transfer is offered: the account, the TTC total and the
    quote's number as reference (for a Belgian seller, its structured communication)."""
    offered = any(code == PaymentMethod.TRANSFER for code, _label in context["payment_methods"])
    return {
        "transfer": transfer_instructions(
            seller=context["seller"],
            amount=context["total_ttc"],
            document_number=context["quote"]["number"],
        )
        if offered
        else None
    }
