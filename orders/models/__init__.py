from orders.models.orders import HoldCode, Order, OrderLine, OrderStatus, PaymentTermKind
from orders.models.quotes import (
    ENTERED_KINDS,
    ISSUED_STATUSES,
    LineKind,
    Quote,
    QuoteLine,
    QuoteSignature,
    QuoteStatus,
    SignatureMode,
)

__all__ = [
    "ENTERED_KINDS",
    "ISSUED_STATUSES",
    "HoldCode",
    "LineKind",
    "Order",
    "OrderLine",
    "OrderStatus",
    "PaymentTermKind",
    "Quote",
    "QuoteLine",
    "QuoteSignature",
    "QuoteStatus",
    "SignatureMode",
]
