"""Notifications as the sandbox provider sends them, signed or forged, for the tests."""

from __future__ import annotations

import json
import secrets
import time

from django.conf import settings
from django.urls import reverse

from billing.payments.sandbox import SIGNATURE_HEADER
from billing.payments.signing import signature_header

WEBHOOK = "/paiements/notifications/"


def event_body(
    *,
    payment_id: str,
    type: str = "payment_intent.succeeded",
    amount_minor: int = 123456,
    currency: str = "eur",
    event_id: str | None = None,
) -> bytes:
    event = {
        "id": event_id or "evt_test_" + secrets.token_hex(6),
        "type": type,
        "created": int(time.time()),
        "data": {"object": {"id": payment_id, "amount": amount_minor, "currency": currency}},
    }
    return json.dumps(event).encode()


def post_notification(
    client, body: bytes, *, timestamp: int | None = None, secret=None, header=None
):
    assert reverse("billing:payment_webhook") == WEBHOOK
    if header is None:
        header = signature_header(
            secret=secret or settings.PAYMENT_WEBHOOK_SECRET,
            timestamp=int(time.time()) if timestamp is None else timestamp,
            body=body,
        )
    return client.post(
        WEBHOOK,
        data=body,
        content_type="application/json",
        headers={SIGNATURE_HEADER: header},
    )
