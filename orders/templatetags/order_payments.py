"""The payment panel of the order page: what remains to pay and how."""

from __future__ import annotations

from django import template

from orders.models import Order, OrderStatus
from orders.selectors import order_card_payment_latest
from shop.models.terms_choices import PaymentMethod

register = template.Library()


@register.inclusion_tag("orders/includes/order_payment.html", takes_context=True)
def order_payment_panel(context, order: Order) -> dict:
    awaiting = order.status == OrderStatus.AWAITING_PAYMENT
    card = order.payment_method == PaymentMethod.CARD
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "order": order,
        "card_payable": awaiting and card,
        "card_payment": order_card_payment_latest(order=order) if card else None,
    }
