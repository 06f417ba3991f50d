"""Pickup at the seller's by appointment (003 art. 5.7: goods held 15 days from the
appointment, then the sale cancelled by the daily job) and the removal of an unavailable
product with the customer's agreement (000 art. 5, 001 art. 4, 002 art. 9)."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from billing.services.allocations import company_payment_credit, payment_record
from core.audit import Actor
from core.errors import BusinessError
from orders.models import OrderStatus, PickupAppointment
from orders.services.pickups import order_pickup_appointment_set
from orders.services.unavailable import order_line_unavailable_remove
from orders.tests.factories import company_with_people, deliver_outbox, paris, product
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from orders.timeline import order_timeline
from shop.models.terms_choices import PaymentMethod

pytestmark = pytest.mark.django_db


def run_day(day: date) -> None:
    with time_machine.travel(paris(day.year, day.month, day.day, 2, 0), tick=False):
        call_command("run_daily_jobs", "--date", day.isoformat())
        deliver_outbox()


def pay_by_transfer(order, *, received_on: date):
    """Billing's own path: staff record the transfer quoting the order number."""
    return payment_record(
        company=order.company,
        method=PaymentMethod.TRANSFER,
        amount=order.total_ttc,
        received_on=received_on,
        reference=f"VIR {order.number}",
        actor=Actor.of_user(staff_in()),
        order_reference=order.number,
    )


def test_003_pickup_held_15_days_from_the_appointment_then_cancelled():
    preset_terms("003")
    people = company_with_people()
    item = product(stock_on_hand=5)
    order = signed_order(placed_at=paris(2026, 10, 26, 10, 0), people=people, lines=[(item, 2)])
    with time_machine.travel(paris(2026, 10, 27, 9, 0), tick=False):
        pay_by_transfer(order, received_on=date(2026, 10, 27))
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    sales = staff_in("manage_order")
    with time_machine.travel(paris(2026, 10, 28, 11, 0), tick=False):
        with pytest.raises(BusinessError) as error:
            order_pickup_appointment_set(
                order=order, appointment_at=paris(2026, 10, 28, 10, 0), user=sales
            )
        assert error.value.code == "pickup_in_the_past"
        order_pickup_appointment_set(
            order=order, appointment_at=paris(2026, 11, 2, 14, 30), user=sales
        )
    # Appointment Monday 2 November 2026: 15 days from it end with Tuesday 17 November
    # (2 + 15 = 17); the job of Wednesday 18 November cancels.
    assert "jusqu'au 17/11/2026 inclus" in order_timeline(order=order)[-1].detail
    for day in (date(2026, 11, 2), date(2026, 11, 16), date(2026, 11, 17)):
        run_day(day)
        order.refresh_from_db()
        assert order.status == OrderStatus.CONFIRMED, day
    mail.outbox.clear()
    run_day(date(2026, 11, 18))
    order.refresh_from_db()
    item.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert item.stock_reserved == 0
    body = next(m.body for m in mail.outbox if order.number in m.subject)
    assert "Marchandise non retirée dans le délai prévu par nos conditions de vente" in body
    assert "reste à votre crédit ou vous est remboursé" in body
    # The transfer stays as the customer's credit in billing, for staff to refund.
    assert company_payment_credit(company=people[0]) == order.total_ttc
    run_day(date(2026, 11, 18))  # replayed: nothing more
    # One e-mail to the signatory, one to the buyer.
    assert len([m for m in mail.outbox if order.number in m.subject]) == 2


def test_pickup_only_where_the_terms_offer_it_and_once_paid():
    preset_terms("002")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 10, 26, 10, 0), people=people)
    sales = staff_in("manage_order")
    with (
        time_machine.travel(paris(2026, 10, 27, 9, 0), tick=False),
        pytest.raises(BusinessError) as error,
    ):
        order_pickup_appointment_set(
            order=order, appointment_at=paris(2026, 11, 2, 10, 0), user=sales
        )
    assert error.value.code == "pickup_not_offered"
    assert not PickupAppointment.objects.exists()


