"""Builders for the order lifecycle tests: a seller on one of the five presets, an order
signed under it at a given instant, staff of the warehouse and of sales."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission

from accounts.tests.factories import UserFactory
from orders.models import Order
from orders.services import quote_issue, quote_sign
from orders.tests.factories import company_with_people, draft_quote, product, sign_kwargs
from shop.presets import preset_get
from shop.tests.factories import SellerFactory, TermsFactory


def preset_terms(code: str, **overrides):
    """Published terms of preset `code` (000 to 004), for a French or Belgian seller as
    the preset's seller is; in force since 2020. The test companies are French: metropolitan
    France is added to the delivery zones (a Belgian seller then invoices them under the
    intra-EU reverse charge, without VAT)."""
    preset = preset_get(code)
    seller = SellerFactory(belgian=True) if preset.seller["country"] == "BE" else SellerFactory()
    zones = preset.terms["delivery_zones"]
    values = {
        **preset.terms,
        "delivery_zones": zones if "fr_metro" in zones else [*zones, "fr_metro"],
        **overrides,
    }
    return TermsFactory(
        published=True,
        seller=seller,
        effective_date=preset.effective_date.replace(year=2020),
        **values,
    )


def signed_order(
    *,
    placed_at: datetime,
    lines=None,
    payment_method: str = "transfer",
    company=None,
    people=None,
    shipping_fee_ht: Decimal | None = Decimal("0.00"),
) -> Order:
    """An order formed by the signature of a quote issued one hour before `placed_at`:
    by default 2 × a 100.00 HT product at 20 % VAT (stock 10)."""
    if people is None:
        people = company_with_people() if company is None else None
    company, signatory = people[0], people[1]
    sales = UserFactory(is_staff=True)
    lines = lines or [(product(), 2)]
    quote = draft_quote(company=company, user=sales, lines=lines, shipping_fee_ht=shipping_fee_ht)
    quote = quote_issue(quote=quote, user=sales, now=placed_at - timedelta(hours=1))
    return quote_sign(**sign_kwargs(quote, signatory, payment_method=payment_method, now=placed_at))


def staff_in(*codenames: str):
    """A staff user holding the orders permissions `codenames` (no group needed)."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="orders", codename__in=codenames)
    )
    return user
