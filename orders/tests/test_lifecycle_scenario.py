"""Orders replayed over weeks with `run_daily_jobs --date` (and the hourly beat task for
deadlines in hours): unpaid transfers cancelled on the right day under 002 (7 Belgian
working days) and 003 (72 hours, across both changes of time); a special order unpaid 72
hours after its acceptance (003 art. 2.3); a partial shipment invoiced for what it holds;
a complaint inside and one outside the window under each preset; the 35 % TTC
cancellation fee of 001. Payments go through billing's own path."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from billing.models import InvoiceKind, Payment, PaymentStatus
from billing.services.allocations import company_payment_credit, payment_record
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.models import (
    ComplaintKind,
    FeeCause,
    OrderFeeInvoice,
    OrderStatus,
    ShipmentInvoice,
)
from orders.rules import cancellation_decision
from orders.services.cancellations import order_cancel_by_customer
from orders.services.complaints import complaint_record
from orders.services.lifecycle import order_prepare
from orders.services.order_payments import order_card_payment_start
from orders.services.quotes import LineSpec
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tasks import cancel_unpaid_transfers_now
from orders.tests.factories import (
    company_with_people,
    deliver_outbox,
    grant_deferred_terms,
    paris,
    product,
)
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from orders.tests.payments import notify
from shop.models.terms_choices import PaymentMethod

pytestmark = pytest.mark.django_db


def run_day(day: date) -> None:
    """What beat does at 02:00 Paris: every daily job for that day."""
    with time_machine.travel(paris(day.year, day.month, day.day, 2, 0), tick=False):
        call_command("run_daily_jobs", "--date", day.isoformat())
        deliver_outbox()


def test_002_unpaid_transfer_cancelled_after_7_belgian_working_days():
    preset_terms("002")
    people = company_with_people()
    item = product(stock_on_hand=5)
    # Placed Monday 2 March 2026. Working days 3, 4, 5, 6, 9, 10, 11 March: the deadline
    # is the end of Wednesday 11 March; the job of Thursday 12 March cancels.
    unpaid = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people, lines=[(item, 2)])
    paid = signed_order(placed_at=paris(2026, 3, 2, 11, 0), people=people, lines=[(item, 1)])
    with time_machine.travel(paris(2026, 3, 6, 9, 0), tick=False):
        transition_apply(paid, to=OrderStatus.CONFIRMED, actor=Actor.of_job("payment"))
    day = date(2026, 3, 3)
    while day <= date(2026, 3, 11):
        run_day(day)
        unpaid.refresh_from_db()
        assert unpaid.status == OrderStatus.AWAITING_PAYMENT, day
        day += timedelta(days=1)
    mail.outbox.clear()
    run_day(date(2026, 3, 12))
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert unpaid.status == OrderStatus.CANCELLED
    assert paid.status == OrderStatus.CONFIRMED
    item.refresh_from_db()
    assert item.stock_reserved == 1  # the paid order's unit only
    subjects = [message.subject for message in mail.outbox]
    assert f"Commande {unpaid.number} annulée" in subjects
    body = next(m.body for m in mail.outbox if unpaid.number in m.subject)
    assert "Virement non reçu dans le délai prévu par nos conditions de vente" in body
    assert "sans frais" in body
    # Replaying the day changes nothing more.
    run_day(date(2026, 3, 12))
    assert len([m for m in mail.outbox if unpaid.number in m.subject]) == len(
        [s for s in subjects if unpaid.number in s]
    )


def test_003_unpaid_transfer_cancelled_72_hours_later_across_summer_time():
    preset_terms("003")
    people = company_with_people()
    # Placed Friday 27 March 2026 at 10:00 Paris (09:00 UTC). Clocks go forward on Sunday
    # 29 March: 72 real hours end on Monday 30 March at 09:00 UTC = 11:00 Paris, not 10:00.
    order = signed_order(placed_at=paris(2026, 3, 27, 10, 0), people=people)
    for day in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)):
        run_day(day)
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    with time_machine.travel(paris(2026, 3, 30, 10, 30), tick=False):
        assert cancel_unpaid_transfers_now() == 0  # 71 h 30 have passed
    with time_machine.travel(paris(2026, 3, 30, 10, 59), tick=False):
        assert cancel_unpaid_transfers_now() == 0
    with time_machine.travel(paris(2026, 3, 30, 11, 0), tick=False):
        assert cancel_unpaid_transfers_now() == 1
        assert cancel_unpaid_transfers_now() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_001_deferred_orders_are_never_cancelled_for_an_unpaid_transfer():
    preset_terms("001")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    run_day(date(2026, 4, 30))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT


def run_days(first: date, last: date) -> None:
    day = first
    while day <= last:
        run_day(day)
        day += timedelta(days=1)


def pay_by_transfer(order, *, received_on: date) -> None:
    """Staff record the customer's transfer in billing, quoting the order number; billing
    tells orders (`payment_validated`)."""
    with time_machine.travel(paris(received_on.year, received_on.month, received_on.day, 9, 0)):
        payment_record(
            company=order.company,
            method=PaymentMethod.TRANSFER,
            amount=order.total_ttc,
            received_on=received_on,
            reference=f"VIR {order.number}",
            actor=Actor.of_user(staff_in()),
            order_reference=order.number,
        )
    order.refresh_from_db()


def test_003_unpaid_transfer_cancelled_72_hours_later_across_winter_time():
    preset_terms("003")
    people = company_with_people()
    # Placed Friday 23 October 2026 at 10:00 Paris (08:00 UTC). Clocks go back on Sunday 25
    # October: 72 real hours end on Monday 26 October at 08:00 UTC = 09:00 Paris, not 10:00.
    order = signed_order(placed_at=paris(2026, 10, 23, 10, 0), people=people)
    run_days(date(2026, 10, 24), date(2026, 10, 26))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    with time_machine.travel(paris(2026, 10, 26, 8, 59), tick=False):
        assert cancel_unpaid_transfers_now() == 0
    with time_machine.travel(paris(2026, 10, 26, 9, 0), tick=False):
        assert cancel_unpaid_transfers_now() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    run_day(date(2026, 10, 27))  # the daily job finds nothing more


def test_000_card_payment_never_completed_cancelled_after_7_french_working_days(client):
    """The provider never calls back: the payment stays pending, the order is not
    confirmed, and the unpaid-order job cancels it at the Terms' deadline; the payment
    notified afterwards stays as the customer's credit, the order stays cancelled."""
    preset_terms("000")
    people = company_with_people()
    item = product(stock_on_hand=5)
    # Placed Monday 4 May 2026. French working days: 5, 6, 7 May, (8 May: holiday), 11,
    # 12, 13, (14 May: Ascension), 15 May: the deadline is the end of Friday 15 May; the
    # job of Saturday 16 May cancels.
    order = signed_order(
        placed_at=paris(2026, 5, 4, 10, 0),
        people=people,
        lines=[(item, 2)],
        payment_method=PaymentMethod.CARD,
    )
    with time_machine.travel(paris(2026, 5, 4, 10, 5), tick=False):
        payment = order_card_payment_start(order=order, return_url="http://testserver/r/")
    run_days(date(2026, 5, 5), date(2026, 5, 15))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == PaymentStatus.PENDING
    mail.outbox.clear()
    run_day(date(2026, 5, 16))
    order.refresh_from_db()
    item.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert item.stock_reserved == 0
    body = next(m.body for m in mail.outbox if order.number in m.subject)
    assert "Paiement par carte non abouti dans le délai prévu par nos conditions de vente" in body
    # The provider's late notification: 2 x 100.00 HT + 20 % VAT = 240.00 TTC, kept as
    # credit; the order is not revived.
    with time_machine.travel(paris(2026, 5, 16, 9, 0), tick=False):
        assert notify(client, payment).status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert company_payment_credit(company=people[0]) == Decimal("240.00")


