"""The payment provider interface, and the provider chosen by settings.

`settings.PAYMENT_PROVIDER` names a class implementing `PaymentProvider`; the default is
the sandbox the shop serves itself (`billing.payments.sandbox.SandboxProvider`). A real
provider plugs in by writing one such adapter: it opens a hosted payment page, verifies
its own notifications and maps them to `Notice`s, and refunds. Billing's services never
talk to a provider in any other way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

SANDBOX = "billing.payments.sandbox.SandboxProvider"


class NoticeKind(StrEnum):
    """What a provider's notification says about a payment, whatever its own words."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELED = "canceled"
    DISPUTED = "disputed"
    REFUNDED = "refunded"
    OTHER = "other"


@dataclass(frozen=True)
class Checkout:
    """A hosted payment page opened at the provider for one payment."""

    provider_payment_id: str
    redirect_url: str


@dataclass(frozen=True)
class Notice:
    """A verified notification: one event of the provider about one of its payments."""

    event_id: str
    type: str
    kind: NoticeKind
    provider_payment_id: str
    amount: Decimal
    currency: str
    payload: dict = field(default_factory=dict)
    failure_message: str = ""


class NotificationRefused(Exception):
    """A notification that is not proven to come from the provider (answered 400)."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


class PaymentProvider(Protocol):
    name: str

    def checkout_create(
        self,
        *,
        amount: Decimal,
        currency: str,
        description: str,
        metadata: dict,
        return_url: str,
    ) -> Checkout:
        """Open a hosted payment page; the buyer is redirected to `redirect_url`."""
        ...

    def notification_verify(
        self, *, body: bytes, headers: Mapping[str, str], now: datetime
    ) -> Notice:
        """The notification in `body`, or NotificationRefused when its signature is wrong
        or stale or the body unreadable."""
        ...

    def refund_create(self, *, provider_payment_id: str, amount: Decimal, currency: str) -> str:
        """Ask the provider to refund `amount`; returns the provider's refund id."""
        ...


def payment_provider() -> PaymentProvider:
    """The provider configured in `settings.PAYMENT_PROVIDER`."""
    return import_string(settings.PAYMENT_PROVIDER)()


def payment_provider_check() -> None:
    """Refuse to start with the sandbox outside demo mode unless explicitly allowed (a
    shop in production must not take "payments" that no bank will ever credit), or
    without the secret that proves the provider's notifications."""
    if not settings.PAYMENT_WEBHOOK_SECRET:
        raise ImproperlyConfigured("PAYMENT_WEBHOOK_SECRET is required.")
    if (
        settings.PAYMENT_PROVIDER == SANDBOX
        and not settings.DEMO_MODE
        and not settings.PAYMENT_SANDBOX_ALLOWED
    ):
        raise ImproperlyConfigured(
            "PAYMENT_PROVIDER is the sandbox in a production configuration: set "
            "PAYMENT_PROVIDER to a real provider's adapter, or PAYMENT_SANDBOX_ALLOWED=1 "
            "for a staging server."
        )
