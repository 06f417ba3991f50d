"""A return's life under each preset, from the request to the billing documents, with the
coverage, fees and outcome checked at their boundaries against values worked out by hand."""

from datetime import date
from decimal import Decimal

import pytest

from billing.models import CreditNote, CreditNoteStatus, Invoice, InvoiceKind, LineKind
from core.errors import BusinessError
from returns.choices import Outcome
from returns.models import ReturnStatus
from returns.tests.factories import customer, invoice, preset_published, product
from returns.tests.flow import authorised, decided, processed, received, requested

pytestmark = pytest.mark.django_db
D = date


def _setup(code, *, lines, issued, delivered=None, **products):
    terms = preset_published(code)
    for reference, attributes in products.items():
        product(reference, **attributes)
    company, buyer = customer()
    sold = invoice(company=company, terms=terms, lines=lines, issued=issued, delivered=delivered)
    return company, buyer, sold.lines.get()


# --- coverage through the request service --------------------------------------------------


@pytest.mark.parametrize(
    ("code", "attributes", "issued", "delivered", "reason", "on", "expected"),
    [
        # 000: 15 Jan 2026 + 12 months -> covered through 14 Jan 2027.
        ("000", {}, D(2026, 1, 15), None, "defect", D(2027, 1, 14), D(2027, 1, 14)),
        ("000", {}, D(2026, 1, 15), None, "defect", D(2027, 1, 15), "standard_expired"),
        (
            "000",
            {"warranty_class": "software"},
            D(2026, 1, 15),
            None,
            "defect",
            D(2026, 2, 1),
            "excluded_class",
        ),
        (
            "000",
            {"manufacturer_warranty": True},
            D(2026, 1, 15),
            None,
            "defect",
            D(2026, 2, 1),
            "manufacturer_refused",
        ),
        # 002: legal warranty only; non-conformity 7 days from delivery on 2 Mar -> 9 Mar.
        ("002", {}, D(2026, 3, 2), D(2026, 3, 2), "defect", D(2026, 3, 3), "legal_only"),
        ("002", {}, D(2026, 3, 2), D(2026, 3, 2), "non_conformity", D(2026, 3, 9), D(2026, 3, 9)),
        (
            "002",
            {},
            D(2026, 3, 2),
            D(2026, 3, 2),
            "non_conformity",
            D(2026, 3, 10),
            "complaint_window_expired",
        ),
        # 003: bare electronics, 15 days from receipt on 2 Mar -> 17 Mar.
        (
            "003",
            {"warranty_class": "bare_electronics"},
            D(2026, 3, 2),
            D(2026, 3, 2),
            "defect",
            D(2026, 3, 17),
            D(2026, 3, 17),
        ),
        (
            "003",
            {"warranty_class": "bare_electronics"},
            D(2026, 3, 2),
            D(2026, 3, 2),
            "defect",
            D(2026, 3, 18),
            "bare_electronics_expired",
        ),
        # 004: distributor; commercial returns by agreement only.
        ("004", {}, D(2026, 3, 2), None, "defect", D(2026, 3, 3), "legal_only"),
        ("004", {}, D(2026, 3, 2), None, "commercial", D(2026, 9, 1), None),
    ],
)
def test_request_coverage_by_preset(code, attributes, issued, delivered, reason, on, expected):
    company, buyer, line = _setup(
        code,
        lines=[("ART-1", 1, "300.00", ())],
        issued=issued,
        delivered=delivered,
        **{"ART-1": attributes},
    )
    if isinstance(expected, str):
        with pytest.raises(BusinessError) as refused:
            requested(on=on, company=company, user=buyer, invoice_line=line, reason=reason)
        assert refused.value.code == f"return_not_covered_{expected}"
        assert refused.value.field == f"l{line.pk}_reason"
        return
    rma = requested(on=on, company=company, user=buyer, invoice_line=line, reason=reason)
    assert rma.status == ReturnStatus.REQUESTED
    assert rma.lines.get().covered_until == expected


# --- whole returns: fees and outcomes ------------------------------------------------------


