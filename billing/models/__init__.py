"""Billing's models, declared by area."""

from billing.models.arrears import CompanyArrears, InvoicePenalty
from billing.models.credit_notes import (
    CreditNote,
    CreditNoteCause,
    CreditNoteLine,
    CreditNoteStatus,
)
from billing.models.documents import DocumentFrozen, LineKind
from billing.models.dunning import DunningKind, DunningNotice, DunningStep
from billing.models.exports import AccountingExport, ExportStatus
from billing.models.instalments import Instalment, InstalmentPlan, PlanStatus
from billing.models.invoices import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceSettlement,
    InvoiceStatus,
    SettlementSource,
)
from billing.models.lcr import IncidentKind, LcrDraft, LcrStatus, PaymentIncident
from billing.models.opening_balances import OpeningPayment
from billing.models.payments import (
    Payment,
    PaymentAllocation,
    PaymentRefund,
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
from billing.models.statements import (
    BankStatement,
    BankStatementLine,
    LineStatus,
    MatchKind,
    StatementFormat,
)

__all__ = [
    "AccountingExport",
    "BankStatement",
    "BankStatementLine",
    "BelgianCommercialRate",
    "CompanyArrears",
    "CreditNote",
    "CreditNoteCause",
    "CreditNoteLine",
    "CreditNoteStatus",
    "DocumentFrozen",
    "DunningKind",
    "DunningNotice",
    "DunningStep",
    "EcbRefinancingRate",
    "ExportStatus",
    "FrenchLegalRate",
    "HalfYear",
    "IncidentKind",
    "Instalment",
    "InstalmentPlan",
    "Invoice",
    "InvoiceKind",
    "InvoiceLine",
    "InvoicePenalty",
    "InvoiceSettlement",
    "InvoiceStatus",
    "LcrDraft",
    "LcrStatus",
    "LineKind",
    "LineStatus",
    "MatchKind",
    "OpeningPayment",
    "Payment",
    "PaymentAllocation",
    "PaymentIncident",
    "PaymentRefund",
    "PaymentStatus",
    "PlanStatus",
    "ProviderEvent",
    "ProviderEventOutcome",
    "SandboxCheckout",
    "SandboxCheckoutStatus",
    "SettlementSource",
    "StatementFormat",
]
