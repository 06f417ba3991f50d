"""LCR drafts: issued with the invoice, returned accepted, paid or rejected at maturity.

Rules: docs/rules/payments.md. The Terms pinned by the invoice give the numbers: the
period to return the accepted draft (`lcr_return_days`: 8 days in 000, 30 in 004), what
a draft not returned in time does (`lcr_not_returned_effect`: the amount due at once, or
a payment default), the fee of a rejected draft (`lcr_rejection_fee`: EUR 15 in 004).
A period of N days from the draft's date D ends at the end of day D + N: returned on day
D + N is in time; from day D + N + 1 the daily job applies the Terms' effect.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from billing.models import (
    IncidentKind,
    Invoice,
    LcrDraft,
    LcrStatus,
    PaymentIncident,
)
from billing.services.allocations import payment_allocate, payment_received_create
from billing.services.fees import fee_invoice_issue
from core.audit import Actor
from core.calendar import add_days
from core.errors import BusinessError
from core.money import ZERO
from core.transitions import transition_apply
from shop.models.terms_choices import LcrNotReturnedEffect, PaymentMethod

JOB_ACTOR = Actor.of_job("billing.lcr_returns")
REJECTION_FEE = _("Frais de LCR rejetée")


def lcr_draft_issue(*, invoice: Invoice, actor: Actor) -> LcrDraft:
    """The draft of an invoice paid by LCR, sent with it (idempotent: one per invoice).

    Errors: BusinessError `lcr_not_granted` when the invoice does not offer LCR (the
    Terms do not, or staff did not grant it to the company).
    """
    if PaymentMethod.LCR not in invoice.payment_methods:
        raise BusinessError(
            "lcr_not_granted",
            _("La LCR n'est pas un moyen de paiement accordé à ce client."),
            field="payment_method",
        )
    days = invoice.terms.lcr_return_days
    draft, _created = LcrDraft.objects.get_or_create(
        invoice=invoice,
        defaults={
            "company_id": invoice.company_id,
            # What the invoice leaves due once open credit notes were deducted from it.
            "amount": Invoice.objects.get(pk=invoice.pk).amount_due,
            "maturity_date": invoice.due_date,
            "sent_on": invoice.issue_date,
            "return_by": add_days(invoice.issue_date, days) if days else None,
        },
    )
    return draft


def _locked(draft: LcrDraft) -> LcrDraft:
    return (
        LcrDraft.objects.select_for_update(no_key=True)
        .select_related("invoice__terms")
        .get(pk=draft.pk)
    )


def _incident(*, draft: LcrDraft, kind: str, on: date, actor: Actor) -> None:
    PaymentIncident.objects.get_or_create(
        lcr=draft,
        kind=kind,
        defaults={
            "company_id": draft.company_id,
            "invoice_id": draft.invoice_id,
            "occurred_on": on,
            "recorded_by": str(actor),
        },
    )


def lcr_return_record(*, draft: LcrDraft, returned_on: date, actor: Actor) -> LcrDraft:
    """Staff record the draft returned accepted on `returned_on`.

    Errors: BusinessError `lcr_return_late` after the Terms' period (the Terms' effect
    applies instead), `transition_refused` when the draft is no longer awaited.
    """
    with transaction.atomic():
        draft = _locked(draft)
        if draft.return_by is not None and returned_on > draft.return_by:
            raise BusinessError(
                "lcr_return_late",
                _(
                    "La LCR devait être retournée acceptée au plus tard le %(day)s : "
                    "le paiement est dû selon les conditions générales."
                ),
                field="returned_on",
                params={"day": draft.return_by.strftime("%d/%m/%Y")},
            )
        return transition_apply(
            draft,
            to=LcrStatus.ACCEPTED,
            actor=actor,
            reason="returned accepted",
            changes={"returned_on": returned_on},
            locked=True,
        )


def lcr_paid_record(*, draft: LcrDraft, paid_on: date, actor: Actor) -> LcrDraft:
    """Staff record the draft paid by the bank on `paid_on`: a validated LCR payment of
    its amount, allocated to its invoice up to what it leaves due (the rest is credit)."""
    with transaction.atomic():
        draft = _locked(draft)
        payment = payment_received_create(
            company=draft.company,
            method=PaymentMethod.LCR,
            amount=draft.amount,
            received_on=paid_on,
            reference=f"LCR {draft.invoice.number}",
            actor=actor,
        )
        draft = transition_apply(
            draft,
            to=LcrStatus.PAID,
            actor=actor,
            reason="paid at maturity",
            changes={"settled_on": paid_on, "payment": payment},
            locked=True,
        )
        invoice = Invoice.objects.get(pk=draft.invoice_id)
        due = min(invoice.amount_due, payment.amount)
        if due > ZERO:
            payment_allocate(payment=payment, invoice=invoice, amount=due, actor=actor)
        return draft


def lcr_reject(*, draft: LcrDraft, rejected_on: date, actor: Actor) -> LcrDraft:
    """Staff record the draft rejected by the bank (unpaid at maturity).

    Effects: the draft rejected; the Terms' rejection fee invoiced (an indemnity, outside
    the scope of VAT), when the Terms set one; a payment incident of the company. The
    invoice stays due.
    """
    with transaction.atomic():
        draft = _locked(draft)
        terms = draft.invoice.terms
        fee_invoice = None
        if terms.lcr_rejection_fee:
            fee_invoice = fee_invoice_issue(
                company=draft.company,
                terms=terms,
                designation=REJECTION_FEE,
                reference=draft.invoice.number,
                amount_ht=terms.lcr_rejection_fee,
                vat_rate=ZERO,
                on=rejected_on,
                actor=actor,
            )
        draft = transition_apply(
            draft,
            to=LcrStatus.REJECTED,
            actor=actor,
            reason="rejected by the bank",
            changes={"settled_on": rejected_on, "fee_invoice": fee_invoice},
            locked=True,
        )
        _incident(draft=draft, kind=IncidentKind.LCR_REJECTED, on=rejected_on, actor=actor)
        return draft


def run_lcr_returns(*, as_of: date) -> dict:
    """Drafts not returned accepted by the end of their period: the Terms' effect.

    Both effects make the invoice due at once, from the first day after the period (its
    due date moves there, never later); a payment default (004 art. 5) is also a payment
    incident of the company. Idempotent: a draft is handled once (its status moves).
    """
    late = LcrDraft.objects.filter(status=LcrStatus.AWAITING_RETURN, return_by__lt=as_of)
    handled = 0
    for draft_id in late.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            draft = _locked(LcrDraft(pk=draft_id))
            if draft.status != LcrStatus.AWAITING_RETURN:
                continue
            assert draft.return_by is not None  # filtered on it
            due_at_once = add_days(draft.return_by, 1)
            effect = draft.invoice.terms.lcr_not_returned_effect
            transition_apply(
                draft,
                to=LcrStatus.NOT_RETURNED,
                actor=JOB_ACTOR,
                reason=effect or LcrNotReturnedEffect.DUE_IMMEDIATELY,
                data={"due_on": due_at_once.isoformat()},
                locked=True,
            )
            Invoice.objects.filter(pk=draft.invoice_id, due_date__gt=due_at_once).update(
                due_date=due_at_once
            )
            if effect == LcrNotReturnedEffect.PAYMENT_DEFAULT:
                _incident(
                    draft=draft, kind=IncidentKind.LCR_NOT_RETURNED, on=due_at_once, actor=JOB_ACTOR
                )
            handled += 1
    return {"not_returned": handled}
