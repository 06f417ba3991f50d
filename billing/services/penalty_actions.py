"""Staff and job actions on one invoice's penalties: litigation, waiver, invoicing.

Penalties are invoiced (kind PENALTY, outside the scope of VAT, in the invoice series) when
the principal is fully paid, at the formal notice, or by a staff action; only what was not
invoiced yet is invoiced, so interest accrued after a formal notice is invoiced later.
Staff may waive them with a recorded reason (docs/rules/late-payment.md).
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Case, DecimalField, F, Q, Value, When
from django.db.models.functions import Round
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from billing.models import Invoice, InvoiceKind, InvoicePenalty, InvoiceStatus, LineKind
from billing.penalties import UNIT_DIVISOR
from billing.services.accrual import penalties_recompute
from billing.services.documents import InvoiceLineInput
from billing.services.invoices import invoice_issue
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import ZERO

logger = logging.getLogger(__name__)

# (component, its line designation in French, the contract language of invoices)
COMPONENTS = (
    ("interest", "Intérêts de retard"),
    ("recovery_indemnity", "Indemnité forfaitaire pour frais de recouvrement (40 €, D441-5)"),
    ("collection_fee", "Frais d'encaissement"),
    ("litigation_penalty", "Clause pénale (recouvrement contentieux)"),
)


def _locked(penalty: InvoicePenalty) -> InvoicePenalty:
    """The row, locked after its invoice: the order the daily accrual locks them in."""
    list(Invoice.objects.select_for_update(no_key=True).filter(pk=penalty.invoice_id).values("pk"))
    return InvoicePenalty.objects.select_for_update(no_key=True).get(pk=penalty.pk)


def invoice_penalty_send_to_collection(*, penalty: InvoicePenalty, on: date, user: Any) -> None:
    """Staff send the debt to collection on `on`: the litigation clause applies from then.

    Refused when the pinned Terms have no litigation clause or the invoice is paid.
    """
    invoice = penalty.invoice
    if not invoice.terms.litigation_penalty_percent:
        raise BusinessError(
            "penalty_no_litigation_clause",
            _("Les conditions générales de cette facture ne prévoient pas de clause pénale."),
        )
    if invoice.status == InvoiceStatus.PAID:
        raise BusinessError("penalty_invoice_paid", _("Cette facture est déjà réglée."))
    with transaction.atomic():
        row = _locked(penalty)
        if row.litigation_on is None:
            row.litigation_on = on
            row.save(update_fields=["litigation_on", "updated_at"])
            audit_record(
                obj=invoice,
                actor=Actor.of_user(user),
                field="litigation",
                to_state="sent_to_collection",
                data={"on": on.isoformat()},
            )
        penalties_recompute(invoice_ids=[invoice.pk], as_of=max(row.as_of, on))


def invoice_penalty_waive(*, penalty: InvoicePenalty, reason: str, user: Any) -> None:
    """Staff waive the penalties not invoiced yet; `reason` is required and recorded."""
    if not reason.strip():
        raise BusinessError(
            "penalty_waiver_reason_required",
            _("Indiquez le motif de l'abandon des pénalités."),
            field="waiver_reason",
        )
    with transaction.atomic():
        row = _locked(penalty)
        if row.waived_at is not None:
            return
        row.waived_at = timezone.now()
        row.waived_by = user
        row.waiver_reason = reason.strip()
        row.save(update_fields=["waived_at", "waived_by", "waiver_reason", "updated_at"])
        audit_record(
            obj=row.invoice,
            actor=Actor.of_user(user),
            field="penalties",
            to_state="waived",
            reason=row.waiver_reason,
        )


def invoice_penalty_bill(*, penalty: InvoicePenalty, on: date, actor: Actor) -> Invoice | None:
    """Invoice what the penalty row accrued by `on` and was not invoiced yet; None when
    nothing is. The row is brought up to date first (a payment recorded since the night's
    accrual stops interest from its own date).

    Refused while a rate is missing (the amounts are not current) or once waived.
    """
    with transaction.atomic():
        penalties_recompute(invoice_ids=[penalty.invoice_id], as_of=on)
        row = _locked(penalty)
        if row.waived_at is not None:
            raise BusinessError("penalty_waived", _("Ces pénalités ont été abandonnées."))
        if row.rate_missing_table:
            raise BusinessError(
                "penalty_rate_missing",
                _("Un taux manque : saisissez-le avant de facturer les pénalités."),
            )
        source = Invoice.objects.select_related("company", "terms").get(pk=row.invoice_id)
        accrued = row.amounts_on(on)
        lines = []
        for name, designation in COMPONENTS:
            amount = getattr(accrued, name) - getattr(row, f"billed_{name}")
            if amount > 0:
                lines.append(
                    InvoiceLineInput(
                        reference=source.number,
                        designation=f"{designation} — facture {source.number}",
                        quantity=1,
                        unit_price_ht=amount,
                        vat_rate=Decimal("0.00"),
                        kind=LineKind.PENALTY,
                    )
                )
                setattr(row, f"billed_{name}", getattr(accrued, name))
        if not lines:
            return None
        penalty_invoice = invoice_issue(
            company=source.company,
            terms=source.terms,
            lines=lines,
            order_reference=source.number,
            kind=InvoiceKind.PENALTY,
            issue_date=on,
            # The supply a penalty invoice bills is dated the day it is invoiced: a term
            # counted from delivery (001) runs from then.
            delivery_date=on,
            actor=actor,
        )
        row.save(update_fields=[*(f"billed_{name}" for name, _d in COMPONENTS), "updated_at"])
    return penalty_invoice


def unbilled_penalties_of_paid_invoices() -> Q:
    """Rows of invoices paid in full with an amount accrued beyond what was invoiced.

    Paid in full, nothing is unpaid: the interest is the closed part of the state alone,
    the same figure `InterestState.interest_on` gives on any day.
    """
    final_interest = Case(
        *(
            When(
                interest_unit=unit,
                then=Round(F("interest_closed") * F("interest_rate") / divisor, 2),
            )
            for unit, divisor in UNIT_DIVISOR.items()
        ),
        default=Value(ZERO),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    condition = Q(billed_interest__lt=final_interest)
    for name, _designation in COMPONENTS[1:]:
        condition |= Q(**{f"{name}__gt": F(f"billed_{name}")})
    return Q(unpaid=0) & condition


def run_penalty_invoicing(*, as_of: date) -> dict:
    """Invoice the penalties of invoices fully paid by `as_of` that were not invoiced yet."""
    actor = Actor.of_job("billing.penalty_invoicing")
    count = 0
    rows = InvoicePenalty.objects.filter(
        invoice__status=InvoiceStatus.PAID,
        invoice__paid_on__lte=as_of,
        as_of__gte=F("invoice__paid_on"),
        waived_at__isnull=True,
        rate_missing_table="",
    ).filter(unbilled_penalties_of_paid_invoices())
    refused = 0
    for row in rows.order_by("invoice_id"):
        try:
            with transaction.atomic():
                if invoice_penalty_bill(penalty=row, on=as_of, actor=actor) is not None:
                    count += 1
        except BusinessError as error:  # e.g. the seller's identity lacks a mention: retried
            refused += 1
            logger.warning("Penalties of invoice %s not invoiced: %s", row.invoice_id, error)
    return {"penalty_invoices": count, "refused": refused}
