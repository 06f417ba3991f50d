"""What orders does when an app on its left tells it something (connected in `ready()`)."""

from __future__ import annotations

from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_allowed
from orders.models import Order, OrderStatus
from orders.services.cancellations import order_cancel_by_staff
from orders.services.holds import company_orders_hold, company_orders_release
from orders.services.order_payments import order_payment_dispute_hold, order_payment_record
from orders.services.quote_requests import quote_request_record_company

PAYMENTS = Actor.of_job("billing.payment_provider")


def on_quote_request_submitted(sender, *, quote_request, user, **kwargs) -> None:
    """A buyer sent a cart to sales: record the company it is for, tell sales."""
    quote_request_record_company(quote_request=quote_request, user=user)


# --- payments (billing.signals) -----------------------------------------------------------


def _order_of(company_id: int, order_reference: str) -> Order | None:
    if not order_reference:
        return None
    return Order.objects.filter(company_id=company_id, number=order_reference).first()


def on_payment_validated(
    sender, *, company_id, order_reference, payment_id, amount, method, actor, **kwargs
) -> None:
    """A payment for an order was validated: count it, confirm the order when paid, in
    the name of whoever validated the payment (staff confirming a transfer, or the
    provider's job)."""
    order = _order_of(company_id, order_reference)
    if order is not None:
        order_payment_record(order=order, payment_id=payment_id, amount=amount, actor=actor)


def on_payment_disputed(sender, *, company_id, order_reference, payment_id, **kwargs) -> None:
    """An order's payment was disputed: the order stops (002 art. 16)."""
    order = _order_of(company_id, order_reference)
    if order is not None:
        order_payment_dispute_hold(order=order, payment_id=payment_id, actor=PAYMENTS)


# --- arrears (billing.signals) --------------------------------------------------------------

ARREARS = Actor.of_job("billing.arrears")


def on_company_arrears_changed(sender, *, company_id, suspended, **kwargs) -> None:
    """Deliveries of the company were suspended (its open orders go on hold) or resumed
    (orders held for the suspension are released)."""
    if suspended:
        company_orders_hold(company_id=company_id, actor=ARREARS)
    else:
        company_orders_release(company_id=company_id, actor=ARREARS)


def on_sale_terminated(
    sender, *, company_id, order_reference, invoice_number, user, reason, **kwargs
) -> int:
    """Staff terminated the sale of an unpaid invoice: its order is cancelled while it can
    still be (nothing shipped); the number cancelled (0 when it had gone)."""
    order = _order_of(company_id, order_reference)
    if order is None or not transition_allowed(Order, order.status, OrderStatus.CANCELLED):
        return 0
    try:
        order_cancel_by_staff(order=order, user=user, reason=reason)
    except BusinessError:  # shipped meanwhile: the goods are claimed back, not cancelled
        return 0
    return 1