def test_pickup_needs_a_paid_order_under_003():
    preset_terms("003")
    order = signed_order(placed_at=paris(2026, 10, 26, 10, 0))
    with (
        time_machine.travel(paris(2026, 10, 26, 11, 0), tick=False),
        pytest.raises(BusinessError) as error,
    ):
        order_pickup_appointment_set(
            order=order, appointment_at=paris(2026, 11, 2, 10, 0), user=staff_in()
        )
    assert error.value.code == "pickup_not_possible"


def test_unavailable_units_removed_with_agreement_and_paid_excess_kept_as_credit():
    preset_terms("000")
    people = company_with_people()
    screen = product(reference="ECR-24", stock_on_hand=10)
    cable = product(reference="CAB-2", price_ht=Decimal("10.00"), stock_on_hand=1)
    with time_machine.travel(paris(2026, 3, 10, 15, 0), tick=False):
        order = signed_order(
            placed_at=paris(2026, 3, 10, 15, 0), people=people, lines=[(screen, 2), (cable, 3)]
        )
    # 2 x 100.00 + 3 x 10.00 = 230.00 HT, VAT 20 % = 46.00, 276.00 TTC.
    assert order.total_ttc == Decimal("276.00")
    with time_machine.travel(paris(2026, 3, 11, 9, 0), tick=False):
        pay_by_transfer(order, received_on=date(2026, 3, 11))
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    line = order.lines.get(reference="CAB-2")
    assert (line.quantity_reserved, line.quantity_backordered) == (1, 2)
    sales = staff_in("manage_order")
    with pytest.raises(BusinessError) as error:
        order_line_unavailable_remove(line=line, quantity=2, agreement=" ", user=sales)
    assert error.value.code == "unavailable_agreement_required"
    with pytest.raises(BusinessError) as error:
        order_line_unavailable_remove(line=line, quantity=4, agreement="Tél. 11/03", user=sales)
    assert (error.value.code, error.value.field) == ("unavailable_quantity", "quantity")
    with time_machine.travel(paris(2026, 3, 12, 9, 0), tick=False):
        order = order_line_unavailable_remove(
            line=line, quantity=2, agreement="M. Achat, tél. 12/03", user=sales
        )
    line.refresh_from_db()
    cable.refresh_from_db()
    # The 2 backordered cables go first: the reserved one stays reserved.
    assert (line.quantity, line.quantity_reserved, line.quantity_backordered) == (1, 1, 0)
    assert line.line_total_ht == Decimal("10.00")
    assert cable.stock_reserved == 1
    # 2 x 100.00 + 1 x 10.00 = 210.00 HT, VAT 42.00, 252.00 TTC: 276.00 - 252.00 = 24.00
    # paid beyond the new total stays as the customer's credit.
    assert (order.total_ht, order.total_vat, order.total_ttc) == (
        Decimal("210.00"),
        Decimal("42.00"),
        Decimal("252.00"),
    )
    assert company_payment_credit(company=people[0]) == Decimal("276.00")  # not yet invoiced
    detail = order_timeline(order=order)[-1].detail
    assert "CAB-2 × 2" in detail and "24,00" in detail
    # The last cable too: the line goes and its reserved unit is free again.
    with time_machine.travel(paris(2026, 3, 12, 10, 0), tick=False):
        order = order_line_unavailable_remove(
            line=line, quantity=1, agreement="M. Achat, tél. 12/03", user=sales
        )
    cable.refresh_from_db()
    assert cable.stock_reserved == 0
    assert not order.lines.filter(reference="CAB-2").exists()
    assert order.total_ttc == Decimal("240.00")  # 200.00 HT + 40.00 VAT


