"""Payments recorded by staff (transfers, cheques, cash on delivery) and their allocation
to invoices. Rules: docs/rules/payments.md.

A validated payment is allocated to one or more invoices of its company, partially if
need be; each allocation settles the invoice through `invoice_apply_settlement` (an
amount above what the invoice leaves due is refused there). What no allocation covers
is the customer's credit, usable on later invoices or refunded by staff. The customer
never offsets: only the seller's credit notes do (004 art. 5.1).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import (
    Invoice,
    Payment,
    PaymentAllocation,
    PaymentRefund,
    PaymentStatus,
    SettlementSource,
)
from billing.services.fees import fee_invoice_issue
from billing.services.invoices import invoice_apply_settlement
from billing.services.payments import payment_validate
from core.audit import Actor, audit_record
from core.calendar import add_working_days
from core.errors import BusinessError
from core.money import ZERO, format_eur, round_cents
from shop.models import STANDARD_VAT_RATE, Terms
from shop.models.terms_choices import PaymentMethod
from shop.selectors import seller_get_required, terms_in_force

# Methods staff record by hand; card payments come from the provider. Cash is no method.
STAFF_METHODS = (PaymentMethod.TRANSFER, PaymentMethod.CHEQUE, PaymentMethod.CASH_ON_DELIVERY)
COD_FEE = _("Frais de contre-remboursement")


def payment_validation_date(*, method: str, received_on: date) -> date:
    """A transfer is validated the working day after its receipt (000 art. 4); a cheque
    or a cash-on-delivery remittance on the day it is recorded as received."""
    if method == PaymentMethod.TRANSFER:
        return add_working_days(received_on, 1, country=seller_get_required().country)
    return received_on


def payment_unallocated(*, payment: Payment) -> Decimal:
    """What the payment holds beyond its allocations and the credit refunded from it."""
    allocated = payment.allocations.aggregate(total=Sum("amount"))["total"] or ZERO
    refunded = payment.refunds.aggregate(total=Sum("amount"))["total"] or ZERO
    return payment.amount - allocated - refunded


def payment_record(
    *,
    company: Company,
    method: str,
    amount: Decimal,
    received_on: date,
    reference: str,
    actor: Actor,
    order_reference: str = "",
    cod_fee_ht: Decimal | None = None,
) -> Payment:
    """Record a payment staff received (transfer, cheque, cash on delivery), validated.

    Effects: a validated payment dated by `payment_validation_date`; `payment_validated`
    tells orders (an order awaiting payment is confirmed once paid in full). A
    cash-on-delivery remittance with `cod_fee_ht`: the carrier's fee invoiced to the
    customer (000 art. 4), at the seller's standard VAT rate, in the same transaction.
    Errors: BusinessError `payment_method_refused` for any other method (cash is never
    accepted, 000 art. 4), `payment_amount` for an amount not above zero,
    `cod_fee_refused` for a fee on another method or under Terms that charge none.
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
    terms = _cod_fee_terms(method=method, received_on=received_on) if cod_fee_ht else None
    with transaction.atomic():
        payment = payment_received_create(
            company=company,
            method=method,
            amount=amount,
            received_on=received_on,
            reference=reference,
            actor=actor,
            order_reference=order_reference,
        )
        if terms is not None and cod_fee_ht:
            fee_invoice_issue(
                company=company,
                terms=terms,
                designation=COD_FEE,
                reference=order_reference or reference,
                amount_ht=round_cents(cod_fee_ht),
                vat_rate=STANDARD_VAT_RATE[terms.seller.country],
                on=received_on,
                actor=actor,
            )
    return payment


