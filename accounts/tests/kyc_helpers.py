"""Building a company's KYC file in tests."""

from datetime import date

from accounts.models import DocumentKind
from accounts.services import kyc_document_upload
from accounts.tests.factories import jpeg_upload, pdf_upload, png_upload

IBAN = "FR7630006000011234567890189"


def upload_all(company, user, *, kbis_issued: date, id_expires: date, now=None):
    """Upload the four documents; returns them by kind."""
    documents = {
        DocumentKind.KBIS: kyc_document_upload(
            company=company,
            kind=DocumentKind.KBIS,
            uploaded_file=pdf_upload("kbis.pdf"),
            user=user,
            issue_date=kbis_issued,
            now=now,
        ),
        DocumentKind.ID_FRONT: kyc_document_upload(
            company=company,
            kind=DocumentKind.ID_FRONT,
            uploaded_file=png_upload("recto.png"),
            user=user,
            expiry_date=id_expires,
            now=now,
        ),
        DocumentKind.ID_BACK: kyc_document_upload(
            company=company,
            kind=DocumentKind.ID_BACK,
            uploaded_file=jpeg_upload("verso.jpg"),
            user=user,
            expiry_date=id_expires,
            now=now,
        ),
        DocumentKind.BANK_DETAILS: kyc_document_upload(
            company=company,
            kind=DocumentKind.BANK_DETAILS,
            uploaded_file=pdf_upload("rib.pdf"),
            user=user,
            iban=IBAN,
            now=now,
        ),
    }
    return documents
