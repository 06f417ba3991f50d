"""A company's statement of account: its invoices, credit notes, payments and refunds of
a period, each with the running balance, as a page and a PDF (docs/rules/payments.md).

The balance is what the company owes: invoices (and credit refunded to it) raise it;
credit notes, validated payments and the payments an imported invoice carried from the
previous system lower it. A negative balance is the company's credit. A few queries per
statement, one per kind of movement, on the company's indexes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import (
    CreditNote,
    Invoice,
    InvoiceSettlement,
    Payment,
    PaymentRefund,
    PaymentStatus,
    SettlementSource,
)
from core.documents import pdf_render
from core.money import ZERO
from shop.models.terms_choices import PaymentMethod
from shop.selectors import seller_get_required

# Payments that count: validated, or validated then disputed (the money was received).
COUNTED = (PaymentStatus.VALIDATED, PaymentStatus.DISPUTED)


@dataclass(frozen=True)
class Movement:
    on: date
    label: str
    reference: str
    debit: Decimal
    credit: Decimal
    balance: Decimal = ZERO


@dataclass(frozen=True)
class AccountStatement:
    company: Company
    date_from: date
    date_to: date
    opening_balance: Decimal
    movements: list[Movement]
    closing_balance: Decimal

    @property
    def total_debit(self) -> Decimal:
        return sum((m.debit for m in self.movements), ZERO)

    @property
    def total_credit(self) -> Decimal:
        return sum((m.credit for m in self.movements), ZERO)


def _movements(company: Company, date_to: date) -> list[tuple[date, int, Movement]]:
    found: list[tuple[date, int, Movement]] = []
    for number, on, total, kind in Invoice.objects.filter(
        company=company, issue_date__lte=date_to
    ).values_list("number", "issue_date", "total_ttc", "kind"):
        label = _("Facture") if kind == Invoice.Kind.GOODS_AND_SERVICES else _("Facture de frais")
        found.append((on, 0, Movement(on, label, number, total, ZERO)))
    for number, on, total in CreditNote.objects.filter(
        company=company, issue_date__lte=date_to
    ).values_list("number", "issue_date", "total_ttc"):
        found.append((on, 1, Movement(on, _("Avoir"), number, ZERO, total)))
    for pk, on, amount, method, reference in Payment.objects.filter(
        company=company, status__in=COUNTED, received_on__lte=date_to
    ).values_list("pk", "received_on", "amount", "method", "reference"):
        label = _("Paiement (%(method)s)") % {"method": PaymentMethod(method).label}
        found.append((on, 2, Movement(on, label, reference or f"#{pk}", ZERO, amount)))
    for on, amount, source_number in InvoiceSettlement.objects.filter(
        invoice__company=company, source=SettlementSource.OPENING_BALANCE, on__lte=date_to
    ).values_list("on", "amount", "invoice__number"):
        found.append((on, 2, Movement(on, _("Règlement repris"), source_number, ZERO, amount)))
    for on, amount, reference in PaymentRefund.objects.filter(
        payment__company=company, refunded_on__lte=date_to
    ).values_list("refunded_on", "amount", "reference"):
        found.append((on, 3, Movement(on, _("Remboursement de crédit"), reference, amount, ZERO)))
    return found


def account_statement(*, company: Company, date_from: date, date_to: date) -> AccountStatement:
    """The movements of `company` from `date_from` to `date_to` (inclusive), by date (on
    one day: invoices, credit notes, payments, refunds), after the opening balance of
    everything before `date_from`."""
    balance = ZERO
    opening = ZERO
    movements = []
    for on, _order, movement in sorted(_movements(company, date_to), key=lambda m: m[:2]):
        balance += movement.debit - movement.credit
        if on < date_from:
            opening = balance
            continue
        movements.append(
            Movement(
                movement.on,
                movement.label,
                movement.reference,
                movement.debit,
                movement.credit,
                balance,
            )
        )
    return AccountStatement(company, date_from, date_to, opening, movements, balance)


def account_statement_pdf(statement: AccountStatement) -> bytes:
    """The statement as a PDF, in the language active for the reader."""
    return pdf_render(
        template_name="pdf/account_statement.html",
        context={"statement": statement, "seller": seller_get_required()},
    )
