"""Staff decide the outcome of each received line and then carry it out: the credit notes
and the fee invoice through billing, repairs with their immobilisation, replacements and
exchanges as free shipments through orders; goods refused and not collected in time
become the seller's (docs/rules/returns-warranty.md)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from billing.models import CreditNoteCause, Invoice, InvoiceKind, LineKind
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import InvoiceLineInput, invoice_issue
from core.audit import Actor
from core.calendar import add_months, localdate
from core.errors import BusinessError
from core.money import ZERO, line_total
from core.transitions import transition_apply
from orders.models import OrderLine
from orders.services.replacements import replacement_create, replacement_source_line
from returns.choices import SENT_BACK, Outcome, ReturnReason
from returns.fees import return_fees
from returns.models import (
    LineDecision,
    ReturnCreditNote,
    ReturnFeeInvoice,
    ReturnLine,
    ReturnReplacement,
    ReturnRequest,
    ReturnStatus,
)
from returns.outcomes import credit_note_amount_ht, outcomes_allowed
from returns.selectors import line_coverage
from returns.services.notices import return_notice_write
from shop.models import STANDARD_VAT_RATE
from shop.selectors import seller_get_required

# Outcomes that send the customer goods from stock: a free replacement shipment (orders).
SHIPS_GOODS = frozenset({Outcome.REPLACEMENT, Outcome.STANDARD_EXCHANGE})


@dataclass(frozen=True)
class LineOutcomeInput:
    """`outcome` empty: the item is refused and stays at the customer's disposal."""

    line_id: int
    outcome: str
    value_at_intake_ht: Decimal | None = None


def _invoiced_value(line: ReturnLine) -> Decimal:
    return line_total(unit_price=line.invoice_line.unit_price_ht, quantity=line.quantity)


def _check_outcome(line: ReturnLine, entry: LineOutcomeInput, received_on: date) -> None:
    invoice = line.invoice_line.invoice
    if not entry.outcome:
        return
    allowed = outcomes_allowed(
        terms=invoice.terms,
        reason=line.reason,
        invoice_date=invoice.issue_date,
        returned_on=received_on,
    )
    if entry.outcome not in allowed:
        raise BusinessError(
            "return_outcome_not_allowed",
            _("Solution non permise par les CGV pour cette ligne : %(allowed)s."),
            field=f"line_{line.pk}_outcome",
            params={"allowed": ", ".join(str(Outcome(o).label) for o in allowed)},
        )
    coverage = line_coverage(
        invoice_line=line.invoice_line,
        reason=line.reason,
        requested_on=localdate(line.request.requested_at),
        discovered_on=line.discovered_on,
        modified_by_customer=line.modified_by_customer,
    )
    if not coverage.covered:
        raise BusinessError(
            "return_outcome_not_covered",
            _("Cet article n'est plus couvert après diagnostic : %(why)s Refusez-le."),
            field=f"line_{line.pk}_outcome",
            params={"why": coverage.message},
        )
    if entry.outcome in SHIPS_GOODS and _source_line(line) is None:
        raise BusinessError(
            "return_outcome_no_order",
            _(
                "Cette facture ne vient pas d'une expédition de commande : aucun article "
                "ne peut être réexpédié. Choisissez la réparation ou un avoir."
            ),
            field=f"line_{line.pk}_outcome",
        )


def _source_line(line: ReturnLine) -> OrderLine | None:
    return replacement_source_line(
        invoice_id=line.invoice_line.invoice_id, reference=line.invoice_line.reference
    )


