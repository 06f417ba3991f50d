"""Notices to the customer about a return, as outbox rows written in the business
transaction (core.outbox): an authorisation, a refusal, an expiry, goods that became the
seller's. The worker e-mails them (`returns.emails.return_notice_deliver`)."""

from __future__ import annotations

from core.outbox import Outgoing, outbox_write
from returns.models import ReturnRequest

TOPIC = "returns.notice"


def return_notice_write(*, request: ReturnRequest, kind: str) -> None:
    """Queue the notice `kind` of `request` (one per kind and request: the key is unique)."""
    outbox_write(
        messages=[
            Outgoing(
                topic=TOPIC,
                key=f"return-{request.pk}-{kind}",
                payload={"request": request.pk, "kind": kind},
            )
        ]
    )
