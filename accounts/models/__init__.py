from accounts.models.commercial import (
    CompanyCommercialSettings,
    FinancialReview,
    PaymentTerm,
    ReviewConclusion,
)
from accounts.models.company import (
    ADDRESS_COUNTRIES,
    Company,
    CompanyCountry,
    CompanyStatus,
    DeliveryAddress,
    Invitation,
    Membership,
    Role,
)
from accounts.models.kyc import (
    CURRENT_DOCUMENT_STATUSES,
    DocumentKind,
    DocumentStatus,
    KycDocument,
    KycSubmission,
    SubmissionStatus,
)
from accounts.models.user import User, UserManager

__all__ = [
    "ADDRESS_COUNTRIES",
    "CURRENT_DOCUMENT_STATUSES",
    "Company",
    "CompanyCommercialSettings",
    "CompanyCountry",
    "CompanyStatus",
    "DeliveryAddress",
    "DocumentKind",
    "DocumentStatus",
    "FinancialReview",
    "Invitation",
    "KycDocument",
    "KycSubmission",
    "Membership",
    "PaymentTerm",
    "ReviewConclusion",
    "Role",
    "SubmissionStatus",
    "User",
    "UserManager",
]
