"""Free replacements after a return: serial numbers recorded per shipment line reach the
invoice; a replacement reserves stock, ships in a free shipment of the original order
through the shipment services and is never invoiced, at shipping or at delivery; a
cancelled one gives its units back."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from billing.models import Invoice
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import TransitionRefused
from orders.models import OrderStatus, ReplacementStatus
from orders.rules import invoice_at_delivery
from orders.services.lifecycle import order_prepare
from orders.services.replacements import (
    replacement_cancel,
    replacement_create,
    replacement_ship,
    replacement_source_line,
)
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tests.factories import company_with_people, grant_deferred_terms, paris, product
from orders.tests.lifecycle import preset_terms, shipped_order, signed_order, staff_in

pytestmark = pytest.mark.django_db

PLACED = paris(2026, 3, 10, 15, 0)
AFTER_SALES = Actor.of_job("tests")


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(paris(2026, 3, 20, 10, 0), tick=False):
        yield


@pytest.mark.parametrize(("code", "at_delivery"), [("004", False), ("001", True)])
def test_a_replacement_ships_free_and_is_never_invoiced(code, at_delivery):
    order, line, screen, warehouse, invoice = shipped_order(code, placed_at=PLACED)
    assert invoice_at_delivery(order=order) is at_delivery
    # The serial numbers read by the warehouse are on the invoice line.
    (invoiced,) = invoice.lines.all()
    assert (invoiced.reference, invoiced.serial_numbers) == ("ECR-24", ["SN-1", "SN-2"])
    assert replacement_source_line(invoice_id=invoice.pk, reference="ECR-24") == line
    screen.refresh_from_db()
    assert (screen.stock_on_hand, screen.stock_reserved) == (1, 0)  # 3 - 2 shipped

    replacement = replacement_create(
        order_line=line,
        quantity=1,
        reference="RMA-2026-000001",
        reason="échange standard",
        actor=AFTER_SALES,
    )
    screen.refresh_from_db()
    assert (replacement.quantity_reserved, screen.stock_reserved) == (1, 1)
    shipment = replacement_ship(
        replacement=replacement,
        carrier="Colissimo",
        shipped_on=date(2026, 3, 20),
        serial_numbers=["SN-9"],
        user=warehouse,
    )
    assert (shipment.number, shipment.free_of_charge) == (f"{order.number}-R1", True)
    assert [(s.quantity, s.serial_numbers) for s in shipment.lines.all()] == [(1, ["SN-9"])]
    replacement.refresh_from_db()
    assert (replacement.status, replacement.shipment) == (ReplacementStatus.SHIPPED, shipment)
    screen.refresh_from_db()
    assert (screen.stock_on_hand, screen.stock_reserved) == (0, 0)  # 1 - 1 sent, reserved 0
    line.refresh_from_db()
    assert line.quantity_shipped == 2  # the sale's quantities do not change
    shipment_deliver(shipment=shipment, delivered_on=date(2026, 3, 20), user=warehouse)
    assert Invoice.objects.count() == 1  # only the sale's: no invoice at shipping or delivery
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    with pytest.raises(TransitionRefused):
        replacement_ship(
            replacement=replacement, carrier="DHL", shipped_on=date(2026, 3, 20), user=warehouse
        )


def test_stock_short_then_cancelled_gives_the_units_back():
    _order, line, screen, warehouse, _invoice = shipped_order("004", placed_at=PLACED)
    # 1 screen left: a replacement of 2 reserves 1, and cannot ship until 1 more arrives.
    replacement = replacement_create(
        order_line=line,
        quantity=2,
        reference="RMA-2026-000002",
        reason="remplacement",
        actor=AFTER_SALES,
    )
    assert replacement.quantity_reserved == 1
    with pytest.raises(BusinessError) as short:
        replacement_ship(
            replacement=replacement, carrier="DHL", shipped_on=date(2026, 3, 20), user=warehouse
        )
    assert short.value.code == "replacement_not_reserved"
    replacement_cancel(replacement=replacement, reason="avoir à la place", actor=AFTER_SALES)
    screen.refresh_from_db()
    assert (screen.stock_on_hand, screen.stock_reserved) == (1, 0)
    assert replacement.status == ReplacementStatus.CANCELLED


def test_bad_input_quantities_and_serials():
    _order, line, _screen, warehouse, _invoice = shipped_order("004", placed_at=PLACED)
    with pytest.raises(BusinessError) as too_many:
        replacement_create(
            order_line=line, quantity=3, reference="RMA", reason="x", actor=AFTER_SALES
        )
    assert too_many.value.code == "replacement_quantity"  # 2 shipped, 3 asked
    replacement = replacement_create(
        order_line=line, quantity=1, reference="RMA", reason="x", actor=AFTER_SALES
    )
    with pytest.raises(BusinessError) as serials:
        replacement_ship(
            replacement=replacement,
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            serial_numbers=["SN-7", "SN-8"],  # two serials for one unit
            user=warehouse,
        )
    assert serials.value.code == "shipment_serials"


def test_a_shipment_refuses_more_serials_than_units_or_a_serial_twice():
    preset_terms("004")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    screen = product(reference="ECR-24", designation="Écran 24 pouces", stock_on_hand=3)
    order = signed_order(placed_at=PLACED, people=people, lines=[(screen, 2)])
    warehouse = staff_in("prepare_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = order.lines.get(reference="ECR-24")
    for serials in (("SN-1", "SN-2", "SN-3"), ("SN-1", "SN-1")):
        with pytest.raises(BusinessError) as refused:
            shipment_create(
                order=order,
                picks=[Pick(line.pk, 2, serials)],
                carrier="DHL",
                shipped_on=date(2026, 3, 20),
                user=warehouse,
            )
        assert refused.value.code == "shipment_serials"


def test_the_warehouse_ships_a_replacement_from_the_admin_and_bad_input_is_kept(client):
    _order, line, _screen, warehouse, _invoice = shipped_order("004", placed_at=PLACED)
    replacement = replacement_create(
        order_line=line, quantity=1, reference="RMA-2026-000003", reason="x", actor=AFTER_SALES
    )
    client.force_login(warehouse)
    url = f"/admin/orders/replacement/{replacement.pk}/ship/"
    form = {"carrier": "DHL", "shipped_on": "2026-03-20", "serials": "SN-8 SN-9"}
    refused = client.post(url, form)
    # Two serial numbers for one unit: the form comes back with the message and the input.
    assert refused.status_code == 400
    assert "au plus un numéro de série par unité" in refused.content.decode()
    assert "SN-8 SN-9" in refused.content.decode()
    shipped = client.post(url, {**form, "serials": "SN-8"})
    assert shipped.status_code == 302
    replacement.refresh_from_db()
    assert replacement.status == ReplacementStatus.SHIPPED
    assert replacement.shipment.lines.get().serial_numbers == ["SN-8"]
