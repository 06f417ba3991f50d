"""A demo customer company, opened and approved through the real KYC services."""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from accounts.models import Membership
from accounts.services.kyc import (
    kyc_application_approve,
    kyc_document_approve,
    kyc_submit,
)
from accounts.services.kyc import kyc_document_upload as upload
from accounts.services.signup import Address, CompanyIdentity, Person, company_sign_up
from core.calendar import localdate
from core.documents import pdf_render

DEMO_CUSTOMER_EMAIL = "client@demo.example"
DEMO_CUSTOMER_PASSWORD = "demo-client-2026"
DEMO_SIREN = "812345676"  # fictitious; Luhn check digit 6
DEMO_IBAN = "FR7630006000011234567890189"


def demo_customer_load(*, staff) -> Membership:
    """The approved company "Atelier Démo" and its administrator (every role). Idempotent."""
    existing = Membership.objects.filter(user__email=DEMO_CUSTOMER_EMAIL).first()
    if existing is not None:
        return existing
    now = timezone.now()
    vat_key = (12 + 3 * (int(DEMO_SIREN) % 97)) % 97
    membership = company_sign_up(
        identity=CompanyIdentity(
            legal_name="ATELIER DÉMO",
            legal_form="SARL",
            country="FR",
            siren=DEMO_SIREN,
            siret=f"{DEMO_SIREN}00017",  # establishment 0001, Luhn check digit 7
            vat_number=f"FR{vat_key:02d}{DEMO_SIREN}",
        ),
        billing=Address(
            line1="12 rue des Artisans", postal_code="69002", city="Lyon", country="FR"
        ),
        deliveries=[
            Address(
                line1="Zone d'activité du Parc, bâtiment B",
                postal_code="69800",
                city="Saint-Priest",
                country="FR",
                label="Entrepôt",
            )
        ],
        person=Person(
            first_name="Camille",
            last_name="Martin",
            email=DEMO_CUSTOMER_EMAIL,
            phone="+33 4 72 00 00 00",
            password=DEMO_CUSTOMER_PASSWORD,
        ),
        now=now,
    )
    user, company = membership.user, membership.company
    user.email_verified_at = now
    user.save(update_fields=["email_verified_at"])
    today = localdate(now)
    upload(
        company=company,
        kind="kbis",
        user=user,
        now=now,
        uploaded_file=_pdf("kbis.pdf", "Extrait Kbis — ATELIER DÉMO (démonstration)"),
        issue_date=today - timedelta(days=10),
    )
    upload(
        company=company,
        kind="id_front",
        user=user,
        now=now,
        uploaded_file=_png("recto.png", "RECTO"),
        expiry_date=today + timedelta(days=900),
    )
    upload(
        company=company,
        kind="id_back",
        user=user,
        now=now,
        uploaded_file=_png("verso.png", "VERSO"),
        expiry_date=today + timedelta(days=900),
    )
    upload(
        company=company,
        kind="bank_details",
        user=user,
        now=now,
        iban=DEMO_IBAN,
        uploaded_file=_pdf("rib.pdf", f"Relevé d'identité bancaire — {DEMO_IBAN}"),
    )
    submission = kyc_submit(company=company, user=user, now=now)
    for document in submission.documents.all():
        kyc_document_approve(document=document, user=staff, now=now)
    kyc_application_approve(submission=submission, user=staff, now=now)
    return membership


def _pdf(name: str, title: str) -> SimpleUploadedFile:
    content = pdf_render(template_name="demo/sample_document.html", context={"title": title})
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _png(name: str, label: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (420, 260), (235, 240, 245))
    ImageDraw.Draw(image).text(
        (20, 20), f"Pièce d'identité — {label} (démonstration)", fill=(20, 30, 60)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")
