"""Factories and sample files for the accounts tests.

Identifiers (checked by hand, see test_identifiers.py):
SIREN 303265045, SIRET 30326504500011, VAT FR40303265045 (stdnum's documented example);
SIREN 732829320 whose VAT is FR44732829320; Belgian enterprise number 0403019261.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pypdf import PdfWriter

from accounts.models import (
    Company,
    CompanyCommercialSettings,
    CompanyCountry,
    CompanyStatus,
    DeliveryAddress,
    Membership,
    Role,
    User,
)

PASSWORD = "Correct-Horse-42"


def luhn_complete(digits: str) -> str:
    total = 0
    for position, char in enumerate(reversed(digits + "0")):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return digits + str((10 - total % 10) % 10)


def belgian_number(base: int) -> str:
    body = f"0{base:07d}"
    return f"{body}{97 - int(body) % 97:02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    phone = "+33 6 12 34 56 78"
    email_verified_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", PASSWORD)
        return model_class.objects.create_user(*args, password=password, **kwargs)


class CompanyFactory(factory.django.DjangoModelFactory):
    """A French SAS in draft, with unique valid identifiers per instance."""

    class Meta:
        model = Company
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"ENTREPRISE {n}")
    legal_form = "SAS"
    country = CompanyCountry.FRANCE
    siren = factory.Sequence(lambda n: luhn_complete(f"5{n:07d}"))
    siret = factory.LazyAttribute(lambda o: luhn_complete(o.siren + "0001"))
    vat_number = factory.LazyAttribute(
        lambda o: f"FR{(12 + 3 * (int(o.siren) % 97)) % 97:02d}{o.siren}"
    )
    billing_line1 = "10 rue de la Paix"
    billing_postal_code = "75002"
    billing_city = "Paris"
    billing_country = "FR"
    status = CompanyStatus.DRAFT

    class Params:
        approved = factory.Trait(status=CompanyStatus.APPROVED, approved_on=date(2026, 1, 15))

    @factory.post_generation
    def with_settings(obj, create, extracted, **kwargs):
        if create:
            CompanyCommercialSettings.objects.get_or_create(company=obj)
            DeliveryAddress.objects.create(
                company=obj,
                line1="1 quai de Jemmapes",
                postal_code="75010",
                city="Paris",
                country="FR",
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    company = factory.SubFactory(CompanyFactory)
    roles = factory.LazyFunction(lambda: list(Role.values))


def admin_of(company: Company, **user_fields) -> User:
    return MembershipFactory(company=company, user=UserFactory(**user_fields)).user


# --- sample files ---------------------------------------------------------------------------


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_bytes(fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("page1.pdf", pdf_bytes())
        archive.writestr("page2.pdf", pdf_bytes())
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf_upload(name: str = "kbis.pdf", pages: int = 1):
    return upload(name, pdf_bytes(pages), "application/pdf")


def png_upload(name: str = "recto.png"):
    return upload(name, image_bytes("PNG"), "image/png")


def jpeg_upload(name: str = "verso.jpg"):
    return upload(name, image_bytes("JPEG"), "image/jpeg")


HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
