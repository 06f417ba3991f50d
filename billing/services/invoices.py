"""Issuing invoices and recording what settles them.

Contract names (docs/architecture.md, "billing"): `InvoiceLineInput`, `invoice_issue`,
`invoice_apply_settlement`; credit notes in `billing.services.credit_notes`. Beyond the
contract, `invoice_issue` takes `delivery_address` (printed, and deciding the VAT regime
and the DROM-COM term start), `vat_regime` (the regime the order was priced with, copied
as is; decided like quotes and orders do when not given) and `payment_method` (an
invoice paid by LCR is due on the Terms' LCR term).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyCommercialSettings, DeliveryAddress
from billing.emails import document_recipients
from billing.models import (
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceSettlement,
    InvoiceStatus,
    LineKind,
    SettlementSource,
)
from billing.services.arrears import company_arrears_release
from billing.services.documents import (
    InvoiceLineInput,
    buyer_is_overseas,
    buyer_regime,
    document_line_values,
    document_lines_check,
    document_totals,
    party_values,
)
from billing.services.due_dates import invoice_due_date
from billing.services.pdf import document_issued_outbox
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.errors import BusinessError
from core.money import ZERO, to_decimal
from core.sequences import sequence_format, sequence_next
from core.transitions import transition_apply
from shop.legal_mentions import seller_issuing_check
from shop.models import Terms
from shop.models.terms_choices import PaymentMethod
from shop.selectors import seller_get_required
from shop.services.tax import VatRegime

__all__ = ["InvoiceLineInput", "invoice_apply_settlement", "invoice_issue"]

INVOICE_SERIES = "FA"


def invoice_payment_methods(
    *, terms: Terms, company_settings: CompanyCommercialSettings | None
) -> list[str]:
    """The methods printed on the invoice: those the terms offer that the company may use."""
    offered = set(terms.payment_methods) | set(terms.payment_methods_by_agreement)
    granted = set(company_settings.payment_methods if company_settings else terms.payment_methods)
    return [method for method in PaymentMethod.values if method in offered and method in granted]


def invoice_issue(
    *,
    company: Company,
    terms: Terms,
    lines: Sequence[InvoiceLineInput],
    order_reference: str = "",
    delivery_date: date | None = None,
    kind: str = InvoiceKind.GOODS_AND_SERVICES,
    issue_date: date | None = None,
    actor: Actor,
    delivery_address: DeliveryAddress | None = None,
    vat_regime: VatRegime | None = None,
    payment_method: str = "",
) -> Invoice:
    """Issue an invoice of `lines` to `company` under `terms` (the version the order pinned).

    Preconditions: the seller identity has every legal mention; at least one line, with a
    quantity of at least 1 and a unit price HT to the cent. A penalty invoice holds only
    penalty lines (outside the scope of VAT).
    Effects (one transaction, the caller's if any): takes the next number of the "FA"
    series of the issue year (a rollback gives it back: no gap); copies the seller, the
    buyer, the addresses, the order reference and the VAT regime; computes the totals per
    rate (core.money) and the due date (`billing.services.due_dates`); audits the issue;
    deducts the company's open credit notes (`credit_notes_deduct`).
    Raises BusinessError `seller_identity_incomplete` (with the missing mentions),
    `document_empty`, `document_quantity`, `document_unit_price`, `document_designation`,
    `invoice_penalty_lines`, `invoice_delivery_date_required`.
    """
    seller = seller_get_required()
    seller_issuing_check(seller=seller)
    document_lines_check(lines)
    if kind not in InvoiceKind.values:
        raise ValueError(f"Unknown invoice kind {kind!r}.")
    if (kind == InvoiceKind.PENALTY) != all(line.kind == LineKind.PENALTY for line in lines):
        raise BusinessError(
            "invoice_penalty_lines",
            _(
                "Une facture de pénalités ne contient que des pénalités et indemnités, "
                "et elles ne figurent que sur une facture de pénalités."
            ),
        )
    regime = vat_regime or buyer_regime(
        seller=seller, company=company, delivery_address=delivery_address
    )
    issued_on = issue_date or localdate(timezone.now())
    settings = CompanyCommercialSettings.objects.filter(company=company).first()
    due = invoice_due_date(
        terms=terms,
        company_settings=settings,
        issue_date=issued_on,
        delivery_date=delivery_date,
        overseas=buyer_is_overseas(company=company, delivery_address=delivery_address),
        payment_method=payment_method,
    )
    totals = document_totals(lines=lines, regime=regime)
    with transaction.atomic():
        value = sequence_next(series=INVOICE_SERIES, year=issued_on.year)
        invoice = Invoice.objects.create(
            number=sequence_format(prefix=INVOICE_SERIES, year=issued_on.year, value=value),
            company=company,
            terms=terms,
            kind=kind,
            issue_date=issued_on,
            delivery_date=delivery_date,
            original_due_date=due.due_date,
            due_date=due.due_date,
            payment_term_days=due.term_days,
            payment_term_start=due.term_start,
            payment_methods=invoice_payment_methods(terms=terms, company_settings=settings),
            order_reference=order_reference,
            vat_regime=regime.as_dict(),
            total_ht=totals.ht,
            total_vat=totals.vat,
            total_ttc=totals.ttc,
            amount_paid=ZERO,
            issued_by=str(actor),
            **party_values(seller=seller, company=company, delivery_address=delivery_address),
        )
        InvoiceLine.objects.bulk_create(
            InvoiceLine(invoice=invoice, **values)
            for values in document_line_values(lines=lines, regime=regime)
        )
        document_issued_outbox(document=invoice, recipients=document_recipients(company=company))
        audit_record(obj=invoice, actor=actor, to_state=InvoiceStatus.ISSUED)
        # Open credit notes are deducted at once: the PDF, rendered once committed, shows
        # them and what is left to pay.
        from billing.services.credit_notes import credit_notes_deduct

        credit_notes_deduct(invoice=invoice, actor=actor)
    return invoice


def invoice_apply_settlement(
    *,
    invoice: Invoice,
    amount: Decimal,
    on: date,
    source: str,
    source_id: int,
    actor: Actor,
) -> InvoiceSettlement:
    """Record that `amount` (a payment or a credit note) reduced what `invoice` leaves due.

    Effects (one transaction): locks the invoice; appends the settlement; raises
    `amount_paid`; moves the status to partially paid or paid (then `paid_on` is the day
    the last part arrived: `on`, or a later settlement's date when this one is back-dated,
    a transfer entered after a later payment).
    Raises BusinessError `settlement_amount` (not above zero) and `settlement_exceeds_due`
    (more than the amount due: the caller keeps the surplus).
    """
    amount = to_decimal(amount)
    if source not in SettlementSource.values:
        raise ValueError(f"Unknown settlement source {source!r}.")
    if amount <= 0:
        raise BusinessError(
            "settlement_amount", _("Le montant d'un règlement doit être positif."), field="amount"
        )
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if amount > locked.amount_due:
            raise BusinessError(
                "settlement_exceeds_due",
                _("Le règlement (%(amount)s) dépasse le montant dû (%(due)s) de la facture."),
                field="amount",
                params={"amount": amount, "due": locked.amount_due},
            )
        settlement = InvoiceSettlement.objects.create(
            invoice=locked,
            amount=amount,
            on=on,
            source=source,
            source_id=source_id,
            recorded_by=str(actor),
        )
        paid = locked.amount_paid + amount
        to = InvoiceStatus.PAID if paid == locked.total_ttc else InvoiceStatus.PARTIALLY_PAID
        changes: dict = {"amount_paid": paid}
        if to == InvoiceStatus.PAID:
            changes["paid_on"] = locked.settlements.aggregate(last=Max("on"))["last"]
        if to == locked.status:
            locked.amount_paid = paid
            locked.save(update_fields=["amount_paid"])
        else:
            transition_apply(
                locked,
                to=to,
                actor=actor,
                locked=True,
                changes=changes,
                data={"settlement_id": settlement.pk, "amount": str(amount)},
            )
        if to == InvoiceStatus.PAID:
            # Late payment: the arrears paid, deliveries resume now, not at the night's job.
            company_arrears_release(
                company_id=locked.company_id, on=on, today=localdate(timezone.now()), actor=actor
            )
    invoice.refresh_from_db()
    return settlement
