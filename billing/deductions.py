"""What was deducted from an invoice as it was issued: the credit notes used against it on
its date (docs/rules/invoices.md). The PDF prints them with the amount left to pay, and
the Factur-X XML carries their total as the amount already paid (BT-113), so the payable
amount (BT-115) is what the customer still owes; later payments change neither."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from billing.models import CreditNote, Invoice, SettlementSource
from core.money import ZERO


@dataclass(frozen=True)
class Deduction:
    credit_note_number: str
    amount: Decimal


def invoice_deductions(invoice: Invoice) -> list[Deduction]:
    """The credit notes deducted from `invoice` on its issue date, in the order used."""
    settlements = list(
        invoice.settlements.filter(
            source=SettlementSource.CREDIT_NOTE, on__lte=invoice.issue_date
        ).order_by("id")
    )
    numbers = dict(
        CreditNote.objects.filter(pk__in=[s.source_id for s in settlements]).values_list(
            "pk", "number"
        )
    )
    return [Deduction(numbers[s.source_id], s.amount) for s in settlements]


def invoice_payable_at_issue(invoice: Invoice) -> Decimal:
    """The invoice's total minus the credit notes deducted at issue."""
    return invoice.total_ttc - sum((d.amount for d in invoice_deductions(invoice)), ZERO)