def test_000_repair_without_packaging_costs_35_and_extends_the_warranty():
    company, buyer, line = _setup(
        "000", lines=[("UC-1", 1, "1500.00", ("SN-1",))], issued=D(2026, 1, 15), **{"UC-1": {}}
    )
    rma = requested(
        on=D(2026, 6, 1), company=company, user=buyer, invoice_line=line, serial_numbers=("SN-1",)
    )
    rma = authorised(rma, on=D(2026, 6, 2))
    assert rma.arrival_deadline == D(2026, 6, 16)  # 2 June + 14 days
    rma = received(rma, on=D(2026, 6, 10), packaging_ok=False)
    # 000 art. 7: the way back after repair is the seller's; no amount may be charged.
    with pytest.raises(BusinessError) as refused:
        decided(
            rma, on=D(2026, 6, 10), outcome=Outcome.REPAIR, reshipping_costs_ht=Decimal("18.50")
        )
    assert (refused.value.code, refused.value.field) == (
        "return_reshipping_not_charged",
        "reshipping_costs_ht",
    )
    rma = decided(rma, on=D(2026, 6, 10), outcome=Outcome.REPAIR)
    assert (rma.packaging_fee_ht, rma.handling_fee_ht) == (Decimal("35.00"), Decimal("0.00"))
    assert rma.reshipping_fee_ht == Decimal("0.00")
    rma = processed(rma, on=D(2026, 6, 20))
    fee = Invoice.objects.get(kind=InvoiceKind.FEE)
    # 35.00 HT + 20 % VAT = 42.00 TTC, and no reshipping line.
    assert (fee.total_ht, fee.total_ttc) == (Decimal("35.00"), Decimal("42.00"))
    assert [line.designation for line in fee.lines.all()] == [
        "Frais d'emballage d'origine manquant ou abîmé"
    ]
    assert rma.fee_invoices.get().invoice == fee
    # Immobilised 10 days (received 10 June, back 20 June), more than 7: the warranty ends
    # 10 days later, 15 Jan 2027 + 10 = 25 Jan (excluded) -> covered through 24 Jan 2027.
    assert rma.lines.get().immobilised_days == 10
    again = requested(
        on=D(2027, 1, 24), company=company, user=buyer, invoice_line=line, serial_numbers=("SN-1",)
    )
    assert again.lines.get().covered_until == D(2027, 1, 24)


