"""Races of the order's life, with threads against PostgreSQL: a cancellation and a
shipment of the same order at once; the unpaid-transfer job and a payment recorded
through billing at once; the job run twice at once. One wins, never both, never neither."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from billing.models import Payment, PaymentStatus
from billing.services.allocations import company_payment_credit, payment_record
from core.audit import Actor, audit_history
from core.errors import BusinessError
from orders.models import Order, OrderPayment, OrderStatus, Shipment
from orders.selectors import order_amount_due
from orders.services.cancellations import order_cancel_by_staff, run_cancel_unpaid_transfers
from orders.services.lifecycle import order_prepare
from orders.services.shipments import Pick, shipment_create
from orders.tests.factories import company_with_people, grant_deferred_terms, paris, product
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from shop.models.terms_choices import PaymentMethod
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(paris(2026, 3, 20, 10, 0), tick=True):
        yield


def test_cancel_and_ship_at_once_one_wins():
    preset_terms("004")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    item = product(stock_on_hand=10)
    order = signed_order(placed_at=paris(2026, 3, 10, 15, 0), people=people, lines=[(item, 2)])
    warehouse, sales = staff_in("prepare_order"), staff_in("manage_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = order.lines.get(kind="goods")

    def ship():
        return shipment_create(
            order=Order.objects.get(pk=order.pk),
            picks=[Pick(line.pk, 2)],
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            user=warehouse,
        )

    def cancel():
        return order_cancel_by_staff(
            order=Order.objects.get(pk=order.pk), user=sales, reason="Demande du client"
        )

    results, errors = run_together([ship, cancel])
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], BusinessError)
    order.refresh_from_db()
    item.refresh_from_db()
    if order.status == OrderStatus.SHIPPED:
        # Shipped first: the cancellation found a shipped order; 2 units left the stock.
        assert errors[0].code == "order_already_shipped"
        assert (item.stock_on_hand, item.stock_reserved) == (8, 0)
        assert Shipment.objects.filter(order=order).count() == 1
    else:
        # Cancelled first: nothing shipped, the 2 units are free again.
        assert order.status == OrderStatus.CANCELLED
        assert errors[0].code == "order_not_shippable"
        assert (item.stock_on_hand, item.stock_reserved) == (10, 0)
        assert not Shipment.objects.exists()


def test_unpaid_job_and_payment_at_once_never_both():
    preset_terms("002")
    people = company_with_people()
    # Placed Monday 2 March 2026: 7 Belgian working days end with Wednesday 11 March.
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    accountant = Actor.of_user(staff_in())

    def job():
        return run_cancel_unpaid_transfers(as_of=date(2026, 3, 12))

    def payment():
        # Billing's own path: staff record the transfer quoting the order number; the
        # payment is validated and `payment_validated` tells orders in its transaction.
        return payment_record(
            company=people[0],
            method=PaymentMethod.TRANSFER,
            amount=order.total_ttc,
            received_on=date(2026, 3, 11),
            reference="VIR-2026-0311",
            actor=accountant,
            order_reference=order.number,
        )

    results, errors = run_together([job, payment])
    assert not errors
    order.refresh_from_db()
    moves = audit_history(order).filter(field="status").exclude(from_state="")
    assert moves.count() == 1  # exactly one of the two moved the order
    (paid,) = Payment.objects.filter(order_reference=order.number)
    assert paid.status == PaymentStatus.VALIDATED  # the payment is kept either way
    assert OrderPayment.objects.filter(order=order, payment=paid).exists()
    if order.status == OrderStatus.CONFIRMED:
        # Paid first: the job found the order confirmed and left it.
        assert {r["cancelled"] for r in results if isinstance(r, dict)} == {0}
        assert order_amount_due(order=order) == Decimal("0.00")
    else:
        # Cancelled first: the payment counted on a cancelled order is the customer's
        # credit (2 x 100.00 HT, Belgian seller, French buyer: reverse charge, 200.00).
        assert order.status == OrderStatus.CANCELLED
        assert {r["cancelled"] for r in results if isinstance(r, dict)} == {1}
        assert company_payment_credit(company=people[0]) == Decimal("200.00")


def test_unpaid_job_twice_at_once_cancels_once():
    preset_terms("002")
    people = company_with_people()
    orders = [signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people) for _ in range(3)]
    results, errors = run_together(
        [lambda: run_cancel_unpaid_transfers(as_of=date(2026, 3, 12)) for _ in range(2)]
    )
    assert not errors
    assert sum(result["cancelled"] for result in results) == 3
    for order in orders:
        order.refresh_from_db()
        assert order.status == OrderStatus.CANCELLED
        assert audit_history(order).filter(to_state=OrderStatus.CANCELLED).count() == 1