def test_003_special_order_paid_by_card_cancelled_72_hours_after_acceptance():
    preset_terms("003")
    people = company_with_people()
    # A special order (off catalogue), accepted Friday 23 October 2026 at 10:00 Paris and
    # to be paid by card: payable within 72 hours of acceptance (003 art. 2.3), across the
    # change to winter time: the deadline is Monday 26 October at 09:00 Paris.
    special = LineSpec(
        quantity=1,
        reference="SUR-MESURE-1",
        designation="Carte d'extension sur mesure",
        list_price_ht=Decimal("500.00"),
        vat_rate=Decimal("21.00"),
    )
    order = signed_order(
        placed_at=paris(2026, 10, 23, 10, 0),
        people=people,
        lines=[special],
        payment_method=PaymentMethod.CARD,
    )
    # A catalogue order to be paid by card, accepted two hours later: its card payment
    # falls under the Terms' unpaid-order deadline, 72 hours: Monday 26 October at 11:00.
    catalogue = signed_order(
        placed_at=paris(2026, 10, 23, 12, 0), people=people, payment_method=PaymentMethod.CARD
    )
    assert order.quote.is_special_order and not catalogue.quote.is_special_order
    run_days(date(2026, 10, 24), date(2026, 10, 26))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    with time_machine.travel(paris(2026, 10, 26, 8, 59), tick=False):
        assert cancel_unpaid_transfers_now() == 0
    mail.outbox.clear()
    with time_machine.travel(paris(2026, 10, 26, 9, 0), tick=False):
        assert cancel_unpaid_transfers_now() == 1
        deliver_outbox()
    order.refresh_from_db()
    catalogue.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert catalogue.status == OrderStatus.AWAITING_PAYMENT
    body = next(m.body for m in mail.outbox if order.number in m.subject)
    assert "Commande spéciale non payée dans le délai prévu par nos conditions de vente" in body
    with time_machine.travel(paris(2026, 10, 26, 10, 59), tick=False):
        assert cancel_unpaid_transfers_now() == 0
    with time_machine.travel(paris(2026, 10, 26, 11, 0), tick=False):
        assert cancel_unpaid_transfers_now() == 1
        deliver_outbox()
    catalogue.refresh_from_db()
    assert catalogue.status == OrderStatus.CANCELLED
    body = next(m.body for m in mail.outbox if catalogue.number in m.subject)
    assert "Paiement par carte non abouti dans le délai prévu par nos conditions de vente" in body