def _cod_fee_terms(*, method: str, received_on: date) -> Terms:
    """The Terms in force that charge the cash-on-delivery fee (000 art. 4), or refused."""
    terms = (
        terms_in_force(seller=seller_get_required(), on=received_on)
        if method == PaymentMethod.CASH_ON_DELIVERY
        else None
    )
    if terms is None or not terms.cash_on_delivery_fee_charged:
        raise BusinessError(
            "cod_fee_refused",
            _(
                "Des frais de contre-remboursement ne se facturent que sur un "
                "contre-remboursement, quand les conditions générales les mettent à la "
                "charge du client : laissez ce champ vide."
            ),
            field="cod_fee_ht",
        )
    return terms


def payment_received_create(
    *,
    company: Company,
    method: str,
    amount: Decimal,
    received_on: date,
    reference: str,
    actor: Actor,
    order_reference: str = "",
) -> Payment:
    """A validated payment of `method` received on `received_on` (staff's records, an LCR
    paid at maturity). Errors: BusinessError `payment_amount` for an amount not above 0."""
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
    `allocation_above_payment` (more than the payment has left), `allocation_above_due`
    (more than the invoice leaves due; the invoice's own lock re-checks it), and from the
    invoice `settlement_amount`.
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
        due = Invoice.objects.get(pk=invoice.pk).amount_due
        if amount > due:
            raise BusinessError(
                "allocation_above_due",
                _(
                    "L'affectation (%(amount)s) dépasse ce que la facture %(number)s laisse à "
                    "payer (%(due)s) : affectez au plus %(due)s ; le reste du paiement reste "
                    "au crédit du client."
                ),
                field="amount",
                params={
                    "amount": format_eur(amount),
                    "number": invoice.number,
                    "due": format_eur(due),
                },
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


def payment_allocate_many(
    *, payment: Payment, allocations: Sequence[tuple[Invoice, Decimal]], actor: Actor
) -> None:
    """Allocate `payment` to each (invoice, amount), all or none (`payment_allocate`'s
    errors; nothing is written when one is refused)."""
    with transaction.atomic():
        for invoice, amount in allocations:
            payment_allocate(payment=payment, invoice=invoice, amount=amount, actor=actor)


def payment_credit_refund(
    *, payment: Payment, amount: Decimal, refunded_on: date, reference: str, actor: Actor
) -> PaymentRefund:
    """Staff pay back to the customer (a transfer out) credit that `payment` holds.

    Errors: BusinessError `refund_not_allowed` unless the payment is validated,
    `refund_above_credit` for an amount not above zero or above what the payment holds
    beyond its allocations and earlier refunds (never more than was paid).
    """
    amount = round_cents(amount)
    with transaction.atomic():
        payment = Payment.objects.select_for_update(no_key=True).get(pk=payment.pk)
        if payment.status != PaymentStatus.VALIDATED:
            raise BusinessError(
                "refund_not_allowed", _("Seul un paiement validé peut être remboursé.")
            )
        left = payment_unallocated(payment=payment)
        if amount <= 0 or amount > left:
            raise BusinessError(
                "refund_above_credit",
                _(
                    "Le remboursement (%(amount)s) dépasse le crédit que ce paiement laisse "
                    "au client (%(left)s sur %(paid)s payés) : remboursez au plus %(left)s."
                ),
                field="amount",
                params={
                    "amount": format_eur(amount),
                    "left": format_eur(left),
                    "paid": format_eur(payment.amount),
                },
            )
        refund = PaymentRefund.objects.create(
            payment=payment,
            amount=amount,
            refunded_on=refunded_on,
            reference=reference[:64],
            created_by=str(actor),
        )
        audit_record(
            obj=payment,
            actor=actor,
            field="refund",
            to_state="refunded",
            data={"refund_id": refund.pk, "amount": str(amount)},
        )
        return refund


def company_payment_credit(*, company: Company) -> Decimal:
    """What the company's validated payments hold beyond their allocations and the credit
    refunded: its credit."""
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
    refunded = (
        PaymentRefund.objects.filter(
            payment__company=company, payment__status=PaymentStatus.VALIDATED
        ).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return paid - allocated - refunded
