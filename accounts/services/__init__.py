"""Every write of the accounts app. Import services from here."""

from accounts.services.commercial import (
    commercial_settings_check,
    commercial_settings_update,
    financial_review_record,
)
from accounts.services.company_data import (
    company_identity_correct,
    company_identity_correction_check,
    company_language_set,
    delivery_address_save,
)
from accounts.services.dormancy import company_record_order, run_mark_dormant
from accounts.services.kyc import (
    kyc_application_approve,
    kyc_application_reject,
    kyc_document_approve,
    kyc_document_reject,
    kyc_document_upload,
    kyc_submit,
)
from accounts.services.signup import (
    Address,
    CompanyIdentity,
    Person,
    company_identity_check,
    company_sign_up,
    email_verification_send,
    user_verify_email,
)
from accounts.services.staff import KYC_GROUP, kyc_review_group_ensure
from accounts.services.users import (
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_revoke,
    membership_set_active,
    membership_update_roles,
)
from accounts.services.vat_checks import vat_check_deliver, vat_check_record

__all__ = [
    "KYC_GROUP",
    "Address",
    "CompanyIdentity",
    "Person",
    "commercial_settings_check",
    "commercial_settings_update",
    "company_identity_check",
    "company_identity_correct",
    "company_identity_correction_check",
    "company_language_set",
    "company_record_order",
    "company_sign_up",
    "delivery_address_save",
    "email_verification_send",
    "financial_review_record",
    "invitation_accept",
    "invitation_check",
    "invitation_create",
    "invitation_revoke",
    "kyc_application_approve",
    "kyc_application_reject",
    "kyc_document_approve",
    "kyc_document_reject",
    "kyc_document_upload",
    "kyc_review_group_ensure",
    "kyc_submit",
    "membership_set_active",
    "membership_update_roles",
    "run_mark_dormant",
    "user_verify_email",
    "vat_check_deliver",
    "vat_check_record",
]