def test_001_customer_caused_return_of_500_01_pays_350():
    company, buyer, line = _setup(
        "001",
        lines=[("PC-1", 1, "500.01", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
        **{"PC-1": {}},
    )
    rma = requested(on=D(2026, 3, 10), company=company, user=buyer, invoice_line=line)
    rma = authorised(rma, on=D(2026, 3, 10))
    rma = received(rma, on=D(2026, 3, 20))
    # Repaired (the exchange, allowed until 31 March, ships goods: test_replacement_outcome).
    rma = decided(
        rma,
        on=D(2026, 3, 20),
        outcome=Outcome.REPAIR,
        customer_caused=True,
        reshipping_costs_ht=Decimal("12.00"),
    )
    # 300.00 + 10 % of 500.01 (50.001 -> 50.00) = 350.00.
    assert rma.handling_fee_ht == Decimal("350.00")
    processed(rma, on=D(2026, 3, 21))
    # 350.00 of handling + 12.00 for the way back (001 art. 13) = 362.00 HT.
    assert Invoice.objects.get(kind=InvoiceKind.FEE).total_ht == Decimal("362.00")


def test_001_no_standard_exchange_after_30_days_of_the_invoice():
    company, buyer, line = _setup(
        "001",
        lines=[("PC-1", 1, "500.00", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
        **{"PC-1": {}},
    )
    rma = requested(on=D(2026, 3, 20), company=company, user=buyer, invoice_line=line)
    rma = authorised(rma, on=D(2026, 3, 20))
    rma = received(rma, on=D(2026, 4, 1))  # 1 April: day 31 after the invoice
    with pytest.raises(BusinessError) as refused:
        decided(rma, on=D(2026, 4, 1), outcome=Outcome.STANDARD_EXCHANGE)
    assert refused.value.code == "return_outcome_not_allowed"
    rma = decided(
        rma,
        on=D(2026, 4, 1),
        outcome=Outcome.REPAIR,
        customer_caused=True,
        reshipping_costs_ht=Decimal("9.99"),
    )
    assert rma.handling_fee_ht == Decimal("300.00")  # 500.00 is not over 500: 300.00


def test_001_credit_note_is_the_value_at_intake_capped_at_the_invoiced_amount():
    company, buyer, line = _setup(
        "001",
        lines=[("ECR-1", 2, "199.99", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
        **{"ECR-1": {}},
    )
    rma = requested(on=D(2026, 5, 4), company=company, user=buyer, invoice_line=line, quantity=2)
    rma = authorised(rma, on=D(2026, 5, 4))
    rma = received(rma, on=D(2026, 5, 11))
    rma = decided(rma, on=D(2026, 5, 11), outcome=Outcome.CREDIT_NOTE, value=Decimal("450.00"))
    # Invoiced 2 x 199.99 = 399.98 HT: the 450.00 assessed is capped there.
    assert rma.lines.get().credit_ht == Decimal("399.98")
    processed(rma, on=D(2026, 5, 12))
    credit_note = CreditNote.objects.get()
    # 399.98 HT + 20 % (79.996 -> 80.00) = 479.98 TTC.
    assert (credit_note.total_ht, credit_note.total_ttc) == (Decimal("399.98"), Decimal("479.98"))
    assert credit_note.invoice == line.invoice
    assert not Invoice.objects.filter(kind=InvoiceKind.FEE).exists()
    # The credit note is deducted from the next invoice as it is issued: 1,000.00 HT
    # + 20 % = 1,200.00 TTC, minus 479.98 = 720.02 still due.
    following = invoice(
        company=company,
        terms=line.invoice.terms,
        lines=[("ECR-1", 5, "200.00", ())],
        issued=D(2026, 5, 20),
        delivered=D(2026, 5, 20),
    )
    assert following.amount_due == Decimal("720.02")
    credit_note.refresh_from_db()
    assert credit_note.status == CreditNoteStatus.USED


def test_004_commercial_return_credited_at_the_invoiced_price_minus_the_costs():
    company, buyer, line = _setup(
        "004", lines=[("JEU-1", 10, "60.00", ())], issued=D(2026, 3, 2), **{"JEU-1": {}}
    )
    rma = requested(
        on=D(2026, 6, 1),
        company=company,
        user=buyer,
        invoice_line=line,
        quantity=10,
        reason="commercial",
    )
    with pytest.raises(BusinessError) as refused:
        authorised(rma, on=D(2026, 6, 2))  # 004 art. 9: staff set the date
    assert refused.value.code == "return_deadline_required"
    rma = authorised(rma, on=D(2026, 6, 2), deadline=D(2026, 6, 30))
    assert rma.arrival_deadline == D(2026, 6, 30)
    rma = received(rma, on=D(2026, 6, 30))  # the last day set on the form
    rma = decided(
        rma,
        on=D(2026, 6, 30),
        outcome=Outcome.CREDIT_NOTE,
        customer_caused=True,
        return_costs_ht=Decimal("42.50"),
    )
    # 10 x 60.00 = 600.00 invoiced, minus 42.50 of return costs = 557.50 HT.
    assert rma.fees_deducted and rma.lines.get().credit_ht == Decimal("557.50")
    processed(rma, on=D(2026, 7, 1))
    credit_note = CreditNote.objects.get()
    # 557.50 HT + 20 % (111.50) = 669.00 TTC; the costs are not invoiced separately.
    assert (credit_note.total_ht, credit_note.total_ttc) == (Decimal("557.50"), Decimal("669.00"))
    assert not Invoice.objects.filter(kind=InvoiceKind.FEE).exists()


# --- the way back to the customer (000 art. 7, 001 art. 13) --------------------------------


def _received_001(quantity=1):
    company, buyer, line = _setup(
        "001",
        lines=[("PC-1", quantity, "400.00", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
        **{"PC-1": {}},
    )
    rma = requested(
        on=D(2026, 3, 10), company=company, user=buyer, invoice_line=line, quantity=quantity
    )
    rma = authorised(rma, on=D(2026, 3, 10))
    return received(rma, on=D(2026, 3, 20))


def test_001_repaired_item_sent_back_at_the_customers_cost():
    rma = _received_001()
    with pytest.raises(BusinessError) as missing:
        decided(rma, on=D(2026, 3, 20), outcome=Outcome.REPAIR)
    assert (missing.value.code, missing.value.field) == (
        "return_reshipping_costs_missing",
        "reshipping_costs_ht",
    )
    rma = decided(
        rma, on=D(2026, 3, 20), outcome=Outcome.REPAIR, reshipping_costs_ht=Decimal("18.50")
    )
    assert (rma.reshipping_fee_ht, rma.handling_fee_ht) == (Decimal("18.50"), Decimal("0.00"))
    rma = processed(rma, on=D(2026, 3, 25))
    fee = Invoice.objects.get(kind=InvoiceKind.FEE)
    # 18.50 HT + 20 % (3.70) = 22.20 TTC: one fee line, the way back alone.
    assert (fee.total_ht, fee.total_vat, fee.total_ttc) == (
        Decimal("18.50"),
        Decimal("3.70"),
        Decimal("22.20"),
    )
    assert [(line.designation, line.kind, line.unit_price_ht) for line in fee.lines.all()] == [
        ("Frais de réexpédition", LineKind.FEE, Decimal("18.50"))
    ]
    assert rma.fee_invoices.get().invoice == fee


def test_001_credit_note_only_needs_no_reshipping_amount():
    rma = _received_001()
    with pytest.raises(BusinessError) as refused:
        decided(
            rma,
            on=D(2026, 3, 20),
            outcome=Outcome.CREDIT_NOTE,
            reshipping_costs_ht=Decimal("18.50"),
        )
    assert refused.value.code == "return_reshipping_not_charged"  # nothing goes back
    rma = decided(rma, on=D(2026, 3, 20), outcome=Outcome.CREDIT_NOTE)
    assert rma.reshipping_fee_ht == Decimal("0.00")
    processed(rma, on=D(2026, 3, 25))
    assert CreditNote.objects.get().total_ht == Decimal("400.00")
    assert not Invoice.objects.filter(kind=InvoiceKind.FEE).exists()


# (preset, the way back charged to the customer): 000 art. 7 "the way back after repair the
# seller's"; 001 art. 13 "frais de transport, renvoi et réexpédition à la charge de
# l'Acheteur"; 002 and 003 say nothing (the seller, DOMAIN's default); 004 art. 9 charges
# only the way to the seller (in its "return costs"), and its defects fall under the legal
# warranty, remedied at the seller's cost.
@pytest.mark.parametrize(
    ("code", "charged"),
    [("000", False), ("001", True), ("002", False), ("003", False), ("004", False)],
)
def test_who_pays_the_way_back_by_preset(code, charged):
    assert preset_published(code).reshipping_charged_to_customer is charged
