from billing.models.rates import (  # noqa: F401
    BelgianCommercialRate,
    EcbRefinancingRate,
    FrenchLegalRate,
    HalfYear,
)
