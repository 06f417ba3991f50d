"""The customer's "Mes commandes": filters (status, dates, amount) in a fixed number of
queries, the order page (parcels, documents, timeline, actions with deadline and cost),
its actions, and 404 for every URL naming another company's order or parcel."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from core.audit import Actor
from orders.models import OrderStatus
from orders.services.delivery_notes import delivery_note_store
from orders.services.lifecycle import order_prepare
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tests.factories import company_with_people, deliver_outbox, paris, product
from orders.tests.lifecycle import preset_terms, signed_order, staff_in

pytestmark = pytest.mark.django_db

NOW = paris(2026, 3, 20, 10, 0)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world():
    preset_terms("002")  # Belgian webshop: transfers, 7 days for non-conformity
    alpha = company_with_people(legal_name="ALPHA")
    beta = company_with_people(legal_name="BETA")
    cheap = product(reference="SOURIS", price_ht=Decimal("10.00"))
    dear = product(reference="PC-PRO", price_ht=Decimal("1000.00"))
    # A Belgian seller, French customers: reverse charge, no VAT. 2 mice: 20.00 HT = TTC.
    small = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=alpha, lines=[(cheap, 2)])
    # 1 PC: 1000.00 HT = TTC.
    big = signed_order(placed_at=paris(2026, 3, 16, 10, 0), people=alpha, lines=[(dear, 1)])
    other = signed_order(placed_at=paris(2026, 3, 16, 11, 0), people=beta, lines=[(cheap, 1)])
    return {"alpha": alpha, "beta": beta, "small": small, "big": big, "other": other}


def numbers(response):
    return [order.number for order in response.context["orders"]]


def test_filters_by_status_date_and_amount(client, world, django_assert_num_queries):
    client.force_login(world["alpha"][2])  # a buyer
    url = reverse("orders:order_list")
    small, big = world["small"], world["big"]
    assert numbers(client.get(url)) == [big.number, small.number]
    assert small.total_ttc == Decimal("20.00") and big.total_ttc == Decimal("1000.00")
    # Amount bounds are inclusive: 20.00 is within [20.00, 20.00], 19.99 excludes it.
    assert numbers(client.get(url, {"amount_min": "20.00", "amount_max": "20.00"})) == [
        small.number
    ]
    assert numbers(client.get(url, {"amount_max": "19.99"})) == []
    # Dates are the day placed in Paris: 2 March is in [2 March, 2 March], 3 March on is not.
    assert numbers(client.get(url, {"placed_from": "2026-03-02", "placed_to": "2026-03-02"})) == [
        small.number
    ]
    assert numbers(client.get(url, {"placed_from": "2026-03-03"})) == [big.number]
    assert numbers(client.get(url, {"status": OrderStatus.AWAITING_PAYMENT})) == [
        big.number,
        small.number,
    ]
    assert numbers(client.get(url, {"status": OrderStatus.SHIPPED})) == []
    # Bad bounds keep what was typed and show all orders.
    response = client.get(url, {"amount_min": "50", "amount_max": "10"})
    assert response.context["form"].errors["amount_max"]
    assert 'value="50"' in response.content.decode()
    # The list costs the same number of queries whatever the number of orders.
    with django_assert_num_queries(5):
        client.get(url, {"amount_min": "1"})


def test_another_company_s_orders_are_404(client, world):
    client.force_login(world["beta"][1])
    small = world["small"]
    for name in ("order_detail",):
        assert client.get(reverse(f"orders:{name}", args=[small.number])).status_code == 404
    for name in ("order_cancel", "order_modify", "order_non_delivery"):
        response = client.post(reverse(f"orders:{name}", args=[small.number]), {"confirm": "on"})
        assert response.status_code == 404
    assert world["other"].number not in numbers(
        (client.force_login(world["alpha"][1]), client.get(reverse("orders:order_list")))[1]
    )


def test_another_company_s_parcels_are_404(client, world):
    small = world["small"]
    big = world["big"]
    warehouse = staff_in("prepare_order")
    # Deferred terms are not offered under 002: confirm the way a payment would, by staff.
    from core.transitions import transition_apply

    transition_apply(big, to=OrderStatus.CONFIRMED, actor=Actor.of_job("test-payment"))
    order_prepare(order=big, actor=Actor.of_user(warehouse))
    line = big.lines.get(kind="goods")
    shipment = shipment_create(
        order=big,
        picks=[Pick(line.pk, 1)],
        carrier="bpost",
        shipped_on=date(2026, 3, 19),
        user=warehouse,
    )
    client.force_login(world["beta"][1])
    for name in ("shipment_complaint", "shipment_delivery_note"):
        url = reverse(f"orders:{name}", args=[big.number, shipment.number])
        assert client.get(url).status_code == 404
        # The right parcel under the wrong order is 404 too.
        client.force_login(world["alpha"][1])
        wrong = reverse(f"orders:{name}", args=[small.number, shipment.number])
        assert client.get(wrong).status_code == 404
        client.force_login(world["beta"][1])


def test_order_page_shows_parcels_documents_timeline_and_actions(client, world):
    big = world["big"]
    warehouse = staff_in("prepare_order")
    from core.transitions import transition_apply

    transition_apply(big, to=OrderStatus.CONFIRMED, actor=Actor.of_job("test-payment"))
    order_prepare(order=big, actor=Actor.of_user(warehouse))
    shipment = shipment_create(
        order=big,
        picks=[Pick(big.lines.get(kind="goods").pk, 1)],
        carrier="bpost",
        tracking_number="CD123BE",
        shipped_on=date(2026, 3, 18),
        user=warehouse,
    )
    shipment_deliver(shipment=shipment, delivered_on=date(2026, 3, 19), user=warehouse)
    delivery_note_store(payload={"shipment": shipment.pk})
    deliver_outbox()
    client.force_login(world["alpha"][1])
    response = client.get(reverse("orders:order_detail", args=[big.number]))
    page = response.content.decode()
    assert "CD123BE" in page and "bpost" in page
    assert "Bon de livraison" in page
    actions = {action.code: action for action in response.context["actions"]}
    # 002: cancellation free only before payment validation: refused now.
    assert not actions["cancel"].allowed
    # Delivered 19 March, 7 days: the last day is 26 March.
    assert actions["complain"].allowed
    assert actions["complain"].deadline == "jusqu'au 26/03/2026 inclus"
    note = client.get(reverse("orders:shipment_delivery_note", args=[big.number, shipment.number]))
    assert note.status_code == 200
    assert b"".join(note.streaming_content).startswith(b"%PDF-")
    # The invoice of the parcel, issued at shipping, with its PDF rendered by the worker.
    (invoice,) = response.context["invoices"]
    assert invoice.total_ht == Decimal("1000.00")
    url = reverse("orders:order_invoice_pdf", args=[big.number, invoice.number])
    assert invoice.number in page
    pdf = client.get(url)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    # Another company never reads it.
    client.force_login(world["beta"][1])
    assert client.get(url).status_code == 404
