"""What orders does when an app on its left tells it something (connected in `ready()`)."""

from __future__ import annotations

from orders.services.quote_requests import quote_request_record_company


def on_quote_request_submitted(sender, *, quote_request, user, **kwargs) -> None:
    """A buyer sent a cart to sales: record the company it is for, tell sales."""
    quote_request_record_company(quote_request=quote_request, user=user)
