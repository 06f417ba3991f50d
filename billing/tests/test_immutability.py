"""An issued invoice or credit note never changes: refused by the models and by the database."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.db.utils import ProgrammingError

from accounts.tests.factories import CompanyFactory
from billing.models import CreditNote, DocumentFrozen, Invoice, InvoiceLine, InvoiceSettlement
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, line, published_terms

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def invoice():
    return invoice_issue(
        company=CompanyFactory(approved=True), terms=published_terms(), lines=[line()], actor=ACTOR
    )


def raw(sql: str, params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_model_layer_refuses_to_save_printed_content(invoice):
    invoice.total_ht = Decimal("1.00")
    with pytest.raises(DocumentFrozen):
        invoice.save()
    with pytest.raises(DocumentFrozen):
        invoice.save(update_fields=["total_ht"])
    with pytest.raises(DocumentFrozen):
        Invoice.objects.filter(pk=invoice.pk).update(buyer_name="AUTRE")
    with pytest.raises(DocumentFrozen):
        invoice.delete()
    with pytest.raises(DocumentFrozen):
        Invoice.objects.filter(pk=invoice.pk).delete()
    with pytest.raises(DocumentFrozen):
        invoice.lines.get().save()


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("number", "FA-2026-999999"),
        ("total_ttc", Decimal("1.00")),
        ("issue_date", "2026-01-01"),
        ("original_due_date", "2026-12-31"),
        ("buyer_siren", "000000000"),
        ("order_reference", "AUTRE"),
    ],
)
def test_the_database_refuses_a_raw_update_of_a_printed_column(invoice, column, value):
    with pytest.raises(ProgrammingError, match="Cannot update"):
        raw(f"UPDATE billing_invoice SET {column} = %s WHERE id = %s", [value, invoice.pk])


def test_the_database_refuses_raw_changes_of_lines_and_deletes(invoice):
    line_id = invoice.lines.get().pk
    with pytest.raises(ProgrammingError):
        raw("UPDATE billing_invoiceline SET quantity = 2 WHERE id = %s", [line_id])
    with pytest.raises(ProgrammingError):
        raw("DELETE FROM billing_invoiceline WHERE id = %s", [line_id])
    with pytest.raises(ProgrammingError):
        raw("DELETE FROM billing_invoice WHERE id = %s", [invoice.pk])
    assert InvoiceLine.objects.filter(pk=line_id).exists()


def test_bookkeeping_columns_stay_writable_by_the_services(invoice):
    raw("UPDATE billing_invoice SET due_date = issue_date WHERE id = %s", [invoice.pk])
    settlement = invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal("1.00"),
        on=invoice.issue_date,
        source="payment",
        source_id=1,
        actor=ACTOR,
    )
    assert Invoice.objects.get(pk=invoice.pk).amount_paid == Decimal("1.00")
    with pytest.raises(ProgrammingError):
        raw("UPDATE billing_invoicesettlement SET amount = 2 WHERE id = %s", [settlement.pk])
    assert InvoiceSettlement.objects.get().amount == Decimal("1.00")


def test_a_credit_note_is_frozen_too(invoice):
    note = credit_note_issue(
        company=invoice.company,
        terms=invoice.terms,
        lines=[line("10.00")],
        invoice=invoice,
        reason="Geste commercial",
        actor=ACTOR,
    )
    with pytest.raises(ProgrammingError):
        raw("UPDATE billing_creditnote SET total_ht = 1 WHERE id = %s", [note.pk])
    with pytest.raises(ProgrammingError):
        raw("DELETE FROM billing_creditnote WHERE id = %s", [note.pk])
    with pytest.raises(DocumentFrozen):
        CreditNote.objects.filter(pk=note.pk).update(reason="autre")
