"""Billing's models, declared by area."""

from billing.models.payments import (
    Payment,
    PaymentStatus,
    ProviderEvent,
    ProviderEventOutcome,
    SandboxCheckout,
    SandboxCheckoutStatus,
)
from billing.models.rates import (  # noqa: F401
    BelgianCommercialRate,
    EcbRefinancingRate,
    FrenchLegalRate,
    HalfYear,
)

__all__ = [
    "Payment",
    "PaymentStatus",
    "ProviderEvent",
    "ProviderEventOutcome",
    "SandboxCheckout",
    "SandboxCheckoutStatus",
]
