"""Billing's models, declared by area."""

from billing.models.credit_notes import (
    CreditNote,
    CreditNoteCause,
    CreditNoteLine,
    CreditNoteStatus,
)
from billing.models.documents import DocumentFrozen, LineKind
from billing.models.invoices import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceSettlement,
    InvoiceStatus,
    SettlementSource,
)
from billing.models.payments import (
    Payment,
    PaymentStatus,
    ProviderEvent,
    ProviderEventOutcome,
    SandboxCheckout,
    SandboxCheckoutStatus,
)
from billing.models.rates import (
    BelgianCommercialRate,
    EcbRefinancingRate,
    FrenchLegalRate,
    HalfYear,
)

__all__ = [
    "BelgianCommercialRate",
    "CreditNote",
    "CreditNoteCause",
    "CreditNoteLine",
    "CreditNoteStatus",
    "DocumentFrozen",
    "EcbRefinancingRate",
    "FrenchLegalRate",
    "HalfYear",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceSettlement",
    "InvoiceStatus",
    "LineKind",
    "Payment",
    "PaymentStatus",
    "ProviderEvent",
    "ProviderEventOutcome",
    "SandboxCheckout",
    "SandboxCheckoutStatus",
    "SettlementSource",
]
