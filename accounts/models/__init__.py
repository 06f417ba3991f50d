from accounts.models.commercial import (
    CompanyCommercialSettings,
    FinancialReview,
    PaymentTerm,
    ReviewConclusion,
)
from accounts.models.company import (
    ADDRESS_COUNTRIES,
    COMPANY_IDENTITY_FIELDS,
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
from accounts.models.vat_check import VatCheck, VatCheckResult

__all__ = [
    "ADDRESS_COUNTRIES",
    "COMPANY_IDENTITY_FIELDS",
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
    "VatCheck",
    "VatCheckResult",
]
