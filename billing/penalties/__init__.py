"""Late-payment penalties computed from the pinned Terms and the rate tables (pure, no database)."""

from billing.penalties.engine import (
    UNIT_DIVISOR,
    InterestState,
    InterestUnit,
    PenaltyAmounts,
    PenaltyResult,
    PenaltyRules,
    Settlement,
    annual_rate_for,
    penalties_compute,
)
from billing.penalties.rates import RateBook, RateMissing, RateTable, half_of

__all__ = [
    "UNIT_DIVISOR",
    "InterestState",
    "InterestUnit",
    "PenaltyAmounts",
    "PenaltyResult",
    "PenaltyRules",
    "RateBook",
    "RateMissing",
    "RateTable",
    "Settlement",
    "annual_rate_for",
    "half_of",
    "penalties_compute",
]
