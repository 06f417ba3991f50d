"""Writes of the orders app (see docs/architecture.md)."""

from orders.services.expiry import quote_renew_request, run_expire_quotes
from orders.services.orders import order_create_from_quote, order_payment_gate
from orders.services.quotes import (
    LineSpec,
    quote_create,
    quote_create_from_request,
    quote_draft_cancel,
    quote_draft_lines_set,
    quote_draft_reprice,
    quote_draft_update,
    quote_issue,
    quote_issue_preview,
    quote_line_check,
    quote_revise,
)
from orders.services.signing import quote_sign

__all__ = [
    "LineSpec",
    "order_create_from_quote",
    "order_payment_gate",
    "quote_create",
    "quote_create_from_request",
    "quote_draft_cancel",
    "quote_draft_lines_set",
    "quote_draft_reprice",
    "quote_draft_update",
    "quote_issue",
    "quote_issue_preview",
    "quote_line_check",
    "quote_renew_request",
    "quote_revise",
    "quote_sign",
    "run_expire_quotes",
]
