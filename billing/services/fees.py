"""Fee invoices billing raises on its own account: a rejected LCR's fee (004 art. 5), the
cash-on-delivery fee (000 art. 4). Each is one fee line of an invoice of kind "fee",
worded in French like every invoice, due on the Terms' rules from its date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import translation

from accounts.models import Company
from billing.models import Invoice, InvoiceKind, LineKind
from billing.services.documents import InvoiceLineInput
from billing.services.invoices import invoice_issue
from core.audit import Actor
from shop.models import Terms


def fee_invoice_issue(
    *,
    company: Company,
    terms: Terms,
    designation,
    reference: str,
    amount_ht: Decimal,
    vat_rate: Decimal,
    on: date,
    actor: Actor,
) -> Invoice:
    """Invoice one fee of `amount_ht` (at `vat_rate`; 0 for an indemnity outside the scope
    of VAT) to `company` under `terms`, dated `on`; `designation` is a lazy text."""
    with translation.override("fr"):
        text = f"{designation} — {reference}"
    return invoice_issue(
        company=company,
        terms=terms,
        lines=[
            InvoiceLineInput(
                reference=reference,
                designation=text,
                quantity=1,
                unit_price_ht=amount_ht,
                vat_rate=vat_rate,
                kind=LineKind.FEE,
            )
        ],
        kind=InvoiceKind.FEE,
        issue_date=on,
        delivery_date=on,
        actor=actor,
    )
