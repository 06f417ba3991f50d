"""A seller under a preset's Terms, a customer company with its people, invoices issued by
billing, and the path of a return through its services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import Group, Permission

from accounts.models import CompanyStatus, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from billing.services.invoices import InvoiceLineInput, invoice_issue
from core.audit import Actor
from returns.services import ReturnLineInput, return_request_create
from returns.tests.presets import COUNTRY
from shop.models import Terms
from shop.presets import preset_get
from shop.tests.factories import SellerFactory, TermsFactory
from shop.tests.factories_catalogue import ProductFactory

ACTOR = Actor.of_job("tests")


def preset_published(code: str) -> Terms:
    """The preset's rules as the published version of a seller with every legal mention
    (the real preset identities lack some, and billing refuses to issue without them)."""
    seller = SellerFactory(belgian=True) if COUNTRY[code] == "BE" else SellerFactory()
    return TermsFactory(seller=seller, published=True, **preset_get(code).terms)


def customer(**kwargs):
    """An approved company with a buyer and another user, both verified."""
    company = CompanyFactory(status=CompanyStatus.APPROVED, approved_on=date(2026, 1, 2), **kwargs)
    buyer = MembershipFactory(company=company, user=UserFactory(), roles=[Role.BUYER]).user
    return company, buyer


def product(reference: str, **kwargs):
    return ProductFactory(reference=reference, **kwargs)


def invoice(
    *,
    company,
    terms: Terms,
    lines: list[tuple[str, int, str, tuple[str, ...]]],
    issued: date,
    delivered: date | None = None,
):
    """An invoice of `lines` (reference, quantity, unit price HT, serial numbers)."""
    return invoice_issue(
        company=company,
        terms=terms,
        issue_date=issued,
        delivery_date=delivered,
        order_reference="CMD-TEST",
        actor=ACTOR,
        lines=[
            InvoiceLineInput(
                reference=reference,
                designation=f"Article {reference}",
                quantity=quantity,
                unit_price_ht=Decimal(price),
                vat_rate=Decimal("20.00") if terms.seller.country == "FR" else Decimal("21.00"),
                serial_numbers=serials,
            )
            for reference, quantity, price, serials in lines
        ],
    )


def request_return(*, company, user, invoice_line, quantity=1, reason="defect", **kwargs):
    return return_request_create(
        company=company,
        user=user,
        lines=[
            ReturnLineInput(
                invoice_line_id=invoice_line.pk,
                quantity=quantity,
                reason=reason,
                description=kwargs.pop("description", "Ne démarre plus."),
                **kwargs,
            )
        ],
    )


AFTER_SALES_PERMISSIONS = [
    ("returns", "view_returnrequest"),
    ("returns", "handle_returns"),
    ("returns", "view_returnline"),
]


def after_sales_staff(**kwargs):
    """A staff member of the after-sales group "SAV" with the returns permissions the back
    office gives it (a transactional test has flushed the migrations' data)."""
    group, _ = Group.objects.get_or_create(name="SAV")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in={app for app, _ in AFTER_SALES_PERMISSIONS},
            codename__in={codename for _, codename in AFTER_SALES_PERMISSIONS},
        )
    )
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(group)
    return user
