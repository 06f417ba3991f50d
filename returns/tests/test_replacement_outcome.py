"""Replacement and standard exchange send goods through orders: a free shipment of the
original order, stock reserved, never invoiced; the serial numbers shipped on the
invoice are those the warehouse read; an invoice not made from an order's shipment
cannot be replaced."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from billing.models import Invoice, InvoiceKind
from core.errors import BusinessError
from orders.models import ReplacementStatus
from orders.services.replacements import replacement_ship
from orders.tests.factories import paris
from orders.tests.lifecycle import shipped_order
from returns.choices import Outcome
from returns.models import ReturnStatus
from returns.tests.factories import customer, invoice, preset_published, product
from returns.tests.flow import at, authorised, decided, processed, received, requested

pytestmark = pytest.mark.django_db
D = date


def test_001_standard_exchange_ships_a_free_unit_of_the_original_order():
    with at(D(2026, 3, 2)):
        order, line, screen, warehouse, sold = shipped_order(
            "001", placed_at=paris(2026, 3, 1, 15, 0), shipped_on=D(2026, 3, 2)
        )
    buyer = order.company.memberships.get(roles=["buyer"]).user
    # 001 invoices at delivery: 2 March; the exchange is possible until 2 March + 30 days
    # = 1 April.
    assert sold.issue_date == D(2026, 3, 2)
    invoice_line = sold.lines.get()
    assert invoice_line.serial_numbers == ["SN-1", "SN-2"]
    with pytest.raises(BusinessError) as unknown:
        requested(
            on=D(2026, 3, 20),
            company=order.company,
            user=buyer,
            invoice_line=invoice_line,
            serial_numbers=("SN-7",),
        )
    assert unknown.value.code == "return_serial_unknown"  # not shipped on that invoice
    rma = requested(
        on=D(2026, 3, 20),
        company=order.company,
        user=buyer,
        invoice_line=invoice_line,
        serial_numbers=("SN-2",),
    )
    rma = authorised(rma, on=D(2026, 3, 20))
    rma = received(rma, on=D(2026, 4, 1))  # the last day of the exchange window
    # 001 art. 13: the way back ("réexpédition") is the buyer's, at the cost staff enter.
    rma = decided(
        rma,
        on=D(2026, 4, 1),
        outcome=Outcome.STANDARD_EXCHANGE,
        reshipping_costs_ht=Decimal("15.00"),
    )
    rma = processed(rma, on=D(2026, 4, 1))
    assert rma.status == ReturnStatus.PROCESSED
    replacement = rma.lines.get().replacement.replacement
    assert (replacement.order_line, replacement.quantity, replacement.reference) == (
        line,
        1,
        rma.rma_number,
    )
    screen.refresh_from_db()
    # 3 on hand - 2 sold = 1; the exchange reserves it.
    assert (screen.stock_on_hand, screen.stock_reserved, replacement.quantity_reserved) == (1, 1, 1)
    # Shipped the same day: on 2 April the sale's invoice (due 2 March + 30 days = 1 April)
    # would be overdue and the company's deliveries, replacements included, suspended.
    with at(D(2026, 4, 1)):
        shipment = replacement_ship(
            replacement=replacement,
            carrier="DHL",
            shipped_on=D(2026, 4, 1),
            serial_numbers=("SN-3",),
            user=warehouse,
        )
    replacement.refresh_from_db()
    assert (replacement.status, shipment.free_of_charge) == (ReplacementStatus.SHIPPED, True)
    # The sale (2 x 100.00 HT) and the way back (15.00 HT, fee invoice); the exchanged
    # unit itself is never invoiced.
    assert list(Invoice.objects.order_by("pk").values_list("kind", "total_ht")) == [
        (InvoiceKind.GOODS_AND_SERVICES, Decimal("200.00")),
        (InvoiceKind.FEE, Decimal("15.00")),
    ]
    # The buyer follows the parcel on the return's page.
    client = Client()
    client.force_login(buyer)
    with at(D(2026, 4, 1)):
        page = client.get(f"/mes-retours/{rma.pk}/").content.decode()
    assert f"Envoyé : colis {shipment.number} (DHL)" in page
    assert "à nos frais" not in page
    # The fees fixed at the decision: the way back alone, invoiced apart.
    assert 'data-fee="15.00">Frais de réexpédition' in page


def test_a_replacement_needs_an_invoice_made_from_an_orders_shipment():
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    sold = invoice(
        company=company, terms=terms, lines=[("UC-1", 1, "800.00", ())], issued=D(2026, 3, 2)
    )
    rma = requested(on=D(2026, 3, 20), company=company, user=buyer, invoice_line=sold.lines.get())
    rma = authorised(rma, on=D(2026, 3, 20))
    rma = received(rma, on=D(2026, 3, 25))
    with pytest.raises(BusinessError) as refused:
        decided(rma, on=D(2026, 3, 25), outcome=Outcome.REPLACEMENT)
    assert refused.value.code == "return_outcome_no_order"
