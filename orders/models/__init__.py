from orders.models.order_payments import OrderPayment
from orders.models.orders import HoldCode, Order, OrderLine, OrderStatus, PaymentTermKind
from orders.models.quote_requests import QuoteRequestCompany
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
    "OrderPayment",
    "OrderStatus",
    "PaymentTermKind",
    "Quote",
    "QuoteLine",
    "QuoteRequestCompany",
    "QuoteSignature",
    "QuoteStatus",
    "SignatureMode",
]
