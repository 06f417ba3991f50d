"""Terminating the sale of an unpaid invoice once its formal notice has remained
ineffective for its term (000 art. 10, 001 art. 14; docs/rules/late-payment.md).

Billing records the termination (audit, on the invoice) and tells orders through
`sale_terminated`; orders cancel the invoice's order while it is still open, through
their own cancellation service. Refused before the term ends, with the moment it does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from billing.models import DunningKind, DunningNotice, Invoice
from billing.signals import sale_terminated
from core.audit import Actor, audit_record
from core.calendar import PARIS
from core.errors import BusinessError
from core.models import AuditEvent

TERMINATION_FIELD = "sale_termination"
TERMINATED = "terminated"


def sale_terminate(*, invoice: Invoice, user: Any, now: datetime | None = None) -> int:
    """Terminate the sale of `invoice` for non-payment; the number of orders cancelled.

    Errors (BusinessError): `termination_paid` (nothing left due), `termination_no_notice`
    (no formal notice was sent for it), `termination_too_early` (its term has not ended:
    the message gives the moment it ends), `termination_done` (terminated before).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Invoice.objects.select_for_update(no_key=True).get(pk=invoice.pk)
        if locked.amount_due <= 0:
            raise BusinessError("termination_paid", _("La facture est réglée : rien à résoudre."))
        notice = (
            DunningNotice.objects.filter(
                invoice=locked,
                kind=DunningKind.FORMAL_NOTICE,
                skipped=False,
                term_ends_at__isnull=False,
            )
            .order_by("term_ends_at")
            .first()
        )
        if notice is None:
            raise BusinessError(
                "termination_no_notice",
                _("La vente ne peut être résolue qu'après une mise en demeure restée sans effet."),
            )
        term_ends_at = notice.term_ends_at
        assert term_ends_at is not None  # filtered above
        if now < term_ends_at:
            raise BusinessError(
                "termination_too_early",
                _(
                    "Le délai de la mise en demeure du %(notice)s court encore : la vente "
                    "pourra être résolue à partir du %(when)s."
                ),
                params={
                    "notice": notice.on.strftime("%d/%m/%Y"),
                    "when": term_ends_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M"),
                },
            )
        if AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Invoice),
            object_id=str(locked.pk),
            field=TERMINATION_FIELD,
        ).exists():
            raise BusinessError(
                "termination_done", _("La vente de cette facture est déjà résolue.")
            )
        reason = gettext(
            "Résolution de la vente : mise en demeure du %(notice)s restée sans effet."
        ) % {"notice": notice.on.strftime("%d/%m/%Y")}
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field=TERMINATION_FIELD,
            to_state=TERMINATED,
            reason=reason,
            data={"formal_notice_on": notice.on.isoformat(), "order": locked.order_reference},
            at=now,
        )
        responses = sale_terminated.send(
            sender=Invoice,
            company_id=locked.company_id,
            order_reference=locked.order_reference,
            invoice_number=locked.number,
            user=user,
            reason=reason,
        )
        counts: list[Any] = [count for _receiver, count in responses]
        return sum(count for count in counts if isinstance(count, int))
