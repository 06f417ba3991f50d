"""Staff decide on a request: approve (RMA number, return address, arrival deadline),
approve in part, or refuse; a daily job expires authorisations whose parcel did not arrive
in time (docs/rules/returns-warranty.md)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.calendar import add_days
from core.errors import BusinessError
from core.sequences import sequence_format, sequence_next
from core.transitions import TransitionRefused, transition_apply
from returns.models import LineDecision, ReturnRequest, ReturnStatus
from returns.models.requests import AWAITING_PARCEL
from returns.services.notices import return_notice_write
from shop.models import Seller
from shop.models.terms_choices import RmaDeadlineMode
from shop.selectors import seller_get_required

RMA_SERIES = "RMA"


def seller_return_address(seller: Seller) -> str:
    lines = [
        seller.trade_name or seller.legal_name,
        seller.address_line1,
        seller.address_line2,
        f"{seller.postal_code} {seller.city}".strip(),
        seller.get_country_display(),
    ]
    return "\n".join(line for line in lines if line)


def arrival_deadline(
    *, request: ReturnRequest, authorised_on: date, staff_date: date | None
) -> date:
    """The last day the parcel may arrive: authorisation + the Terms' days (000 art. 7:
    14 days, so day 15 is refused), or the date staff set on the return form (004 art. 9)."""
    terms = request.terms
    if terms.rma_deadline_mode == RmaDeadlineMode.STAFF_SET:
        if staff_date is None or staff_date < authorised_on:
            raise BusinessError(
                "return_deadline_required",
                _("Fixez la date limite de réception du colis (aujourd'hui ou plus tard)."),
                field="deadline",
            )
        return staff_date
    if terms.rma_arrival_days is None:
        raise BusinessError(
            "return_deadline_missing",
            _("Les CGV ne fixent pas le délai d'arrivée d'un retour."),
        )
    return add_days(authorised_on, terms.rma_arrival_days)


def return_authorise(
    *,
    request: ReturnRequest,
    actor: Actor,
    on: date,
    refused_lines: Mapping[int, str] | None = None,
    deadline: date | None = None,
) -> ReturnRequest:
    """Approve `request` on `on`, all its lines or all but `refused_lines` (line id: reason).

    Effects (one transaction): the next RMA number of the year, the seller's return
    address, the arrival deadline; lines marked authorised or refused with their reason;
    "authorised" or "partly authorised"; audited; a notice to the customer (outbox).
    Raises BusinessError `return_refusal_reason` (a refused line without reason),
    `return_all_lines_refused` (refuse the request instead), `return_deadline_*`, and
    TransitionRefused when the request is no longer awaiting a decision.
    """
    refused = dict(refused_lines or {})
    if any(not reason.strip() for reason in refused.values()):
        raise BusinessError(
            "return_refusal_reason", _("Donnez le motif de chaque ligne refusée."), field="refused"
        )
    lines = list(request.lines.all())
    if all(line.pk in refused for line in lines):
        raise BusinessError(
            "return_all_lines_refused",
            _("Toutes les lignes sont refusées : refusez la demande."),
            field="refused",
        )
    last_day = arrival_deadline(request=request, authorised_on=on, staff_date=deadline)
    with transaction.atomic():
        number = sequence_format(
            prefix=RMA_SERIES, year=on.year, value=sequence_next(series=RMA_SERIES, year=on.year)
        )
        for line in lines:
            line.decision = LineDecision.REFUSED if line.pk in refused else LineDecision.AUTHORISED
            line.refusal_reason = refused.get(line.pk, "").strip()
            line.save(update_fields=["decision", "refusal_reason"])
        transition_apply(
            request,
            to=ReturnStatus.PARTLY_AUTHORISED if refused else ReturnStatus.AUTHORISED,
            actor=actor,
            changes={
                "rma_number": number,
                "authorised_on": on,
                "arrival_deadline": last_day,
                "return_address": seller_return_address(seller_get_required()),
            },
            data={"rma_number": number, "deadline": last_day.isoformat()},
        )
        return_notice_write(request=request, kind="authorised")
    return request


def return_refuse(*, request: ReturnRequest, actor: Actor, reason: str) -> ReturnRequest:
    """Refuse the whole request with `reason` (shown to the customer); notice by outbox.
    Raises BusinessError `return_refusal_reason`; TransitionRefused after a decision."""
    if not reason.strip():
        raise BusinessError("return_refusal_reason", _("Donnez le motif du refus."), field="reason")
    with transaction.atomic():
        request.lines.update(decision=LineDecision.REFUSED, refusal_reason=reason.strip())
        transition_apply(
            request,
            to=ReturnStatus.REFUSED,
            actor=actor,
            reason=reason.strip(),
            changes={"refusal_reason": reason.strip()},
        )
        return_notice_write(request=request, kind="refused")
    return request


def run_expire_return_authorisations(*, as_of: date) -> dict:
    """Expire the authorisations whose arrival deadline is before `as_of` (the parcel did
    not arrive in time). Idempotent; an intake recorded meanwhile wins (skipped)."""
    expired = 0
    actor = Actor.of_job("returns.expire_authorisations")
    due = ReturnRequest.objects.filter(status__in=AWAITING_PARCEL, arrival_deadline__lt=as_of)
    for request in due.order_by("pk"):
        try:
            with transaction.atomic():
                transition_apply(
                    request,
                    to=ReturnStatus.EXPIRED,
                    actor=actor,
                    reason="arrival deadline passed",
                    data={
                        "deadline": request.arrival_deadline.isoformat()
                        if request.arrival_deadline
                        else ""
                    },
                )
                return_notice_write(request=request, kind="expired")
        except TransitionRefused:
            continue
        expired += 1
    return {"expired": expired}