def test_000_partial_shipment_invoiced_for_what_it_holds():
    preset_terms("000")
    people = company_with_people()
    screen = product(reference="ECR-24", designation="Écran 24 pouces", stock_on_hand=10)
    cable = product(
        reference="CAB-2", designation="Câble HDMI", price_ht=Decimal("12.50"), stock_on_hand=1
    )
    order = signed_order(
        placed_at=paris(2026, 3, 2, 10, 0), people=people, lines=[(screen, 2), (cable, 3)]
    )
    # 2 × 100.00 + 3 × 12.50 = 237.50 HT; VAT 20 % 47.50; 285.00 TTC.
    assert order.total_ttc == Decimal("285.00")
    pay_by_transfer(order, received_on=date(2026, 3, 3))
    assert order.status == OrderStatus.CONFIRMED
    warehouse = staff_in("prepare_order")
    lines = {line.reference: line for line in order.lines.all()}
    with time_machine.travel(paris(2026, 3, 4, 14, 0), tick=False):
        order_prepare(order=order, actor=Actor.of_user(warehouse))
        first = shipment_create(
            order=order,
            picks=[Pick(lines["ECR-24"].pk, 2), Pick(lines["CAB-2"].pk, 1)],
            carrier="DHL",
            tracking_number="JD0001",
            shipped_on=date(2026, 3, 4),
            user=warehouse,
        )
    invoice = ShipmentInvoice.objects.get(shipment=first).invoice
    # What the parcel holds: 2 screens and the only cable in stock.
    assert [
        (line.reference, line.quantity, line.unit_price_ht)
        for line in invoice.lines.order_by("position")
    ] == [("ECR-24", 2, Decimal("100.00")), ("CAB-2", 1, Decimal("12.50"))]
    # 200.00 + 12.50 = 212.50 HT; VAT 42.50; 255.00 TTC.
    assert (invoice.total_ht, invoice.total_vat, invoice.total_ttc) == (
        Decimal("212.50"),
        Decimal("42.50"),
        Decimal("255.00"),
    )
    # Paid at issue from the prepayment (285.00 − 255.00 = 30.00 left), so it is never
    # overdue and the order is not held while the cables are awaited.
    assert invoice.amount_due == Decimal("0.00")
    run_days(date(2026, 3, 5), date(2026, 3, 9))
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_SHIPPED
    # Cables arrive on 9 March; the job of 10 March reserves 2 for the backorder.
    cable.refresh_from_db()
    cable.stock_on_hand += 5
    cable.save(update_fields=["stock_on_hand"])
    run_day(date(2026, 3, 10))
    lines["CAB-2"].refresh_from_db()
    assert (lines["CAB-2"].quantity_reserved, lines["CAB-2"].quantity_backordered) == (3, 0)
    with time_machine.travel(paris(2026, 3, 10, 14, 0), tick=False):
        second = shipment_create(
            order=order,
            picks=[Pick(lines["CAB-2"].pk, 2)],
            carrier="Colissimo",
            shipped_on=date(2026, 3, 10),
            user=warehouse,
        )
    invoice = ShipmentInvoice.objects.get(shipment=second).invoice
    assert [(line.reference, line.quantity) for line in invoice.lines.order_by("position")] == [
        ("CAB-2", 2)
    ]
    # 2 × 12.50 = 25.00 HT; VAT 5.00; 30.00 TTC. Both invoices: 255.00 + 30.00 = 285.00.
    assert (invoice.total_ht, invoice.total_ttc) == (Decimal("25.00"), Decimal("30.00"))
    assert invoice.amount_due == Decimal("0.00")
    assert company_payment_credit(company=people[0]) == Decimal("0.00")
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED


