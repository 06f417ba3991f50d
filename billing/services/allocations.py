"""Payments recorded by staff (transfers, cheques, cash on delivery) and their allocation
to invoices. Rules: docs/rules/payments.md.

A validated payment is allocated to one or more invoices of its company, partially if
need be; each allocation settles the invoice through `invoice_apply_settlement` (an
amount above what the invoice leaves due is refused there). What no allocation covers
is the customer's credit, usable on later invoices or refunded by staff. The customer
never offsets: only the seller's credit notes do (004 art. 5.1).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import Invoice, Payment, PaymentAllocation, PaymentStatus, SettlementSource
from billing.services.invoices import invoice_apply_settlement
from billing.services.payments import payment_validate
from core.audit import Actor
from core.calendar import add_working_days
from core.errors import BusinessError
from core.money import ZERO, round_cents
from shop.models.terms_choices import PaymentMethod
from shop.selectors import seller_get_required

# Methods staff record by hand; card payments come from the provider. Cash is no method.
STAFF_METHODS = (PaymentMethod.TRANSFER, PaymentMethod.CHEQUE, PaymentMethod.CASH_ON_DELIVERY)


def payment_validation_date(*, method: str, received_on: date) -> date:
    """A transfer is validated the working day after its receipt (000 art. 4); a cheque
    or a cash-on-delivery remittance on the day it is recorded as received."""
    if method == PaymentMethod.TRANSFER:
        return add_working_days(received_on, 1, country=seller_get_required().country)
    return received_on


def payment_unallocated(*, payment: Payment) -> Decimal:
    allocated = payment.allocations.aggregate(total=Sum("amount"))["total"] or ZERO
    return payment.amount - allocated


def payment_record(
    *,
    company: Company,
    method: str,
    amount: Decimal,
    received_on: date,
    reference: str,
    actor: Actor,
    order_reference: str = "",
) -> Payment:
    """Record a payment staff received (transfer, cheque, cash on delivery), validated.

    Effects: a validated payment dated by `payment_validation_date`; `payment_validated`
    tells orders (an order awaiting payment is confirmed once paid in full).
    Errors: BusinessError `payment_method_refused` for any other method (cash is never
    accepted, 000 art. 4), `payment_amount` for an amount not above zero.
    """
    if method not in STAFF_METHODS:
        raise BusinessError(
            "payment_method_refused",
            _(
                "Ce moyen de paiement ne peut pas être enregistré : les espèces ne sont "
                "jamais acceptées."
            ),
            field="method",
        )
    amount = round_cents(amount)
    if amount <= 0:
        raise BusinessError(
            "payment_amount", _("Le montant d'un paiement doit être positif."), field="amount"
        )
    with transaction.atomic():
        payment = Payment.objects.create(
            company=company,
            method=method,
            amount=amount,
            reference=reference[:64],
            order_reference=order_reference,
        )
        payment = Payment.objects.select_for_update(no_key=True).get(pk=payment.pk)
        return payment_validate(
            payment=payment,
            received_on=received_on,
            validated_on=payment_validation_date(method=method, received_on=received_on),
            actor=actor,
            reason="recorded by staff",
        )


def payment_allocate(
    *, payment: Payment, invoice: Invoice, amount: Decimal, actor: Actor
) -> PaymentAllocation:
    """Allocate `amount` of a validated payment to an invoice of the same company.

    Errors: BusinessError `allocation_not_validated`, `allocation_other_company`,
    `allocation_above_payment` (more than the payment has left), and from the invoice
    `settlement_exceeds_due` (more than the invoice leaves due) or `settlement_amount`.
    """
    amount = round_cents(amount)
    with transaction.atomic():
        payment = Payment.objects.select_for_update(no_key=True).get(pk=payment.pk)
        if payment.status != PaymentStatus.VALIDATED:
            raise BusinessError(
                "allocation_not_validated", _("Seul un paiement validé peut être affecté.")
            )
        if payment.company_id != invoice.company_id:
            raise BusinessError(
                "allocation_other_company",
                _("La facture %(number)s n'est pas celle de ce client."),
                params={"number": invoice.number},
            )
        left = payment_unallocated(payment=payment)
        if amount > left:
            raise BusinessError(
                "allocation_above_payment",
                _("L'affectation (%(amount)s €) dépasse ce qui reste du paiement (%(left)s €)."),
                field="amount",
                params={"amount": amount, "left": left},
            )
        on = payment.received_on or payment.validated_on
        assert on is not None, "a validated payment holds its dates (payment_validate)"
        invoice_apply_settlement(
            invoice=invoice,
            amount=amount,
            on=on,
            source=SettlementSource.PAYMENT,
            source_id=payment.pk,
            actor=actor,
        )
        return PaymentAllocation.objects.create(
            payment=payment, invoice=invoice, amount=amount, created_by=str(actor)
        )


def company_payment_credit(*, company: Company) -> Decimal:
    """What the company's validated payments hold beyond their allocations: its credit."""
    paid = (
        Payment.objects.filter(company=company, status=PaymentStatus.VALIDATED).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )
    allocated = (
        PaymentAllocation.objects.filter(
            payment__company=company, payment__status=PaymentStatus.VALIDATED
        ).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return paid - allocated
