"""Builders for the orders tests: a seller with published terms, an approved company with
its people, products, draft and issued quotes, signature images.

Instants are given explicitly (`now=`) so that validity ends and the order gate do not
depend on the day the tests run.
"""

from __future__ import annotations

import base64
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from PIL import Image, ImageDraw

from accounts.models import CompanyCommercialSettings, CompanyStatus, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from orders.models import QuoteRequestCompany
from orders.services import LineSpec, quote_create, quote_issue
from shop.models import QuoteRequest, QuoteRequestLine
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday, no public holiday around: the reference instant of most tests.
NOW = datetime(2026, 3, 10, 14, 0, tzinfo=PARIS)


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def terms_004(**overrides):
    """Published terms of the 004 kind (shipping thresholds 152 / 457), quote validity 15
    days by default; the seller is created with them."""
    return thresholds_terms(**overrides)


def company_with_people(
    *, approved_on: date = date(2026, 1, 15), settings: dict | None = None, **kw
):
    """An approved company (dormancy date a year after `approved_on`) with a signatory, a
    buyer-only user and an administrator-only user."""
    company = CompanyFactory(status=CompanyStatus.APPROVED, approved_on=approved_on, **kw)
    if settings:
        CompanyCommercialSettings.objects.filter(company=company).update(**settings)
    signatory = MembershipFactory(
        company=company,
        user=UserFactory(first_name="Sandrine", last_name="Signe"),
        roles=[Role.SIGNATORY],
    ).user
    buyer = MembershipFactory(company=company, roles=[Role.BUYER]).user
    admin = MembershipFactory(company=company, roles=[Role.ADMINISTRATOR]).user
    return company, signatory, buyer, admin


def sales_user():
    return UserFactory(is_staff=True, email_verified_at=None)


def product(**kw):
    values = {"price_ht": Decimal("100.00"), "vat_rate": Decimal("20.00"), "stock_on_hand": 10}
    values.update(kw)
    return ProductFactory(**values)


def draft_quote(*, company, user, lines, **kw):
    specs = [
        spec if isinstance(spec, LineSpec) else LineSpec(quantity=spec[1], product=spec[0])
        for spec in lines
    ]
    return quote_create(company=company, user=user, lines=specs, **kw)


def issued_quote(*, company, user, lines, now: datetime = NOW, **kw):
    quote = draft_quote(company=company, user=user, lines=lines, **kw)
    return quote_issue(quote=quote, user=user, now=now)


def company_quote_request(*, company, buyer, product, quantity: int, message: str = ""):
    """A buyer's request for `quantity` units of `product` at 76.00 HT, recorded for
    `company` as shop's signal does when the request is made."""
    unit = Decimal("76.00")
    request = QuoteRequest.objects.create(user=buyer, message=message, total_ht=unit * quantity)
    QuoteRequestCompany.objects.create(quote_request=request, company=company)
    QuoteRequestLine.objects.create(
        request=request,
        product=product,
        reference=product.reference,
        designation=product.designation,
        quantity=quantity,
        unit_price_ht=unit,
        vat_rate=Decimal("20.00"),
        line_total_ht=unit * quantity,
    )
    return request


def signature_png(*, width: int = 600, height: int = 200, blank: bool = False) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    if not blank:
        draw = ImageDraw.Draw(image)
        draw.line(
            [(40, 150), (120, 40), (200, 160), (300, 60), (420, 140), (560, 50)],
            fill=(20, 30, 80, 255),
            width=4,
        )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def data_url(content: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(content).decode("ascii")


def sign_kwargs(quote, user, **overrides) -> dict:
    """Valid arguments of `quote_sign` for `quote` signed by `user` at NOW + 1 hour."""
    values = {
        "quote_id": quote.pk,
        "user": user,
        "content_sha256": quote.content_sha256,
        "pdf_sha256": quote.pdf.sha256,
        "signer_name": "Sandrine Signe",
        "signer_title": "Gérante",
        "signature_mode": "drawn",
        "signature_data": data_url(signature_png()),
        "payment_method": "transfer",
        "accept_terms": True,
        "ip_address": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (test)",
        "now": paris(2026, 3, 10, 15, 0),
    }
    values.update(overrides)
    return values


def grant_deferred_terms(company, *, credit_limit: Decimal, days: int = 30, **extra):
    """A favourable financial review, then a deferred payment term with a credit limit."""
    from accounts.models import FinancialReview

    review = FinancialReview.objects.create(
        company=company,
        reviewed_by=UserFactory(is_staff=True),
        conclusion="favourable",
        max_term_days=days,
        notes="Bilans 2024 et 2025 consultés.",
    )
    CompanyCommercialSettings.objects.filter(company=company).update(
        payment_term="deferred",
        deferred_days=days,
        financial_review=review,
        credit_limit=credit_limit,
        **extra,
    )


def sales_group():
    """The "Service commercial" group of migration 0002, created again when a transactional
    test flushed the database (flushing removes the rows that data migrations wrote)."""
    import importlib

    from django.apps import apps
    from django.contrib.auth.models import Group

    migration = importlib.import_module("orders.migrations.0002_sales_group")
    if not Group.objects.filter(name=migration.SALES_GROUP).exists():
        migration.create_group(apps, None)
    return Group.objects.get(name=migration.SALES_GROUP)


def deliver_outbox() -> dict:
    """What the workers do after commit: send every pending outbox message (signed PDFs,
    acknowledgements), as the resend job would a few minutes later."""
    from datetime import timedelta

    from django.utils import timezone

    from core.outbox import run_outbox_resend

    now = timezone.now() + timedelta(minutes=5)
    return run_outbox_resend(as_of=timezone.localdate(now), now=now)


def sign_post(quote, **overrides):
    """The signature form's POST for `quote` (drawn signature, transfer payment); an override
    of None leaves that field out."""
    data = {
        "quote_id": quote.pk,
        "content_sha256": quote.content_sha256,
        "pdf_sha256": quote.pdf.sha256,
        "signer_name": "Sandrine Signe",
        "signer_title": "Gérante",
        "signature_mode": "drawn",
        "signature_data": data_url(signature_png()),
        "typed_signature": "",
        "payment_method": "transfer",
        "accept_terms": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
