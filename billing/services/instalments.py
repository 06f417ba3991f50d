"""Instalment plans agreed by staff, and their acceleration (000 art. 4, 001 art. 7).

A plan splits what an invoice leaves due into dated instalments; the invoice is then due
on the last one. One instalment unpaid at its due date (the invoice's settlements dated
on or before it fall short of the instalments due by then) makes the whole remaining
price due at once: the daily job brings the invoice's due date back to that
instalment's date, so it is overdue from the next day and the late-payment jobs
(accrual, acceleration of the other invoices where the Terms say so, 001 art. 7) treat
it as any overdue invoice. Rules: docs/rules/payments.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from billing.models import (
    Instalment,
    InstalmentPlan,
    Invoice,
    InvoiceSettlement,
    PlanStatus,
)
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import ZERO, format_eur, round_cents
from core.transitions import transition_apply

JOB_ACTOR = Actor.of_job("billing.instalments")


def _refused(message, **params) -> BusinessError:
    return BusinessError("instalments_invalid", message, field="instalments", params=params)


def instalment_plan_agree(
    *, invoice: Invoice, schedule: Sequence[tuple[date, Decimal]], actor: Actor
) -> InstalmentPlan:
    """Staff agree to `schedule` (due date, amount) for what `invoice` leaves due.

    Preconditions checked (BusinessError `instalments_invalid`, field "instalments"): at
    least two instalments, dates strictly increasing and not before the invoice date,
    amounts above zero, totalling exactly what the invoice leaves due; `instalment_plan_exists`
    when the invoice has a plan. Effects: the plan and its instalments; the invoice is due
    on the last instalment (audited).
    """
    rows = [(day, round_cents(amount)) for day, amount in schedule]
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if InstalmentPlan.objects.filter(invoice=invoice).exists():
            raise BusinessError(
                "instalment_plan_exists",
                _("La facture %(number)s a déjà un échéancier."),
                params={"number": invoice.number},
            )
        if len(rows) < 2:
            raise _refused(_("Un échéancier compte au moins deux échéances."))
        days = [day for day, _amount in rows]
        if days != sorted(set(days)) or days[0] < invoice.issue_date:
            raise _refused(
                _(
                    "Les dates des échéances doivent se suivre, sans doublon, à partir de la "
                    "date de la facture (%(day)s)."
                ),
                day=invoice.issue_date.strftime("%d/%m/%Y"),
            )
        if any(amount <= 0 for _day, amount in rows):
            raise _refused(_("Chaque échéance doit être d'un montant positif."))
        total = sum((amount for _day, amount in rows), ZERO)
        if total != invoice.amount_due:
            raise _refused(
                _(
                    "Les échéances totalisent %(total)s ; la facture laisse %(due)s à payer : "
                    "corrigez les montants."
                ),
                total=format_eur(total),
                due=format_eur(invoice.amount_due),
            )
        plan = InstalmentPlan.objects.create(invoice=invoice, agreed_by=str(actor))
        cumulative = invoice.amount_paid
        instalments = []
        for position, (day, amount) in enumerate(rows, start=1):
            cumulative += amount
            instalments.append(
                Instalment(
                    plan=plan, position=position, due_date=day, amount=amount, cumulative=cumulative
                )
            )
        Instalment.objects.bulk_create(instalments)
        Invoice.objects.filter(pk=invoice.pk).update(due_date=days[-1])
        audit_record(
            obj=plan,
            actor=actor,
            to_state=PlanStatus.ACTIVE,
            data={"invoice": invoice.number, "due_date": days[-1].isoformat()},
        )
    return plan


def run_instalment_acceleration(*, as_of: date) -> dict:
    """Plans with an instalment unpaid at its due date: the remaining price due at once.

    One query finds, for the active plans, the first instalment dated before `as_of`
    whose invoice's settlements dated on or before it fall short of the running total
    due by then. Idempotent: an accelerated plan is not looked at again.
    """
    settled_by = Subquery(
        InvoiceSettlement.objects.filter(
            invoice_id=OuterRef("plan__invoice_id"), on__lte=OuterRef("due_date")
        )
        .values("invoice_id")
        .annotate(total=Sum("amount"))
        .values("total"),
        output_field=DecimalField(max_digits=14, decimal_places=2),
    )
    missed = (
        Instalment.objects.filter(plan__status=PlanStatus.ACTIVE, due_date__lt=as_of)
        .annotate(settled=Coalesce(settled_by, Value(ZERO)))
        .filter(settled__lt=F("cumulative"))
        .order_by("plan_id", "due_date")
        .distinct("plan_id")
        .values_list("plan_id", "due_date")
    )
    accelerated = 0
    for plan_id, due_date in list(missed):
        with transaction.atomic():
            plan = InstalmentPlan.objects.select_for_update(no_key=True).get(pk=plan_id)
            if plan.status != PlanStatus.ACTIVE:
                continue
            transition_apply(
                plan,
                to=PlanStatus.ACCELERATED,
                actor=JOB_ACTOR,
                reason="instalment unpaid at its due date",
                data={"instalment_due": due_date.isoformat()},
                changes={"accelerated_on": due_date},
                locked=True,
            )
            Invoice.objects.filter(pk=plan.invoice_id, due_date__gt=due_date).update(
                due_date=due_date
            )
            accelerated += 1
    return {"accelerated_plans": accelerated}
