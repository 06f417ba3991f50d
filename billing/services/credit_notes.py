"""Issuing credit notes and using them against invoices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, DeliveryAddress
from billing.emails import document_recipients
from billing.models import (
    CreditNote,
    CreditNoteCause,
    CreditNoteLine,
    CreditNoteStatus,
    Invoice,
    InvoiceSettlement,
    SettlementSource,
)
from billing.services.documents import (
    InvoiceLineInput,
    buyer_regime,
    document_line_values,
    document_lines_check,
    document_totals,
    party_values,
)
from billing.services.invoices import invoice_apply_settlement
from billing.services.pdf import document_issued_outbox
from core.audit import Actor, audit_record
from core.calendar import add_months, localdate
from core.errors import BusinessError
from core.money import to_decimal
from core.sequences import sequence_format, sequence_next
from core.transitions import transition_apply
from shop.legal_mentions import seller_issuing_check
from shop.models import Terms
from shop.selectors import seller_get_required
from shop.services.tax import VatRegime

CREDIT_NOTE_SERIES = "AV"


def credit_note_issue(
    *,
    company: Company,
    terms: Terms,
    lines: Sequence[InvoiceLineInput],
    invoice: Invoice | None = None,
    reason: str,
    actor: Actor,
    cause: str = CreditNoteCause.GESTURE,
    delivery_address: DeliveryAddress | None = None,
    vat_regime: VatRegime | None = None,
) -> CreditNote:
    """Issue a credit note of `lines` (positive amounts) to `company`.

    Preconditions: the seller identity is complete; `invoice`, when given, is the
    company's; the lines are valid (as for an invoice) and total more than zero.
    Effects (one transaction): next number of the "AV" series of the year; the VAT
    regime and order reference of `invoice` when given (a credit note corrects it with
    the same VAT treatment), else decided as for a sale; the validity end from the Terms
    (`credit_note_validity_months`, none when empty); audited.
    Raises BusinessError `seller_identity_incomplete`, `document_*` (see invoices),
    `credit_note_reason`, `credit_note_other_company`, `credit_note_zero`.
    """
    seller = seller_get_required()
    seller_issuing_check(seller=seller)
    document_lines_check(lines)
    if cause not in CreditNoteCause.values:
        raise ValueError(f"Unknown credit note cause {cause!r}.")
    if not reason.strip():
        raise BusinessError(
            "credit_note_reason", _("Indiquez le motif de l'avoir."), field="reason"
        )
    if invoice is not None and invoice.company_id != company.pk:
        raise BusinessError(
            "credit_note_other_company",
            _("L'avoir doit être émis pour le client de la facture qu'il corrige."),
        )
    if vat_regime is not None:
        regime = vat_regime
    elif invoice is not None:
        regime = VatRegime.from_dict(invoice.vat_regime)
    else:
        regime = buyer_regime(seller=seller, company=company, delivery_address=delivery_address)
    totals = document_totals(lines=lines, regime=regime)
    if totals.ttc <= 0:
        raise BusinessError("credit_note_zero", _("Un avoir porte sur un montant positif."))
    issued_on = localdate(timezone.now())
    months = terms.credit_note_validity_months
    with transaction.atomic():
        value = sequence_next(series=CREDIT_NOTE_SERIES, year=issued_on.year)
        credit_note = CreditNote.objects.create(
            number=sequence_format(prefix=CREDIT_NOTE_SERIES, year=issued_on.year, value=value),
            company=company,
            terms=terms,
            invoice=invoice,
            invoice_number=invoice.number if invoice else "",
            cause=cause,
            reason=reason.strip(),
            issue_date=issued_on,
            expires_on=add_months(issued_on, months) if months else None,
            order_reference=invoice.order_reference if invoice else "",
            vat_regime=regime.as_dict(),
            total_ht=totals.ht,
            total_vat=totals.vat,
            total_ttc=totals.ttc,
            amount_used=Decimal("0.00"),
            amount_expired=Decimal("0.00"),
            issued_by=str(actor),
            **party_values(seller=seller, company=company, delivery_address=delivery_address),
        )
        CreditNoteLine.objects.bulk_create(
            CreditNoteLine(credit_note=credit_note, **values)
            for values in document_line_values(lines=lines, regime=regime)
        )
        document_issued_outbox(
            document=credit_note, recipients=document_recipients(company=company)
        )
        audit_record(obj=credit_note, actor=actor, to_state=CreditNoteStatus.OPEN)
    return credit_note


def credit_note_apply(
    *,
    credit_note: CreditNote,
    invoice: Invoice,
    amount: Decimal | None = None,
    actor: Actor,
    on: date | None = None,
) -> InvoiceSettlement:
    """Use (part of) a credit note's balance against an invoice of the same company.

    `amount` defaults to the smaller of the balance and the invoice's amount due.
    Effects (one transaction): locks the credit note; records the settlement on the
    invoice (`invoice_apply_settlement`, dated `on`, today by default); raises
    `amount_used`, and moves the credit note to "used" when nothing is left.
    Raises BusinessError `credit_note_other_company`, `credit_note_not_open` (used or
    expired, including past its validity end), `credit_note_balance` (amount above
    the balance), and those of `invoice_apply_settlement`.
    """
    today = on or localdate(timezone.now())
    if credit_note.company_id != invoice.company_id:
        raise BusinessError(
            "credit_note_other_company",
            _("Un avoir ne s'impute que sur une facture du même client."),
        )
    with transaction.atomic():
        locked = CreditNote.objects.select_for_update().get(pk=credit_note.pk)
        if locked.status != CreditNoteStatus.OPEN or (
            locked.expires_on is not None and today > locked.expires_on
        ):
            raise BusinessError(
                "credit_note_not_open",
                _("L'avoir %(number)s n'est plus utilisable (utilisé ou expiré)."),
                params={"number": locked.number},
            )
        due = Invoice.objects.get(pk=invoice.pk).amount_due
        used = to_decimal(amount) if amount is not None else min(locked.balance, due)
        if used > locked.balance:
            raise BusinessError(
                "credit_note_balance",
                _("Le montant dépasse le solde de l'avoir (%(balance)s)."),
                field="amount",
                params={"balance": locked.balance},
            )
        settlement = invoice_apply_settlement(
            invoice=invoice,
            amount=used,
            on=today,
            source=SettlementSource.CREDIT_NOTE,
            source_id=locked.pk,
            actor=actor,
        )
        total_used = locked.amount_used + used
        if total_used == locked.total_ttc:
            transition_apply(
                locked,
                to=CreditNoteStatus.USED,
                actor=actor,
                locked=True,
                changes={"amount_used": total_used},
                data={"invoice": invoice.number, "amount": str(used)},
            )
        else:
            locked.amount_used = total_used
            locked.save(update_fields=["amount_used"])
    credit_note.refresh_from_db()
    return settlement


def credit_notes_deduct(*, invoice: Invoice, actor: Actor) -> list[InvoiceSettlement]:
    """Deduct the company's open credit notes from `invoice` as it is issued.

    Credit notes are used against the next invoices (docs/rules/invoices.md): those
    issued up to the invoice date and still valid on it, the soonest to expire first,
    each up to what the invoice leaves due. The notes are locked in that order (skipping
    those another issuer used up meanwhile), so two invoices issued at once never use
    the same balance twice. Each deduction is a settlement dated the invoice date.
    """
    notes = (
        CreditNote.objects.select_for_update()
        .filter(
            company_id=invoice.company_id,
            status=CreditNoteStatus.OPEN,
            issue_date__lte=invoice.issue_date,
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=invoice.issue_date))
        .order_by(F("expires_on").asc(nulls_last=True), "issue_date", "pk")
    )
    settlements = []
    with transaction.atomic():
        for note in notes:
            if invoice.amount_due <= 0:
                break
            settlements.append(
                credit_note_apply(
                    credit_note=note, invoice=invoice, actor=actor, on=invoice.issue_date
                )
            )
    return settlements


EXPIRE_JOB = "billing.expire_credit_notes"


def run_expire_credit_notes(*, as_of: date) -> dict:
    """Expire the unused balance of credit notes whose validity ended before `as_of`.

    A credit note is usable until its `expires_on` inclusive (000 art. 4: one year); from
    the day after, what is left is neither refundable nor chargeable: recorded in
    `amount_expired`, status "expired" (audited). Idempotent: only open credit notes are
    touched, each under its row lock, so a concurrent use either lands before (and
    the balance shrinks) or finds the note expired.
    """
    actor = Actor.of_job(EXPIRE_JOB)
    expired = 0
    due = CreditNote.objects.filter(status=CreditNoteStatus.OPEN, expires_on__lt=as_of)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            note = CreditNote.objects.select_for_update().get(pk=pk)
            if note.status != CreditNoteStatus.OPEN:
                continue
            transition_apply(
                note,
                to=CreditNoteStatus.EXPIRED,
                actor=actor,
                locked=True,
                changes={"amount_expired": note.balance},
                data={"expired": str(note.balance)},
            )
            expired += 1
    return {"expired": expired}