def return_decide(
    *,
    request: ReturnRequest,
    actor: Actor,
    on: date,
    lines: Sequence[LineOutcomeInput],
    customer_caused: bool = False,
    return_costs_ht: Decimal | None = None,
    reshipping_costs_ht: Decimal | None = None,
) -> ReturnRequest:
    """Decide each authorised line of the received `request`.

    Effects (one transaction, request locked): each line's outcome among those the line's
    invoice Terms allow (and only a refusal for an item no longer covered after the
    diagnosis), its credit; the fees of the return from its Terms (deducted from the
    credit of a commercial return, 004 art. 9, else invoiced when processed); the date
    before which refused goods must be collected (004 art. 9); "decided"; audited.
    `reshipping_costs_ht`: the way back of the items repaired, exchanged or replaced, when
    the Terms charge it to the customer (001 art. 13), invoiced with the other fees.
    Raises BusinessError `return_outcome_missing`, `return_outcome_not_allowed`,
    `return_outcome_not_covered`, `return_outcome_no_order` (a replacement or exchange of a
    line not invoiced from an order's shipment), `return_costs_missing`,
    `return_reshipping_costs_missing`, `return_reshipping_not_charged`; TransitionRefused
    unless received.
    """
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
        by_id = {entry.line_id: entry for entry in lines}
        rows = list(
            locked.lines.filter(decision=LineDecision.AUTHORISED).select_related(
                "invoice_line__invoice__terms", "request"
            )
        )
        for row in rows:
            if row.pk not in by_id:
                raise BusinessError(
                    "return_outcome_missing",
                    _("Choisissez une solution (ou le refus) pour chaque ligne."),
                    field=f"line_{row.pk}_outcome",
                )
            assert locked.received_on is not None
            _check_outcome(row, by_id[row.pk], locked.received_on)
        returned_value = sum((_invoiced_value(row) for row in rows), ZERO)
        fees = return_fees(
            terms=locked.terms,
            returned_value_ht=returned_value,
            packaging_missing=locked.packaging_ok is False,
            customer_caused=customer_caused,
            return_costs_ht=return_costs_ht,
            ships_back=any(by_id[row.pk].outcome in SENT_BACK for row in rows),
            reshipping_costs_ht=reshipping_costs_ht,
        )
        credited = [row for row in rows if by_id[row.pk].outcome == Outcome.CREDIT_NOTE]
        deduct = bool(credited) and all(row.reason == ReturnReason.COMMERCIAL for row in credited)
        to_deduct = fees.total_ht if deduct else ZERO
        for row in rows:
            entry = by_id[row.pk]
            row.outcome = entry.outcome
            row.goods_refused = not entry.outcome
            row.value_at_intake_ht = entry.value_at_intake_ht
            row.credit_ht = None
            if entry.outcome == Outcome.CREDIT_NOTE:
                invoiced = _invoiced_value(row)
                row.credit_ht = credit_note_amount_ht(
                    reason=row.reason,
                    invoiced_value_ht=invoiced,
                    value_at_intake_ht=entry.value_at_intake_ht,
                    fees_ht=min(to_deduct, invoiced),
                )
                to_deduct -= min(to_deduct, invoiced)
            row.save(update_fields=["outcome", "goods_refused", "value_at_intake_ht", "credit_ht"])
        months = locked.terms.refused_goods_forfeit_months
        collect_until = (
            add_months(on, months) if months and any(row.goods_refused for row in rows) else None
        )
        transition_apply(
            locked,
            to=ReturnStatus.DECIDED,
            actor=actor,
            locked=True,
            changes={
                "decided_on": on,
                "customer_caused": customer_caused,
                "packaging_fee_ht": fees.packaging_ht,
                "handling_fee_ht": fees.handling_ht,
                "reshipping_fee_ht": fees.reshipping_ht,
                "fees_deducted": deduct,
                "goods_to_collect_until": collect_until,
            },
        )
    request.refresh_from_db()
    return request


def _credit_notes(request: ReturnRequest, rows: list[ReturnLine], actor: Actor) -> list:
    by_invoice: dict[int, list[ReturnLine]] = defaultdict(list)
    for row in rows:
        if row.outcome == Outcome.CREDIT_NOTE and row.credit_ht:
            by_invoice[row.invoice_line.invoice_id].append(row)
    issued = []
    for invoice_rows in by_invoice.values():
        invoice: Invoice = invoice_rows[0].invoice_line.invoice
        credit_note = credit_note_issue(
            company=request.company,
            terms=invoice.terms,
            invoice=invoice,
            cause=CreditNoteCause.RETURN,
            reason=str(_("Retour %(rma)s") % {"rma": request.rma_number}),
            actor=actor,
            lines=[_credit_line(row) for row in invoice_rows],
        )
        ReturnCreditNote.objects.create(request=request, credit_note=credit_note)
        issued.append(credit_note.number)
    return issued


def _credit_line(row: ReturnLine) -> InvoiceLineInput:
    """The invoiced units at their price when credited in full, else one line of the
    credit granted (a value at intake below the invoiced price, or fees deducted)."""
    source = row.invoice_line
    assert row.credit_ht is not None
    if row.credit_ht == _invoiced_value(row):
        return InvoiceLineInput(
            reference=source.reference,
            designation=source.designation,
            quantity=row.quantity,
            unit_price_ht=source.unit_price_ht,
            vat_rate=source.vat_rate,
        )
    return InvoiceLineInput(
        reference=source.reference,
        designation=f"{source.designation} × {row.quantity}",
        quantity=1,
        unit_price_ht=row.credit_ht,
        vat_rate=source.vat_rate,
    )


