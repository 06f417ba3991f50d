"""Writes of the billing app (see docs/architecture.md)."""

from billing.services.payments import (
    payment_card_checkout,
    payment_notice_apply,
    payment_refund,
)

__all__ = [
    "payment_card_checkout",
    "payment_notice_apply",
    "payment_refund",
]
