"""What accounts holds on a person, for their download (core.personal_data)."""

from __future__ import annotations

from accounts.models import DeliveryAddress, KycDocument, Membership
from core.personal_data import personal_data_section


@personal_data_section(name="user", order=10)
def user_record(*, user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "phone": user.phone,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "email_verified_at": user.email_verified_at,
    }


@personal_data_section(name="membership", order=20)
def membership_record(*, user) -> dict | None:
    """The person's membership and the company data the portal already shows them; the
    KYC pieces only to an administrator (who sees them on the documents page), and no
    other user's data."""
    membership = Membership.objects.select_related("company").filter(user=user).first()
    if membership is None:
        return None
    company = membership.company
    data = {
        "roles": list(membership.roles),
        "is_active": membership.is_active,
        "created_at": membership.created_at,
        "company": {
            "legal_name": company.legal_name,
            "legal_form": company.legal_form,
            "country": company.country,
            "siren": company.siren,
            "siret": company.siret,
            "enterprise_number": company.enterprise_number,
            "vat_number": company.vat_number,
            "registration_number": company.registration_number,
            "billing_address": {
                "line1": company.billing_line1,
                "line2": company.billing_line2,
                "postal_code": company.billing_postal_code,
                "city": company.billing_city,
                "country": company.billing_country,
            },
            "delivery_addresses": list(
                DeliveryAddress.objects.filter(company=company)
                .order_by("pk")
                .values("label", "line1", "line2", "postal_code", "city", "country")
            ),
            "status": company.status,
        },
    }
    documents = KycDocument.objects.filter(company=company).select_related("stored")
    if not membership.is_administrator:
        documents = documents.filter(uploaded_by=user)
    data["kyc_documents"] = [
        {
            "kind": document.kind,
            "status": document.status,
            "file_name": document.stored.filename,
            "sha256": document.stored.sha256,
            "uploaded_at": document.uploaded_at,
            "issue_date": document.issue_date,
            "expiry_date": document.expiry_date,
            "iban": document.iban_masked,
            "erased_at": document.erased_at,
        }
        for document in documents.order_by("uploaded_at", "pk")
    ]
    return data
