"""What the order screens share: the permission to issue and the seller's country (for the
VAT rates sales may choose)."""

from __future__ import annotations

from shop.selectors import seller_get_current

ISSUE_PERMISSION = "orders.issue_quote"


def seller_country() -> str:
    seller = seller_get_current()
    return seller.country if seller else "FR"
