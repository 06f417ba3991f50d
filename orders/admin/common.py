"""What the order screens share: the permission to issue, the status history, the
seller's country (for the VAT rates sales may choose)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from core.audit import audit_history
from shop.selectors import seller_get_current

ISSUE_PERMISSION = "orders.issue_quote"


def audit_list(obj) -> str:
    events = list(audit_history(obj))
    if not events:
        return "—"
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} — {} → {} — {}{}</li>",
            (
                (
                    timezone.localtime(event.created_at).strftime("%d/%m/%Y %H:%M"),
                    event.from_state or "∅",
                    event.to_state,
                    event.actor_user or event.actor_job,
                    f" — {event.reason}" if event.reason else "",
                )
                for event in events
            ),
        ),
    )


def seller_country() -> str:
    seller = seller_get_current()
    return seller.country if seller else "FR"