def test_unavailable_removal_confirms_an_order_its_payment_now_covers():
    preset_terms("000")
    people = company_with_people()
    screen = product(reference="ECR-24", stock_on_hand=10)
    cable = product(reference="CAB-2", price_ht=Decimal("10.00"), stock_on_hand=0)
    with time_machine.travel(paris(2026, 3, 10, 15, 0), tick=False):
        order = signed_order(
            placed_at=paris(2026, 3, 10, 15, 0), people=people, lines=[(screen, 1), (cable, 1)]
        )
    # The customer paid only for the screen: 100.00 HT + 20.00 VAT = 120.00.
    with time_machine.travel(paris(2026, 3, 11, 9, 0), tick=False):
        payment_record(
            company=people[0],
            method=PaymentMethod.TRANSFER,
            amount=Decimal("120.00"),
            received_on=date(2026, 3, 11),
            reference="VIR",
            actor=Actor.of_user(staff_in()),
            order_reference=order.number,
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT  # 132.00 due, 120.00 paid
    order = order_line_unavailable_remove(
        line=order.lines.get(reference="CAB-2"),
        quantity=1,
        agreement="Mail du 12/03",
        user=staff_in("manage_order"),
    )
    assert (order.status, order.total_ttc) == (OrderStatus.CONFIRMED, Decimal("120.00"))


def test_customer_sets_the_pickup_appointment_from_the_order_page(client):
    preset_terms("003")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 10, 26, 10, 0), people=people)
    with time_machine.travel(paris(2026, 10, 27, 9, 0), tick=False):
        pay_by_transfer(order, received_on=date(2026, 10, 27))
    client.force_login(people[2])  # a buyer
    page = reverse("orders:order_detail", args=[order.number])
    url = reverse("orders:order_pickup", args=[order.number])
    with time_machine.travel(paris(2026, 10, 28, 10, 0), tick=False):
        content = client.get(page).content.decode()
        assert 'data-action="pickup"' in content
        assert "15 jours à dater du rendez-vous" in content
        bad = client.post(url, {"appointment_at": "32/10/2026 10:00"})
        assert bad.status_code == 400
        text = bad.content.decode()
        assert "JJ/MM/AAAA HH:MM" in text and "32/10/2026 10:00" in text  # input kept
        past = client.post(url, {"appointment_at": "2026-10-27T10:00"})
        assert past.status_code == 400
        assert "rendez-vous à venir" in past.content.decode()
        assert not PickupAppointment.objects.exists()
        done = client.post(url, {"appointment_at": "2026-11-02T14:30"})
        assert done.status_code == 302
        assert PickupAppointment.objects.get(order=order).appointment_at == paris(
            2026, 11, 2, 14, 30
        )
        assert "02/11/2026 14:30" in client.get(page).content.decode()


def test_staff_remove_an_unavailable_article_from_the_admin(client):
    preset_terms("000")
    people = company_with_people()
    cable = product(reference="CAB-2", price_ht=Decimal("10.00"), stock_on_hand=0)
    order = signed_order(
        placed_at=paris(2026, 3, 10, 15, 0), people=people, lines=[(product(), 1), (cable, 3)]
    )
    line = order.lines.get(reference="CAB-2")
    sales = staff_in("manage_order", "view_order")
    client.force_login(sales)
    url = reverse("admin:orders_order_move", args=[order.pk, "unavailable"])
    assert 'name="agreement"' in client.get(url).content.decode()
    # More than the 3 units not shipped: refused beside the quantity, the input kept.
    refused = client.post(url, {"order_line": line.pk, "quantity": "4", "agreement": "Tél."})
    assert refused.status_code == 400
    assert "entre 1 et 3" in refused.content.decode()
    done = client.post(url, {"order_line": line.pk, "quantity": "3", "agreement": "Tél. 11/03"})
    assert done.status_code == 302
    assert not order.lines.filter(reference="CAB-2").exists()
    order.refresh_from_db()
    assert order.total_ttc == Decimal("120.00")  # the screen alone: 100.00 + 20 % VAT
