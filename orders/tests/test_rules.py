"""What the pinned Terms allow on an order, at their boundaries, for each preset: the
complaint window, the cancellation fee, the modification notice, the non-delivery window.
Expected values are worked out by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from billing.models import InvoiceKind
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.models import (
    FeeCause,
    OrderFeeInvoice,
    OrderStatus,
    ShipmentInvoice,
)
from orders.rules import cancellation_decision, complaint_deadline, modification_decision
from orders.services.cancellations import order_cancel_by_customer
from orders.services.complaints import non_delivery_report
from orders.services.lifecycle import order_prepare
from orders.services.shipments import (
    Pick,
    shipment_create,
    shipment_deliver,
    shipment_refusal_record,
)
from orders.tests.factories import company_with_people, grant_deferred_terms, paris, product
from orders.tests.lifecycle import (
    PAYMENT,
    complain,
    delivered_shipment,
    preset_terms,
    signed_order,
    staff_in,
)
from orders.timeline import order_timeline

pytestmark = pytest.mark.django_db


# (preset, delivered on, last day of the window)
WINDOWS = [
    ("000", date(2026, 3, 16), date(2026, 3, 19)),  # Mon + 3 days = Thu
    ("001", date(2026, 3, 16), date(2026, 3, 18)),  # Mon + 2 days = Wed
    ("002", date(2026, 3, 16), date(2026, 3, 23)),  # Mon + 7 days = next Mon
    ("003", date(2026, 7, 17), date(2026, 7, 20)),  # Fri + 1 working day = Mon
    ("003", date(2026, 7, 20), date(2026, 7, 22)),  # Mon + 1 working day, 21 Jul BE holiday
    ("004", date(2026, 7, 13), date(2026, 7, 17)),  # Mon + 3 days skipping 14 Jul = Fri
]


@pytest.mark.parametrize(("code", "delivered", "last_day"), WINDOWS)
def test_complaint_window_per_preset(code, delivered, last_day):
    preset_terms(code)
    people = company_with_people()
    placed = paris(delivered.year, delivered.month, delivered.day - 3, 10, 0)
    if code in ("001", "004"):
        grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    order = signed_order(placed_at=placed, people=people, lines=[(product(), 2)])
    shipment = delivered_shipment(order, on=delivered)
    assert complaint_deadline(shipment=shipment) == paris(
        last_day.year, last_day.month, last_day.day + 1, 0, 0
    )
    buyer = people[2]
    # The last minute of the last day is inside; the first minute after is refused.
    complain(shipment, buyer, paris(last_day.year, last_day.month, last_day.day, 23, 59))
    with pytest.raises(BusinessError) as error:
        complain(shipment, buyer, paris(last_day.year, last_day.month, last_day.day + 1, 0, 1))
    assert error.value.code == "complaint_window_closed"
    assert f"{last_day:%d/%m/%Y}" in error.value.message


def test_non_delivery_within_30_days_of_confirmation_under_002():
    preset_terms("002")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    with time_machine.travel(paris(2026, 3, 3, 9, 0), tick=False):
        transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
    # Confirmed 3 March: 30 days end with 2 April.
    non_delivery_report(
        order=order, description="Rien reçu.", user=people[2], now=paris(2026, 4, 2, 23, 59)
    )
    with pytest.raises(BusinessError) as error:
        non_delivery_report(
            order=order, description="Rien reçu.", user=people[2], now=paris(2026, 4, 3, 0, 0)
        )
    assert error.value.code == "non_delivery_window_closed"


def test_no_non_delivery_report_under_000():
    preset_terms("000")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
    with pytest.raises(BusinessError) as error:
        non_delivery_report(order=order, description="?", user=people[2])
    assert error.value.code == "non_delivery_window_closed"


def test_cancellation_fee_35_percent_ttc_under_001():
    preset_terms("001")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    # 3 × 151.99 HT = 455.97 HT; VAT 20 % = 91.194 → 91.19; TTC 547.16.
    order = signed_order(
        placed_at=paris(2026, 3, 2, 10, 0),
        people=people,
        lines=[(product(price_ht=Decimal("151.99")), 3)],
    )
    assert order.total_ttc == Decimal("547.16")
    decision = cancellation_decision(order=order)
    # 35 % of 547.16 = 191.506 → 191.51 (half-up).
    assert (decision.allowed, decision.fee) == (True, Decimal("191.51"))
    order_cancel_by_customer(order=order, user=people[1], reason="Projet abandonné")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    # The fee is invoiced by billing, as an indemnity without VAT.
    invoice = OrderFeeInvoice.objects.get(order=order, cause=FeeCause.CANCELLATION).invoice
    assert (invoice.kind, invoice.total_ht, invoice.total_vat, invoice.total_ttc) == (
        InvoiceKind.FEE,
        Decimal("191.51"),
        Decimal("0.00"),
        Decimal("191.51"),
    )
    assert invoice.order_reference == order.number


def test_cancellation_free_before_payment_then_refused_under_002():
    preset_terms("002")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    assert cancellation_decision(order=order).fee == Decimal("0.00")
    transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
    decision = cancellation_decision(order=order)
    assert not decision.allowed and "validation du paiement" in decision.reason
    with pytest.raises(BusinessError) as error:
        order_cancel_by_customer(order=order, user=people[1], reason="")
    assert error.value.code == "cancellation_refused"


def test_cancellation_under_003_free_before_shipping_then_15_percent_of_parcel():
    preset_terms("003")
    people = company_with_people()
    # 2 × 100.00 + 1 × 49.99 HT; Belgian seller, French buyer: reverse charge, no VAT.
    a, b = product(reference="A"), product(reference="B", price_ht=Decimal("49.99"))
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people, lines=[(a, 2), (b, 1)])
    transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
    warehouse = staff_in("prepare_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    assert cancellation_decision(order=order).fee == Decimal("0.00")
    line_b = order.lines.get(reference="B")
    with time_machine.travel(paris(2026, 3, 4, 10, 0), tick=False):
        shipment_create(
            order=order,
            picks=[Pick(line_b.pk, 1)],
            carrier="bpost",
            shipped_on=date(2026, 3, 4),
            user=warehouse,
        )
    order.refresh_from_db()
    # Parcel: 1 × 49.99, no VAT; 15 % = 7.4985 → 7.50.
    assert cancellation_decision(order=order).fee == Decimal("7.50")


def test_cancellation_under_004_is_for_staff_to_price():
    preset_terms("004")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    decision = cancellation_decision(order=order)
    assert decision.allowed and decision.staff_sets_fee
    order_cancel_by_customer(order=order, user=people[1], reason="Erreur de référence")
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT  # staff decide the costs


def test_modification_at_least_7_days_before_delivery_under_001():
    preset_terms("001")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    order.planned_delivery_on = date(2026, 3, 20)
    # 20 March − 7 days = 13 March: the last day a modification may be asked.
    assert modification_decision(order=order, today=date(2026, 3, 13)).allowed
    refused = modification_decision(order=order, today=date(2026, 3, 14))  # 6 days before
    assert not refused.allowed and "13/03/2026" in refused.reason


def test_no_modification_under_004_and_not_once_prepared_under_000():
    preset_terms("004")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    assert not modification_decision(order=order, today=date(2026, 3, 2)).allowed


def test_modification_before_processing_under_000():
    preset_terms("000")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    assert modification_decision(order=order, today=date(2026, 3, 2)).allowed
    transition_apply(order, to=OrderStatus.CONFIRMED, actor=PAYMENT)
    order_prepare(order=order, actor=Actor.of_user(staff_in("prepare_order")))
    order.refresh_from_db()
    assert not modification_decision(order=order, today=date(2026, 3, 2)).allowed


def test_001_invoices_at_delivery_and_charges_an_unjustified_refusal():
    preset_terms("001")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    # 2 × 100.00 + 1 × 50.00 = 250.00 HT.
    a, b = product(reference="A"), product(reference="B", price_ht=Decimal("50.00"))
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people, lines=[(a, 2), (b, 1)])
    warehouse = staff_in("prepare_order")
    with time_machine.travel(paris(2026, 3, 4, 10, 0), tick=False):
        order_prepare(order=order, actor=Actor.of_user(warehouse))
        first = shipment_create(
            order=order,
            picks=[Pick(order.lines.get(reference="A").pk, 2)],
            carrier="DHL",
            shipped_on=date(2026, 3, 4),
            user=warehouse,
        )
        # 001 counts the term from the delivery: nothing invoiced when the parcel leaves.
        assert not ShipmentInvoice.objects.exists()
        second = shipment_create(
            order=order,
            picks=[Pick(order.lines.get(reference="B").pk, 1)],
            carrier="DHL",
            shipped_on=date(2026, 3, 4),
            user=warehouse,
        )
    with time_machine.travel(paris(2026, 3, 5, 10, 0), tick=False):
        shipment_deliver(shipment=first, delivered_on=date(2026, 3, 5), user=warehouse)
        invoice = ShipmentInvoice.objects.get(shipment=first).invoice
        assert (invoice.delivery_date, invoice.total_ht) == (date(2026, 3, 5), Decimal("200.00"))
        # 30 days from the delivery (001 art. 7): due 4 April 2026.
        assert invoice.due_date == date(2026, 4, 4)
        with pytest.raises(BusinessError) as error:
            shipment_refusal_record(shipment=second, unjustified=True, reason=" ", user=warehouse)
        assert error.value.code == "refusal_reason_required"
        shipment_refusal_record(
            shipment=second, unjustified=True, reason="Commande non voulue", user=warehouse
        )
    # 25 % of the order's 250.00 HT = 62.50 (001 art. 12).
    fee = OrderFeeInvoice.objects.get(order=order, cause=FeeCause.REFUSED_DELIVERY).invoice
    assert (fee.kind, fee.total_ttc) == (InvoiceKind.FEE, Decimal("62.50"))
    with translation.override("en"):
        last = order_timeline(order=order)[-1]
    assert last.title == "Delivery refused on receipt"
    assert fee.number in last.detail
