"""The canonical content of an issued quote: what the customer signs, byte for byte.

`canonical_dumps` gives one and only one text for a given content: keys sorted, no
insignificant white space, UTF-8 without escapes, amounts as strings with their two
decimals (never floats). Its SHA-256 is the quote's `content_sha256`; the issued PDF, the
signing page and the signed PDF are all rendered from this same JSON, so what is shown,
what is printed and what is hashed cannot drift apart.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

CONTENT_FORMAT = 1


def money_text(amount: Decimal | None) -> str | None:
    """An amount as its plain decimal text ("1234.50"); None stays None."""
    if amount is None:
        return None
    if not isinstance(amount, Decimal):
        raise TypeError(f"Amounts in a quote's content are Decimals, not {type(amount).__name__}.")
    return f"{amount:f}"


def instant_text(moment: datetime) -> str:
    """An aware instant in UTC, ISO 8601 with seconds ("2026-03-13T23:00:00+00:00")."""
    if moment.tzinfo is None:
        raise ValueError("Naive datetime in a quote's content.")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def canonical_dumps(content: dict) -> str:
    """The one text of `content`: sorted keys, compact separators, no ASCII escaping.

    Refuses floats (TypeError): a float in a contract is a bug, not a rounding.
    """
    _no_floats(content)
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_sha256(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 bytes of a canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _no_floats(value) -> None:
    if isinstance(value, float):
        raise TypeError("Floats are not allowed in a quote's content.")
    if isinstance(value, dict):
        for item in value.values():
            _no_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _no_floats(item)
