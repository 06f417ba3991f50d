"""Reminders (dunning): each step of the seller's schedule sent once per unpaid invoice.

The schedule is the seller's `DunningStep`s, or `DEFAULT_SCHEDULE` (5 days before the due
date, the day after it, a formal notice 15 days after it with a 48-hour term). On a day,
an unpaid invoice is due the latest step whose day has come (a step before the due date
only until the due date); earlier steps not sent yet are recorded as passed over, so a
customer never receives three letters at once. One e-mail per company and step, written
to the outbox in the job's transaction (`billing.dunning_notice`), with the statement of
what is due, the penalties accrued and the invoices' PDFs; the handler sends nothing for
invoices paid in the meantime. A formal notice invoices the penalties accrued so far and
starts its term: it ends `term_hours` after the end of the notice's day (Europe/Paris),
after which staff may terminate the sale (000 art. 10, 001 art. 14).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import Company, Membership, Role
from billing.models import (
    DunningKind,
    DunningNotice,
    DunningStep,
    Invoice,
    InvoicePenalty,
    InvoiceStatus,
)
from billing.services.arrears import unpaid_invoices
from billing.services.penalty_actions import invoice_penalty_bill
from core.audit import Actor
from core.calendar import add_days, add_hours, period_end
from core.documents import document_read
from core.errors import BusinessError
from core.links import language_supported
from core.money import ZERO
from core.outbox import Outgoing, outbox_write
from shop.selectors import seller_get_current

logger = logging.getLogger(__name__)

TOPIC = "billing.dunning_notice"
JOB = "billing.dunning"


@dataclass(frozen=True)
class Step:
    offset_days: int
    kind: str
    term_hours: int | None = None


DEFAULT_SCHEDULE = (
    Step(-5, DunningKind.REMINDER),
    Step(1, DunningKind.REMINDER),
    Step(15, DunningKind.FORMAL_NOTICE, 48),
)


def dunning_schedule() -> tuple[Step, ...]:
    """The current seller's steps by day, or the default schedule when staff set none."""
    seller = seller_get_current()
    steps = (
        tuple(
            Step(step.offset_days, step.kind, step.term_hours)
            for step in DunningStep.objects.filter(seller=seller).order_by("offset_days")
        )
        if seller is not None
        else ()
    )
    return steps or DEFAULT_SCHEDULE


def _due_step(steps: tuple[Step, ...], due: date, as_of: date) -> tuple[Step | None, list[Step]]:
    """The latest step due on `as_of` for an invoice due on `due`, and the earlier ones."""
    reached = [
        step
        for step in steps
        if add_days(due, step.offset_days) <= as_of and (step.offset_days > 0 or as_of <= due)
    ]
    return (reached[-1], reached[:-1]) if reached else (None, [])


def run_dunning(*, as_of: date) -> dict:
    """Write the day's reminders and formal notices (the daily job); idempotent."""
    steps = dunning_schedule()
    earliest = min(step.offset_days for step in steps)
    candidates = (
        unpaid_invoices(as_of=as_of)
        .filter(due_date__lte=add_days(as_of, -earliest))
        .values_list("id", "company_id", "due_date")
    )
    sent = {
        (invoice_id, offset)
        for invoice_id, offset in DunningNotice.objects.filter(
            invoice_id__in=[row[0] for row in candidates]
        ).values_list("invoice_id", "offset_days")
    }
    work: dict[tuple[int, Step], list[tuple[int, list[Step]]]] = defaultdict(list)
    for invoice_id, company_id, due in candidates:
        step, earlier = _due_step(steps, due, as_of)
        if step is not None and (invoice_id, step.offset_days) not in sent:
            passed = [s for s in earlier if (invoice_id, s.offset_days) not in sent]
            work[(company_id, step)].append((invoice_id, passed))
    notices = 0
    for (company_id, step), invoices in sorted(work.items(), key=lambda item: item[0][0]):
        notices += _company_notice(company_id=company_id, step=step, invoices=invoices, as_of=as_of)
    return {"notices": notices}


