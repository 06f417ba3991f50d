"""An order paid by LCR (004 art. 5): its invoice, issued at shipping, is due 30 days net
from its date and its draft is sent with it."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from billing.models import LcrDraft, LcrStatus
from core.audit import Actor
from orders.models import OrderStatus, ShipmentInvoice
from orders.services.lifecycle import order_prepare
from orders.services.shipments import Pick, shipment_create
from orders.tests.factories import company_with_people, grant_deferred_terms, paris, product
from orders.tests.lifecycle import preset_terms, signed_order, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(paris(2026, 3, 20, 10, 0), tick=False):
        yield


def test_an_lcr_order_is_invoiced_30_days_net_with_its_draft():
    preset_terms("004")
    people = company_with_people()
    grant_deferred_terms(
        people[0], credit_limit=Decimal("10000.00"), payment_methods=["transfer", "lcr"]
    )
    screen = product(reference="ECR-24", stock_on_hand=10)
    order = signed_order(
        placed_at=paris(2026, 3, 10, 15, 0),
        people=people,
        lines=[(screen, 2)],
        payment_method="lcr",
    )
    assert (order.status, order.payment_method) == (OrderStatus.CONFIRMED, "lcr")
    warehouse = staff_in("prepare_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = order.lines.get(reference="ECR-24")
    shipment = shipment_create(
        order=order,
        picks=[Pick(line.pk, 2)],
        carrier="DHL",
        shipped_on=date(2026, 3, 20),
        user=warehouse,
    )
    invoice = ShipmentInvoice.objects.get(shipment=shipment).invoice
    # Issued 20 March; 30 days net: 20 March + 30 days = 19 April (31 days in March).
    assert invoice.due_date == date(2026, 4, 19)
    draft = LcrDraft.objects.get(invoice=invoice)
    # 004: to be returned accepted within 30 days: by 19 April; 2 × 100,00 HT + 20 % = 240,00.
    assert (draft.status, draft.return_by, draft.amount) == (
        LcrStatus.AWAITING_RETURN,
        date(2026, 4, 19),
        Decimal("240.00"),
    )
