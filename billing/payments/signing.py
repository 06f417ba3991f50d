"""Webhook signatures the way Stripe signs them.

Header: `t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the endpoint secret>`
(several `v1` while a secret is being rolled). A signature is accepted only when one
`v1` matches, compared in constant time, and `t` is within the tolerance of now (300 s):
a captured notification cannot be replayed later, and its body cannot be altered.
"""

from __future__ import annotations

import hashlib
import hmac

from billing.payments.provider import NotificationRefused

TOLERANCE_SECONDS = 300


def signature_compute(*, secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def signature_header(*, secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature_compute(secret=secret, timestamp=timestamp, body=body)}"


def signature_verify(
    *, secret: str, header: str, body: bytes, now: int, tolerance: int = TOLERANCE_SECONDS
) -> None:
    """Raise NotificationRefused unless `header` signs `body` with `secret` within
    `tolerance` seconds of `now` (either side: a clock far ahead is no better)."""
    if not header:
        raise NotificationRefused("signature_missing")
    timestamp = None
    candidates: list[str] = []
    for item in header.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1":
            candidates.append(value)
    if timestamp is None or not candidates:
        raise NotificationRefused("signature_malformed")
    if abs(now - timestamp) > tolerance:
        raise NotificationRefused("timestamp_stale")
    expected = signature_compute(secret=secret, timestamp=timestamp, body=body)
    # Every candidate is compared (no early exit on the first match): constant time.
    matches = [
        hmac.compare_digest(expected.encode(), candidate.encode("utf-8", "surrogateescape"))
        for candidate in candidates
    ]
    if not any(matches):
        raise NotificationRefused("signature_mismatch")