# (preset, delivered on, last day of the complaint window), worked out by hand.
WINDOWS = [
    ("000", date(2026, 3, 16), date(2026, 3, 19)),  # Mon + 3 days = Thu
    ("001", date(2026, 3, 16), date(2026, 3, 18)),  # Mon + 2 days = Wed
    ("002", date(2026, 3, 16), date(2026, 3, 23)),  # Mon + 7 days = next Mon
    ("003", date(2026, 7, 20), date(2026, 7, 22)),  # Mon + 1 working day, 21 Jul BE holiday
    ("004", date(2026, 7, 13), date(2026, 7, 17)),  # Mon + 3 days skipping 14 Jul FR = Fri
]


@pytest.mark.parametrize(("code", "delivered", "last_day"), WINDOWS)
def test_complaint_inside_and_outside_the_window(code, delivered, last_day):
    preset_terms(code)
    people = company_with_people()
    placed = delivered - timedelta(days=7)
    item = product(reference="ECR-24", stock_on_hand=10)
    if code in ("001", "004"):  # deferred terms: confirmed at signing
        grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    order = signed_order(
        placed_at=paris(placed.year, placed.month, placed.day, 10, 0),
        people=people,
        lines=[(item, 2)],
    )
    if order.status == OrderStatus.AWAITING_PAYMENT:
        pay_by_transfer(order, received_on=placed + timedelta(days=1))
    assert order.status == OrderStatus.CONFIRMED
    warehouse = staff_in("prepare_order")
    with time_machine.travel(paris(delivered.year, delivered.month, delivered.day, 12, 0)):
        order_prepare(order=order, actor=Actor.of_user(warehouse))
        line = order.lines.get(reference="ECR-24")
        shipment = shipment_create(
            order=order,
            picks=[Pick(line.pk, 2)],
            carrier="DHL",
            shipped_on=delivered,
            user=warehouse,
        )
        shipment_deliver(shipment=shipment, delivered_on=delivered, user=warehouse)
    run_days(delivered + timedelta(days=1), last_day + timedelta(days=1))

    def complain(at):
        return complaint_record(
            shipment=shipment,
            order_line_id=line.pk,
            kind=ComplaintKind.DAMAGED,
            quantity=1,
            description="Écran fissuré à la livraison.",
            user=people[2],
            now=at,
        )

    # The last minute of the last day is inside; one minute after the window is refused.
    complain(paris(last_day.year, last_day.month, last_day.day, 23, 59))
    after = last_day + timedelta(days=1)
    with pytest.raises(BusinessError) as error:
        complain(paris(after.year, after.month, after.day, 0, 1))
    assert error.value.code == "complaint_window_closed"
    assert f"{last_day:%d/%m/%Y}" in error.value.message
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED  # a complaint suspends nothing


def test_001_cancellation_after_acceptance_costs_35_percent_of_ttc():
    preset_terms("001")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    # 3 × 151.99 HT = 455.97 HT; VAT 20 % = 91.194 → 91.19; TTC 547.16.
    order = signed_order(
        placed_at=paris(2026, 3, 2, 10, 0),
        people=people,
        lines=[(product(price_ht=Decimal("151.99")), 3)],
    )
    assert (order.status, order.total_ttc) == (OrderStatus.CONFIRMED, Decimal("547.16"))
    run_days(date(2026, 3, 3), date(2026, 3, 5))
    order.refresh_from_db()
    # 35 % of 547.16 = 191.506 → 191.51 (half-up to the cent).
    assert cancellation_decision(order=order).fee == Decimal("191.51")
    with time_machine.travel(paris(2026, 3, 5, 11, 0), tick=False):
        order_cancel_by_customer(order=order, user=people[1], reason="Projet abandonné")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    invoice = OrderFeeInvoice.objects.get(order=order, cause=FeeCause.CANCELLATION).invoice
    assert (invoice.kind, invoice.total_ht, invoice.total_vat, invoice.total_ttc) == (
        InvoiceKind.FEE,
        Decimal("191.51"),
        Decimal("0.00"),
        Decimal("191.51"),
    )
    run_day(date(2026, 3, 6))  # nothing undoes it
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
