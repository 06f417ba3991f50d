from orders.models.complaints import Complaint, ComplaintKind, ComplaintPhoto, ComplaintStatus
from orders.models.invoices import FeeCause, OrderFeeInvoice, ShipmentInvoice
from orders.models.order_payments import OrderPayment
from orders.models.orders import (
    CancellationCause,
    HoldCode,
    Order,
    OrderLine,
    OrderStatus,
    PaymentTermKind,
)
from orders.models.pickups import PickupAppointment
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
from orders.models.replacements import Replacement, ReplacementStatus
from orders.models.revisions import OrderRevision
from orders.models.shipments import Shipment, ShipmentLine, ShipmentStatus

__all__ = [
    "ENTERED_KINDS",
    "ISSUED_STATUSES",
    "CancellationCause",
    "Complaint",
    "ComplaintKind",
    "ComplaintPhoto",
    "ComplaintStatus",
    "FeeCause",
    "HoldCode",
    "LineKind",
    "Order",
    "OrderFeeInvoice",
    "OrderLine",
    "OrderPayment",
    "OrderRevision",
    "OrderStatus",
    "PaymentTermKind",
    "PickupAppointment",
    "Quote",
    "QuoteLine",
    "QuoteRequestCompany",
    "QuoteSignature",
    "QuoteStatus",
    "Replacement",
    "ReplacementStatus",
    "Shipment",
    "ShipmentInvoice",
    "ShipmentLine",
    "ShipmentStatus",
    "SignatureMode",
]
