"""The order's life through its services: preparation, partial and complete shipments,
deliveries, closing, holds and releases, staff cancellation; the timeline the customer
reads in French, English and Dutch."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from accounts.models import CompanyCommercialSettings
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import TransitionRefused
from orders.models import HoldCode, OrderStatus, Shipment, ShipmentInvoice, ShipmentStatus
from orders.services.cancellations import order_cancel_by_staff
from orders.services.holds import order_hold, order_release, run_release_holds
from orders.services.lifecycle import order_close, order_prepare
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tests.factories import company_with_people, grant_deferred_terms, paris, product
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from orders.timeline import order_timeline

pytestmark = pytest.mark.django_db

PLACED = paris(2026, 3, 10, 15, 0)  # a Tuesday


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(paris(2026, 3, 20, 10, 0), tick=False):
        yield


@pytest.fixture
def world():
    preset_terms("004")
    people = company_with_people()
    grant_deferred_terms(people[0], credit_limit=Decimal("10000.00"))
    screen = product(reference="ECR-24", designation="Écran 24 pouces", stock_on_hand=10)
    cable = product(reference="CAB-2", designation="Câble HDMI", stock_on_hand=1)
    order = signed_order(placed_at=PLACED, people=people, lines=[(screen, 2), (cable, 3)])
    return {
        "order": order,
        "people": people,
        "screen": screen,
        "cable": cable,
        "warehouse": staff_in("prepare_order"),
        "sales": staff_in("manage_order"),
    }


def lines_by_reference(order):
    return {line.reference: line for line in order.lines.all()}


def test_deferred_order_is_confirmed_and_cable_backordered(world):
    order = world["order"]
    assert order.status == OrderStatus.CONFIRMED
    lines = lines_by_reference(order)
    # 3 cables ordered, 1 in stock: 1 reserved, 2 backordered.
    assert (lines["CAB-2"].quantity_reserved, lines["CAB-2"].quantity_backordered) == (1, 2)


def test_shipping_needs_preparation(world):
    order, warehouse = world["order"], world["warehouse"]
    line = lines_by_reference(order)["ECR-24"]
    with pytest.raises(BusinessError) as error:
        shipment_create(
            order=order,
            picks=[Pick(line.pk, 1)],
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            user=warehouse,
        )
    assert error.value.code == "order_not_shippable"


def test_partial_then_complete_shipment_and_delivery(world):
    order, warehouse = world["order"], world["warehouse"]
    lines = lines_by_reference(order)
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    first = shipment_create(
        order=order,
        picks=[Pick(lines["ECR-24"].pk, 2), Pick(lines["CAB-2"].pk, 1)],
        carrier="DHL",
        tracking_number="JD0001",
        shipped_on=date(2026, 3, 20),
        user=warehouse,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_SHIPPED
    assert first.number == f"{order.number}-E1"
    # The invoice of what the parcel holds: 2 × 100.00 + 1 × 100.00 = 300.00 HT,
    # VAT 20 % 60.00, 360.00 TTC (004 counts the term from the invoice: issued at shipping).
    invoice = ShipmentInvoice.objects.get(shipment=first).invoice
    assert [(line.reference, line.quantity) for line in invoice.lines.order_by("position")] == [
        ("ECR-24", 2),
        ("CAB-2", 1),
    ]
    assert (invoice.total_ht, invoice.total_vat, invoice.total_ttc) == (
        Decimal("300.00"),
        Decimal("60.00"),
        Decimal("360.00"),
    )
    assert invoice.order_reference == order.number
    world["screen"].refresh_from_db()
    # 10 on hand, 2 reserved: 2 leave, both figures go down by 2.
    assert (world["screen"].stock_on_hand, world["screen"].stock_reserved) == (8, 0)

    # Shipping the 2 backordered cables before stock arrives is refused.
    with pytest.raises(BusinessError) as error:
        shipment_create(
            order=order,
            picks=[Pick(lines["CAB-2"].pk, 2)],
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            user=warehouse,
        )
    assert error.value.code == "shipment_not_reserved"
    # More than ordered: 3 cables ordered, 1 shipped, 3 asked.
    with pytest.raises(BusinessError) as error:
        shipment_create(
            order=order,
            picks=[Pick(lines["CAB-2"].pk, 3)],
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            user=warehouse,
        )
    assert error.value.code == "shipment_over_ordered"

    shipment_deliver(shipment=first, delivered_on=date(2026, 3, 20), user=warehouse)
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_SHIPPED  # the cables are still due

    # Stock arrives; the daily job reserves it for the backorder.
    world["cable"].stock_on_hand = 5
    world["cable"].save(update_fields=["stock_on_hand"])
    from orders.services.shipments import run_serve_backorders

    assert run_serve_backorders(as_of=date(2026, 3, 20))["served"] == 1
    assert run_serve_backorders(as_of=date(2026, 3, 20))["served"] == 0  # idempotent
    second = shipment_create(
        order=order,
        picks=[Pick(lines["CAB-2"].pk, 2)],
        carrier="Colissimo",
        shipped_on=date(2026, 3, 20),
        user=warehouse,
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.SHIPPED
    # The backordered cables: 2 × 100.00 = 200.00 HT on an invoice of their own.
    assert ShipmentInvoice.objects.get(shipment=second).invoice.total_ht == Decimal("200.00")
    shipment_deliver(shipment=second, delivered_on=date(2026, 3, 20), user=warehouse)
    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    assert Shipment.objects.filter(order=order, status=ShipmentStatus.DELIVERED).count() == 2
    order_close(order=order, actor=Actor.of_user(world["sales"]))
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED

    with translation.override("fr"):
        titles = [entry.title for entry in order_timeline(order=order)]
    assert titles == [
        "Commande passée par bon pour accord",
        "Préparation en cours dans notre entrepôt",
        "Une partie de la commande est expédiée",
        "Colis livré",
        "Article en reliquat réservé à son arrivée en stock",
        "Commande expédiée",
        "Commande livrée",
        "Dossier de la commande clôturé",
    ]
    with translation.override("en"):
        english = order_timeline(order=order)
    assert english[1].title == "Preparation under way in our warehouse"
    assert english[6].title == "Order delivered"
    with translation.override("nl"):
        dutch = order_timeline(order=order)
    assert dutch[6].title == "Bestelling geleverd"
    internal = {status.value for status in OrderStatus}
    for entry in [*english, *dutch]:
        assert entry.title not in internal
        assert "_" not in entry.title + entry.detail, entry  # never "in_preparation"


def test_delivery_date_bounds(world):
    order, warehouse = world["order"], world["warehouse"]
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = lines_by_reference(order)["ECR-24"]
    shipment = shipment_create(
        order=order,
        picks=[Pick(line.pk, 2)],
        carrier="DHL",
        shipped_on=date(2026, 3, 19),
        user=warehouse,
    )
    for day in (date(2026, 3, 18), date(2026, 3, 21)):  # before shipping; tomorrow
        with pytest.raises(BusinessError) as error:
            shipment_deliver(shipment=shipment, delivered_on=day, user=warehouse)
        assert error.value.code == "delivery_date_invalid"


def suspend(company, reason="Factures impayées"):
    CompanyCommercialSettings.objects.filter(company=company).update(
        delivery_suspended=True, delivery_suspension_reason=reason
    )


def test_shipping_refused_while_deliveries_suspended(world):
    order, warehouse = world["order"], world["warehouse"]
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    suspend(order.company)
    line = lines_by_reference(order)["ECR-24"]
    with pytest.raises(BusinessError) as error:
        shipment_create(
            order=order,
            picks=[Pick(line.pk, 1)],
            carrier="DHL",
            shipped_on=date(2026, 3, 20),
            user=warehouse,
        )
    assert error.value.code == "deliveries_suspended"
    assert not Shipment.objects.exists()


def test_preparing_a_suspended_company_s_order_holds_it(world):
    order = world["order"]
    suspend(order.company)
    with pytest.raises(BusinessError) as error:
        order_prepare(order=order, actor=Actor.of_user(world["warehouse"]))
    assert error.value.code == "order_held"
    order.refresh_from_db()
    assert (order.status, order.hold_code, order.held_from) == (
        OrderStatus.ON_HOLD,
        HoldCode.DELIVERY_SUSPENDED,
        OrderStatus.CONFIRMED,
    )
    # The job cannot release it while the suspension lasts...
    assert run_release_holds(as_of=date(2026, 3, 20)) == {"held": 0, "released": 0}
    with pytest.raises(BusinessError) as error:
        order_release(order=order, actor=Actor.of_user(world["sales"]))
    assert error.value.code == "hold_cause_remains"
    # ...and releases it, back to confirmed, once the arrears are paid.
    CompanyCommercialSettings.objects.filter(company=order.company).update(
        delivery_suspended=False, delivery_suspension_reason=""
    )
    assert run_release_holds(as_of=date(2026, 3, 20)) == {"held": 0, "released": 1}
    order.refresh_from_db()
    assert (order.status, order.hold_code, order.held_from) == (OrderStatus.CONFIRMED, "", "")


def test_daily_job_holds_open_orders_of_a_suspended_company(world):
    order = world["order"]
    suspend(order.company)
    assert run_release_holds(as_of=date(2026, 3, 20)) == {"held": 1, "released": 0}
    assert run_release_holds(as_of=date(2026, 3, 20)) == {"held": 0, "released": 0}
    order.refresh_from_db()
    assert order.status == OrderStatus.ON_HOLD


def test_staff_hold_needs_a_reason_and_is_released_by_staff(world):
    order, sales = world["order"], world["sales"]
    with pytest.raises(BusinessError) as error:
        order_hold(order=order, code=HoldCode.STAFF, detail="  ", actor=Actor.of_user(sales))
    assert error.value.code == "hold_reason_required"
    order_hold(
        order=order,
        code=HoldCode.STAFF,
        detail="Adresse de livraison à confirmer",
        actor=Actor.of_user(sales),
    )
    assert run_release_holds(as_of=date(2026, 3, 20))["released"] == 0  # staff's own hold
    order_release(order=order, actor=Actor.of_user(sales), reason="Adresse confirmée")
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    with translation.override("en"):
        timeline = order_timeline(order=order)
    assert timeline[1].title == "Order put on hold"
    assert "Adresse de livraison à confirmer" in timeline[1].detail


def test_staff_cancellation_releases_stock(world):
    order, sales = world["order"], world["sales"]
    with pytest.raises(BusinessError) as error:
        order_cancel_by_staff(order=order, user=sales, reason="")
    assert error.value.code == "cancellation_reason_required"
    order_cancel_by_staff(order=order, user=sales, reason="Client injoignable")
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    world["screen"].refresh_from_db()
    world["cable"].refresh_from_db()
    assert world["screen"].stock_reserved == 0
    assert world["cable"].stock_reserved == 0
    with pytest.raises(TransitionRefused):
        order_prepare(order=order, actor=Actor.of_user(world["warehouse"]))


def test_arrears_signal_holds_then_releases_open_orders(world):
    from billing.signals import company_arrears_changed

    order = world["order"]
    company = order.company
    suspend(company, reason="Facture F-2026-000012 impayée")
    company_arrears_changed.send(sender=None, company_id=company.pk, suspended=True)
    order.refresh_from_db()
    assert (order.status, order.hold_code) == (OrderStatus.ON_HOLD, HoldCode.DELIVERY_SUSPENDED)
    with translation.override("en"):
        held = order_timeline(order=order)[-1]
    assert held.title == "Order put on hold"
    assert held.detail == "Deliveries suspended — Facture F-2026-000012 impayée"
    CompanyCommercialSettings.objects.filter(company=company).update(
        delivery_suspended=False, delivery_suspension_reason=""
    )
    company_arrears_changed.send(sender=None, company_id=company.pk, suspended=False)
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED


def test_overdue_invoice_holds_open_orders_until_paid(world):
    from billing.services.invoices import invoice_apply_settlement

    order, warehouse = world["order"], world["warehouse"]
    lines = lines_by_reference(order)
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    first = shipment_create(
        order=order,
        picks=[Pick(lines["ECR-24"].pk, 2)],
        carrier="DHL",
        shipped_on=date(2026, 3, 20),
        user=warehouse,
    )
    invoice = ShipmentInvoice.objects.get(shipment=first).invoice
    # Issued 20 March, 30 days: due 19 April; late from 20 April.
    assert invoice.due_date == date(2026, 4, 19)
    second = signed_order(
        placed_at=paris(2026, 3, 20, 9, 0), people=world["people"], lines=[(world["screen"], 1)]
    )
    assert run_release_holds(as_of=date(2026, 4, 19))["held"] == 0
    assert run_release_holds(as_of=date(2026, 4, 20))["held"] == 2  # both open orders
    second.refresh_from_db()
    assert (second.hold_code, second.hold_detail) == (HoldCode.OVERDUE_INVOICES, invoice.number)
    invoice_apply_settlement(
        invoice=invoice,
        amount=invoice.total_ttc,
        on=date(2026, 4, 21),
        source="payment",
        source_id=1,
        actor=Actor.of_job("test"),
    )
    assert run_release_holds(as_of=date(2026, 4, 21))["released"] == 2
    second.refresh_from_db()
    assert second.status == OrderStatus.CONFIRMED


def test_substitution_with_the_customer_s_agreement(world):
    from orders.services.substitutions import order_line_substitute

    order, sales = world["order"], world["sales"]
    cable = lines_by_reference(order)["CAB-2"]
    other = product(reference="CAB-2B", designation="Câble HDMI 2.1", stock_on_hand=5)
    with pytest.raises(BusinessError) as error:
        order_line_substitute(line=cable, reference="CAB-2B", agreement=" ", user=sales)
    assert error.value.code == "substitution_agreement_required"
    with pytest.raises(BusinessError) as error:
        order_line_substitute(line=cable, reference="NOPE", agreement="Tél. 12/03", user=sales)
    assert error.value.code == "substitution_product_invalid"
    order_line_substitute(
        line=cable, reference="CAB-2B", agreement="Accord de M. Durand par e-mail", user=sales
    )
    cable.refresh_from_db()
    # 3 ordered, 5 in stock of the new cable: all reserved, nothing backordered; the agreed
    # price stays.
    assert (cable.reference, cable.quantity_reserved, cable.quantity_backordered) == (
        "CAB-2B",
        3,
        0,
    )
    assert cable.unit_price_ht == Decimal("100.00")
    world["cable"].refresh_from_db()
    other.refresh_from_db()
    assert (world["cable"].stock_reserved, other.stock_reserved) == (0, 3)
    with translation.override("en"):
        last = order_timeline(order=order)[-1]
    assert last.title == "Item replaced by an equivalent, with your agreement"
    assert "CAB-2 → CAB-2B × 3" in last.detail


def test_admin_moves_by_permission(client, world):
    order = world["order"]
    url = reverse("admin:orders_order_move", args=[order.pk, "prepare"])
    client.force_login(world["sales"])  # sales may hold, not prepare
    assert client.post(url, {"reason": ""}).status_code == 403
    warehouse = world["warehouse"]
    warehouse.user_permissions.add(Permission.objects.get(codename="view_order"))
    client.force_login(warehouse)
    response = client.post(url, {"reason": ""})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_PREPARATION
    line = lines_by_reference(order)["ECR-24"]
    ship = reverse("admin:orders_order_move", args=[order.pk, "ship"])
    # More than ordered: refused next to the form, nothing shipped.
    response = client.post(
        ship,
        {
            "carrier": "DHL",
            "parcels": "1",
            "shipped_on": "20/03/2026",
            f"line_{line.pk}": "3",
            f"line_{lines_by_reference(order)['CAB-2'].pk}": "0",
        },
    )
    assert response.status_code == 400
    assert "il ne reste que 2" in response.content.decode()
    assert not Shipment.objects.exists()
