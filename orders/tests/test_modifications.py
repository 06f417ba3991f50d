"""A modification request produces a new version of the order's quote; once the customer
signs it through the usual "Bon pour accord", the order follows it: lines, totals, stock
(001 art. 5: at least 7 days before the planned delivery, with a new signed order)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from core.audit import Actor
from core.errors import BusinessError
from orders.models import OrderRevision, OrderStatus, QuoteStatus
from orders.selectors import order_revision_to_sign
from orders.services import quote_issue, quote_sign
from orders.services.lifecycle import order_prepare
from orders.services.modifications import order_modification_request
from orders.services.quotes import LineSpec, quote_draft_lines_set
from orders.tests.factories import (
    company_with_people,
    grant_deferred_terms,
    paris,
    product,
    sign_kwargs,
)
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from orders.timeline import order_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An order under 001 (deferred terms, so confirmed at signing): 2 screens at 100.00
    and 1 cable at 10.00, HT; delivery planned on Friday 27 March 2026."""
    preset_terms("001")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    screen = product(reference="ECR-24", stock_on_hand=10)
    cable = product(reference="CAB-2", price_ht=Decimal("10.00"), stock_on_hand=5)
    with time_machine.travel(paris(2026, 3, 10, 15, 0), tick=False):
        order = signed_order(
            placed_at=paris(2026, 3, 10, 15, 0), people=people, lines=[(screen, 2), (cable, 1)]
        )
    order.planned_delivery_on = date(2026, 3, 27)
    order.save(update_fields=["planned_delivery_on"])
    return {"order": order, "people": people, "screen": screen, "cable": cable}


def request(order, user, *, day: int, message: str = "5 écrans au lieu de 2, sans câble"):
    with time_machine.travel(paris(2026, 3, day, 9, 0), tick=False):
        return order_modification_request(order=order, user=user, message=message)


def test_001_six_days_before_delivery_is_refused_with_the_last_day(world):
    order, signatory = world["order"], world["people"][1]
    # 27 March − 7 days = Friday 20 March, the last day; Saturday 21 March is 6 days before.
    with pytest.raises(BusinessError) as error:
        request(order, signatory, day=21)
    assert error.value.code == "modification_refused"
    assert "20/03/2026" in str(error.value.message)
    assert not OrderRevision.objects.exists()


def test_signed_new_version_modifies_the_order_and_its_stock(world):
    order, signatory = world["order"], world["people"][1]
    screen, cable = world["screen"], world["cable"]
    original = order.quote
    revision = request(order, signatory, day=20)  # 7 days before: allowed
    draft = revision.quote
    assert (draft.status, draft.number, draft.version) == (
        QuoteStatus.DRAFT,
        original.number,
        original.version + 1,
    )
    # The draft starts from the order's lines at their agreed prices.
    assert [
        (line.reference, line.quantity, line.unit_price_ht)
        for line in draft.lines.filter(kind="goods")
    ] == [
        ("ECR-24", 2, Decimal("100.00")),
        ("CAB-2", 1, Decimal("10.00")),
    ]
    # A second request joins the version being prepared.
    assert request(order, signatory, day=20, message="Et livraison le matin").pk == revision.pk
    sales = staff_in()
    with time_machine.travel(paris(2026, 3, 20, 10, 0), tick=False):
        quote_draft_lines_set(quote=draft, user=sales, lines=[LineSpec(quantity=5, product=screen)])
        quote_issue(quote=draft, user=sales)
    draft.refresh_from_db()
    original.refresh_from_db()
    assert draft.status == QuoteStatus.ISSUED
    assert original.status == QuoteStatus.SIGNED  # the signed version stays signed
    assert order_revision_to_sign(order=order) == draft
    with time_machine.travel(paris(2026, 3, 20, 11, 0), tick=False):
        modified = quote_sign(**sign_kwargs(draft, signatory, now=paris(2026, 3, 20, 11, 0)))
    assert modified.pk == order.pk  # no second order
    order.refresh_from_db()
    screen.refresh_from_db()
    cable.refresh_from_db()
    assert order.quote_id == draft.pk
    assert order.status == OrderStatus.CONFIRMED
    assert [(line.reference, line.quantity) for line in order.lines.filter(kind="goods")] == [
        ("ECR-24", 5)
    ]
    # 5 × 100.00 = 500.00 HT, VAT 20 % = 100.00, 600.00 TTC.
    assert (order.total_ht, order.total_vat, order.total_ttc) == (
        Decimal("500.00"),
        Decimal("100.00"),
        Decimal("600.00"),
    )
    assert (screen.stock_reserved, cable.stock_reserved) == (5, 0)
    revision.refresh_from_db()
    assert revision.applied_at is not None
    assert order_revision_to_sign(order=order) is None
    assert "600,00" in order_timeline(order=order)[-1].detail


def test_signature_refused_once_preparation_started(world):
    order, signatory, screen = world["order"], world["people"][1], world["screen"]
    revision = request(order, signatory, day=12)
    sales = staff_in()
    with time_machine.travel(paris(2026, 3, 12, 10, 0), tick=False):
        quote_draft_lines_set(
            quote=revision.quote, user=sales, lines=[LineSpec(quantity=3, product=screen)]
        )
        quote_issue(quote=revision.quote, user=sales)
        order_prepare(order=order, actor=Actor.of_user(staff_in("prepare_order")))
    revision.quote.refresh_from_db()
    with pytest.raises(BusinessError) as error:
        quote_sign(**sign_kwargs(revision.quote, signatory, now=paris(2026, 3, 12, 11, 0)))
    assert error.value.code == "modification_refused"
    order.refresh_from_db()
    screen.refresh_from_db()
    revision.quote.refresh_from_db()
    assert revision.quote.status == QuoteStatus.ISSUED  # nothing signed
    assert order.total_ttc == Decimal("252.00")  # (2 × 100.00 + 10.00) × 1.20, unchanged
    assert screen.stock_reserved == 2


def test_no_modification_under_004():
    preset_terms("004")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    order = signed_order(placed_at=paris(2026, 3, 10, 15, 0), people=people)
    with pytest.raises(BusinessError) as error:
        request(order, people[1], day=11)
    assert error.value.code == "modification_refused"