def _company_notice(*, company_id: int, step: Step, invoices, as_of: date) -> int:
    """Record the step for the company's invoices not recorded yet, and write its e-mail."""
    term_ends_at = (
        add_hours(period_end(as_of, 0), step.term_hours) if step.term_hours is not None else None
    )
    with transaction.atomic():
        Company.objects.select_for_update(no_key=True).get(pk=company_id)
        rows = [(invoice_id, step.offset_days, False) for invoice_id, _passed in invoices]
        rows += [
            (invoice_id, s.offset_days, True) for invoice_id, passed in invoices for s in passed
        ]
        table = DunningNotice._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (invoice_id, offset_days, kind, "on", skipped, term_ends_at,
                    created_at)
                SELECT invoice_id, offset_days, %s, %s, skipped,
                    CASE WHEN skipped THEN NULL ELSE %s::timestamptz END, now()
                FROM unnest(%s::bigint[], %s::smallint[], %s::boolean[])
                    AS t(invoice_id, offset_days, skipped)
                ON CONFLICT (invoice_id, offset_days) DO NOTHING
                RETURNING invoice_id, skipped
                """,  # noqa: S608 (our table name; values are parameters)
                [
                    step.kind,
                    as_of,
                    term_ends_at,
                    [row[0] for row in rows],
                    [row[1] for row in rows],
                    [row[2] for row in rows],
                ],
            )
            new = sorted(invoice_id for invoice_id, skipped in cursor.fetchall() if not skipped)
        if not new:
            return 0
        if step.kind == DunningKind.FORMAL_NOTICE:
            _bill_at_formal_notice(invoice_ids=new, as_of=as_of)
        outbox_write(
            messages=[
                Outgoing(
                    TOPIC,
                    f"dunning:{company_id}:{step.offset_days}:{as_of.isoformat()}:{new[0]}",
                    {
                        "company": company_id,
                        "invoices": new,
                        "kind": step.kind,
                        "offset_days": step.offset_days,
                        "as_of": as_of.isoformat(),
                        "term_ends_at": term_ends_at.isoformat() if term_ends_at else None,
                    },
                )
            ]
        )
    return 1


def _bill_at_formal_notice(*, invoice_ids: list[int], as_of: date) -> None:
    """Invoice the penalties accrued so far; a refusal is logged, the notice still goes."""
    actor = Actor.of_job(JOB)
    for penalty in InvoicePenalty.objects.filter(
        invoice_id__in=invoice_ids, waived_at__isnull=True, rate_missing_table=""
    ).order_by("invoice_id"):
        try:
            with transaction.atomic():
                invoice_penalty_bill(penalty=penalty, on=as_of, actor=actor)
        except BusinessError as error:
            logger.warning("Penalties of invoice %s not invoiced: %s", penalty.invoice_id, error)


def dunning_recipients(*, company: Company) -> list:
    """The company's active accountants and administrators, each once."""
    memberships = Membership.objects.filter(
        company=company, is_active=True, user__is_active=True
    ).select_related("user")
    return [
        membership.user
        for membership in memberships.order_by("id")
        if {Role.ACCOUNTANT, Role.ADMINISTRATOR} & set(membership.roles)
    ]


def dunning_notice_deliver(*, payload: dict) -> None:
    """Outbox handler: e-mail the notice to each recipient, in their language, with the PDFs.

    Invoices paid since the notice was written are left out; with none left, nothing is sent.
    """
    company = Company.objects.get(pk=payload["company"])
    invoices = list(
        Invoice.objects.filter(pk__in=payload["invoices"])
        .exclude(status=InvoiceStatus.PAID)
        .select_related("pdf")
        .order_by("due_date", "number")
    )
    if not invoices:
        return
    penalties = {row.invoice_id: row for row in InvoicePenalty.objects.filter(invoice__in=invoices)}
    on = date.fromisoformat(payload["as_of"])
    lines = [
        {
            "invoice": invoice,
            "due": invoice.amount_due,
            "penalties": penalties[invoice.pk].amounts_on(on).total
            if invoice.pk in penalties
            else None,
        }
        for invoice in invoices
    ]
    context = {
        "company": company,
        "lines": lines,
        "total_due": sum(line["due"] for line in lines),
        "total_penalties": sum(line["penalties"] or ZERO for line in lines),
        "formal_notice": payload["kind"] == DunningKind.FORMAL_NOTICE,
        "before_due": payload["offset_days"] < 0,
        "term_ends_at": datetime.fromisoformat(payload["term_ends_at"])
        if payload["term_ends_at"]
        else None,
    }
    attachments = [
        (f"{invoice.number}.pdf", document_read(invoice.pdf), "application/pdf")
        for invoice in invoices
        if invoice.pdf_id
    ]
    for user in dunning_recipients(company=company):
        with translation.override(language_supported(getattr(user, "language", None))):
            full = {**context, "user": user}
            subject = " ".join(render_to_string("billing/emails/dunning_subject.txt", full).split())
            body = render_to_string("billing/emails/dunning.txt", full)
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for attachment in attachments:
            message.attach(*attachment)
        message.send(fail_silently=False)
