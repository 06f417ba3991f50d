"""The sandbox payment provider, served by the shop itself so the whole card flow runs
offline: a hosted payment page with test cards, a 3-D Secure challenge page, and signed
notifications (Stripe's scheme, `billing.payments.signing`) posted to the shop's webhook
from the outbox worker, retried with back-off until the shop acknowledges them (2xx).

Test cards (any future expiry, any 3-digit code):

| card number          | outcome                                        |
|----------------------|------------------------------------------------|
| 4242 4242 4242 4242  | accepted                                       |
| 4000 0027 6000 3184  | 3-D Secure challenge, then accepted or refused |
| 4000 0000 0000 0002  | refused by the bank                            |
| 4000 0000 0000 0259  | accepted, then disputed (chargeback)           |

It is refused at start-up outside demo mode unless `PAYMENT_SANDBOX_ALLOWED`
(`billing.payments.provider.payment_provider_check`).
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal

import requests
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from billing.models import SandboxCheckout, SandboxCheckoutStatus
from billing.payments.provider import Checkout, Notice, NoticeKind, NotificationRefused
from billing.payments.signing import signature_header, signature_verify
from core.audit import Actor
from core.errors import BusinessError
from core.links import site_url
from core.outbox import Outgoing, outbox_write
from core.transitions import transition_apply

NAME = "sandbox"
SIGNATURE_HEADER = "Sandbox-Signature"
WEBHOOK_TOPIC = "billing.sandbox_webhook"
SANDBOX_ACTOR = Actor.of_job("billing.payment_sandbox")

CARD_SUCCESS = "4242424242424242"
CARD_CHALLENGE = "4000002760003184"
CARD_DECLINED = "4000000000000002"
CARD_DISPUTED = "4000000000000259"
TEST_CARDS = (CARD_SUCCESS, CARD_CHALLENGE, CARD_DECLINED, CARD_DISPUTED)

DECLINE_MESSAGE = "Your card was declined."

# Stripe's event types, as a real provider would send them.
EVENT_KINDS = {
    "payment_intent.processing": NoticeKind.PENDING,
    "payment_intent.succeeded": NoticeKind.SUCCEEDED,
    "payment_intent.payment_failed": NoticeKind.FAILED,
    "payment_intent.canceled": NoticeKind.CANCELED,
    "charge.dispute.created": NoticeKind.DISPUTED,
    "charge.refunded": NoticeKind.REFUNDED,
}


class SandboxProvider:
    name = NAME

    def checkout_create(
        self, *, amount: Decimal, currency: str, description: str, metadata: dict, return_url: str
    ) -> Checkout:
        checkout = SandboxCheckout.objects.create(
            token="pi_sbx_" + secrets.token_hex(12),
            amount=amount,
            currency=currency,
            description=description[:255],
            metadata=metadata,
            return_url=return_url,
        )
        _events_send(checkout, ["payment_intent.processing"])
        url = reverse("billing:sandbox_checkout", kwargs={"token": checkout.token})
        return Checkout(provider_payment_id=checkout.token, redirect_url=url)

    def notification_verify(
        self, *, body: bytes, headers: Mapping[str, str], now: datetime
    ) -> Notice:
        signature_verify(
            secret=settings.PAYMENT_WEBHOOK_SECRET,
            header=headers.get(SIGNATURE_HEADER, ""),
            body=body,
            now=int(now.timestamp()),
        )
        try:
            event = json.loads(body)
            obj = event["data"]["object"]
            return Notice(
                event_id=str(event["id"]),
                type=str(event["type"]),
                kind=EVENT_KINDS.get(event["type"], NoticeKind.OTHER),
                provider_payment_id=str(obj["id"]),
                amount=Decimal(obj["amount"]) / 100,
                currency=str(obj["currency"]).upper(),
                payload=event,
                failure_message=str(obj.get("failure_message") or ""),
            )
        except (ValueError, KeyError, TypeError, ArithmeticError) as error:
            raise NotificationRefused("body_unreadable") from error

    def refund_create(self, *, provider_payment_id: str, amount: Decimal, currency: str) -> str:
        checkout = SandboxCheckout.objects.get(token=provider_payment_id)
        refund_id = "re_sbx_" + secrets.token_hex(8)
        with transaction.atomic():
            _events_send(checkout, ["charge.refunded"], amount=amount)
        return refund_id


def _event(checkout: SandboxCheckout, event_type: str, *, amount: Decimal | None = None) -> dict:
    obj = {
        "id": checkout.token,
        "object": "payment_intent",
        # Minor units, as providers send them: 1 234,56 € is 123456.
        "amount": int((amount if amount is not None else checkout.amount) * 100),
        "currency": checkout.currency.lower(),
        "metadata": checkout.metadata,
    }
    if event_type == "payment_intent.payment_failed":
        obj["failure_message"] = DECLINE_MESSAGE
    return {
        "id": "evt_sbx_" + secrets.token_hex(12),
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def _events_send(
    checkout: SandboxCheckout, types: list[str], *, amount: Decimal | None = None
) -> None:
    """Queue the notifications (outbox rows of this transaction), in the order given:
    the worker may still deliver them in any order, as a real provider does."""
    events = [_event(checkout, t, amount=amount) for t in types]
    outbox_write(
        messages=[
            Outgoing(topic=WEBHOOK_TOPIC, key=event["id"], payload={"body": json.dumps(event)})
            for event in events
        ]
    )


def sandbox_webhook_send(*, payload: dict) -> None:
    """Outbox handler: post one notification, signed now; raise unless acknowledged
    (the outbox task then retries with back-off, the resend job later)."""
    body = payload["body"].encode("utf-8")
    header = signature_header(
        secret=settings.PAYMENT_WEBHOOK_SECRET, timestamp=int(time.time()), body=body
    )
    url = settings.PAYMENT_SANDBOX_WEBHOOK_URL or site_url(reverse("billing:payment_webhook"))
    response = requests.post(
        url,
        data=body,
        headers={"Content-Type": "application/json", SIGNATURE_HEADER: header},
        timeout=10,
    )
    response.raise_for_status()


# --- the hosted payment page -----------------------------------------------------------


def _luhn_valid(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0


def sandbox_checkout_get(*, token: str) -> SandboxCheckout | None:
    return SandboxCheckout.objects.filter(token=token).first()


def _locked_open(token: str, *states: str) -> SandboxCheckout:
    checkout = SandboxCheckout.objects.select_for_update(no_key=True).filter(token=token).first()
    if checkout is None or checkout.status not in states:
        raise BusinessError(
            "checkout_closed", _("Ce paiement est déjà terminé ; revenez à la boutique.")
        )
    return checkout


def _finish(checkout: SandboxCheckout, status: str, events: list[str]) -> SandboxCheckout:
    transition_apply(
        checkout,
        to=status,
        actor=SANDBOX_ACTOR,
        changes={"card_last4": checkout.card_last4},
        locked=True,
    )
    _events_send(checkout, events)
    return checkout


def sandbox_checkout_pay(*, token: str, card_number: str) -> SandboxCheckout:
    """The buyer submits a test card. Effects: accepted, refused or challenged (3-D
    Secure), with the notifications queued. Errors: BusinessError `card_invalid` for a
    number that fails the Luhn check, `checkout_closed` for a finished payment."""
    number = "".join(card_number.split())
    if not (number.isdigit() and 12 <= len(number) <= 19 and _luhn_valid(number)):
        raise BusinessError("card_invalid", _("Numéro de carte invalide."), field="card_number")
    with transaction.atomic():
        checkout = _locked_open(token, SandboxCheckoutStatus.OPEN)
        checkout.card_last4 = number[-4:]
        if number == CARD_CHALLENGE:
            return transition_apply(
                checkout,
                to=SandboxCheckoutStatus.CHALLENGE,
                actor=SANDBOX_ACTOR,
                changes={"card_last4": checkout.card_last4},
                locked=True,
            )
        if number == CARD_SUCCESS:
            return _finish(checkout, SandboxCheckoutStatus.SUCCEEDED, ["payment_intent.succeeded"])
        if number == CARD_DISPUTED:
            return _finish(
                checkout,
                SandboxCheckoutStatus.SUCCEEDED,
                ["payment_intent.succeeded", "charge.dispute.created"],
            )
        return _finish(checkout, SandboxCheckoutStatus.DECLINED, ["payment_intent.payment_failed"])


def sandbox_challenge_answer(*, token: str, approve: bool) -> SandboxCheckout:
    """The buyer answers the 3-D Secure challenge: approved is paid, else refused."""
    with transaction.atomic():
        checkout = _locked_open(token, SandboxCheckoutStatus.CHALLENGE)
        if approve:
            return _finish(checkout, SandboxCheckoutStatus.SUCCEEDED, ["payment_intent.succeeded"])
        return _finish(checkout, SandboxCheckoutStatus.DECLINED, ["payment_intent.payment_failed"])


def sandbox_checkout_abandon(*, token: str) -> SandboxCheckout:
    """The buyer leaves the payment page: the payment is cancelled."""
    with transaction.atomic():
        checkout = _locked_open(token, SandboxCheckoutStatus.OPEN, SandboxCheckoutStatus.CHALLENGE)
        return _finish(checkout, SandboxCheckoutStatus.ABANDONED, ["payment_intent.canceled"])