def _replacements(request: ReturnRequest, rows: list[ReturnLine], actor: Actor) -> list[int]:
    """A free replacement shipment (orders) for each line replaced or exchanged."""
    sent = []
    for row in rows:
        if row.outcome not in SHIPS_GOODS:
            continue
        source = _source_line(row)
        assert source is not None  # checked at the decision
        replacement = replacement_create(
            order_line=source,
            quantity=row.quantity,
            reference=request.rma_number,
            reason=str(Outcome(row.outcome).label),
            actor=actor,
        )
        ReturnReplacement.objects.create(line=row, replacement=replacement)
        sent.append(replacement.pk)
    return sent


def _fee_invoice(request: ReturnRequest, actor: Actor, on: date) -> str | None:
    if request.fees_deducted:
        return None
    rate = STANDARD_VAT_RATE[seller_get_required().country]
    lines = [
        InvoiceLineInput(
            reference=request.rma_number,
            designation=str(label),
            quantity=1,
            unit_price_ht=amount,
            vat_rate=rate,
            kind=LineKind.FEE,
        )
        for amount, label in request.fees_charged()
    ]
    if not lines:
        return None
    invoice = invoice_issue(
        company=request.company,
        terms=request.terms,
        lines=lines,
        order_reference=request.rma_number,
        kind=InvoiceKind.FEE,
        issue_date=on,
        delivery_date=on,  # the return's handling is the service invoiced, done today
        actor=actor,
    )
    ReturnFeeInvoice.objects.create(request=request, invoice=invoice)
    return invoice.number


def return_process(*, request: ReturnRequest, actor: Actor, on: date) -> ReturnRequest:
    """Carry out the decided outcomes of `request` on `on`.

    Effects (one transaction, request locked, so a double click issues nothing twice):
    one credit note per invoice credited (billing, cause "return"); one fee invoice of
    the fees not deducted; each repaired line's immobilisation (from receipt to `on`),
    which extends the warranty where the Terms say so; a free replacement shipment of
    the original order for each line replaced or exchanged (`orders.services.replacements`:
    stock reserved, never invoiced); "processed"; audited; a notice to the customer.
    Raises billing's BusinessErrors; TransitionRefused unless decided.
    """
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
        if locked.status != ReturnStatus.DECIDED:
            raise BusinessError(
                "return_not_decided",
                _("Ce retour n'est pas en attente de traitement (statut : %(status)s)."),
                params={"status": locked.get_status_display()},
            )
        rows = list(
            locked.lines.filter(decision=LineDecision.AUTHORISED).select_related(
                "invoice_line__invoice__terms"
            )
        )
        assert locked.received_on is not None
        for row in rows:
            if row.outcome in (Outcome.REPAIR, Outcome.STANDARD_EXCHANGE):
                row.immobilised_days = (on - locked.received_on).days
                row.save(update_fields=["immobilised_days"])
        credit_notes = _credit_notes(locked, rows, actor)
        replacements = _replacements(locked, rows, actor)
        fee_invoice = _fee_invoice(locked, actor, on)
        transition_apply(
            locked,
            to=ReturnStatus.PROCESSED,
            actor=actor,
            locked=True,
            data={
                "credit_notes": credit_notes,
                "fee_invoice": fee_invoice or "",
                "replacements": replacements,
            },
        )
        return_notice_write(request=locked, kind="processed")
    request.refresh_from_db()
    return request


def return_close(*, request: ReturnRequest, actor: Actor) -> ReturnRequest:
    """Close a processed return (goods sent back, nothing left to do)."""
    return transition_apply(request, to=ReturnStatus.CLOSED, actor=actor)


def return_goods_collected(*, request: ReturnRequest, on: date) -> int:
    """Record that the customer took back its refused goods on `on` (before forfeiture)."""
    return ReturnRequest.objects.filter(
        pk=request.pk, goods_to_collect_until__isnull=False, goods_forfeited_on__isnull=True
    ).update(goods_collected_on=on)


def run_forfeit_uncollected_goods(*, as_of: date) -> dict:
    """Refused goods not collected by their date become the seller's (004 art. 9), with a
    notice to the customer. Claimed by a conditional update: idempotent, safe twice at once."""
    forfeited = 0
    due = ReturnRequest.objects.filter(
        goods_to_collect_until__lt=as_of,
        goods_collected_on__isnull=True,
        goods_forfeited_on__isnull=True,
    )
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            claimed = ReturnRequest.objects.filter(
                pk=pk, goods_collected_on__isnull=True, goods_forfeited_on__isnull=True
            ).update(goods_forfeited_on=as_of)
            if claimed:
                return_notice_write(request=ReturnRequest.objects.get(pk=pk), kind="forfeited")
                forfeited += 1
    return {"forfeited": forfeited}
