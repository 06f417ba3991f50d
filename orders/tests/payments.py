"""An order awaiting a card payment, and what the provider's notifications do to it."""

from __future__ import annotations

from billing.models import Payment
from billing.tests.webhooks import event_body, post_notification
from orders.models import Order
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
)


def card_order(*, method: str = "card", **company) -> tuple[Order, object]:
    """An order of 2 × 100,00 € HT at 20 % VAT signed with `method` (French seller and
    buyer): 200,00 HT + 10,00 shipping (from 152,00, below 457,00) = 210,00 HT, VAT
    42,00, 252,00 TTC."""
    company, signatory, *_ = company_with_people(**company)
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 2)])
    order = quote_sign(**sign_kwargs(quote, signatory, payment_method=method))
    return order, signatory


def notify(client, payment: Payment, type: str = "payment_intent.succeeded", **kw):
    amount_minor = kw.pop("amount_minor", int(payment.amount * 100))
    body = event_body(
        payment_id=payment.provider_payment_id, type=type, amount_minor=amount_minor, **kw
    )
    return post_notification(client, body)
