"""Paying an invoice by card from the portal, and allocating the payment once validated.

The card payment of an invoice is a provider checkout like an order's
(`payment_card_checkout`), its reference being the invoice number. When the provider's
notification validates it, `invoice_card_payment_allocate` (a receiver of
`payment_validated`, connected in `BillingConfig.ready`) allocates it to that invoice,
which settles it and, when nothing overdue is left, lifts the company's suspension of
deliveries (`invoice_apply_settlement` → `company_arrears_release`).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from billing.models import Invoice, Payment
from billing.services.allocations import payment_allocate
from billing.services.payments import PROVIDER_ACTOR, payment_card_checkout
from shop.models.terms_choices import PaymentMethod


def invoice_card_checkout(*, invoice: Invoice, return_url: str) -> Payment:
    """A card checkout for what the invoice leaves due (one open checkout per invoice).

    Errors: BusinessError `amount_invalid` when the invoice is paid.
    """
    with transaction.atomic():
        locked = Invoice.objects.select_for_update(no_key=True).get(pk=invoice.pk)
        return payment_card_checkout(
            company=locked.company,
            amount=locked.amount_due,
            order_reference=locked.number,
            description=gettext("Facture %(number)s") % {"number": locked.number},
            return_url=return_url,
        )


def invoice_card_payment_allocate(
    sender,
    *,
    company_id: int,
    order_reference: str,
    payment_id: int,
    amount: Decimal,
    method: str,
    **kwargs,
) -> None:
    """A validated card payment whose reference is one of the company's invoices pays it
    (up to what it leaves due; any surplus stays the customer's credit)."""
    if method != PaymentMethod.CARD or not order_reference:
        return
    invoice = Invoice.objects.filter(company_id=company_id, number=order_reference).first()
    if invoice is None or invoice.amount_due <= 0:
        return
    payment_allocate(
        payment=Payment.objects.get(pk=payment_id),
        invoice=invoice,
        amount=min(amount, invoice.amount_due),
        actor=PROVIDER_ACTOR,
    )
