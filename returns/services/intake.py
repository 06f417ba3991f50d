"""Staff record a parcel's arrival: its date, the original packaging, the serial numbers
received (checked against those shipped on the invoice line) and the diagnosis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from returns.models import LineDecision, ReturnRequest, ReturnStatus
from returns.models.requests import AWAITING_PARCEL


@dataclass(frozen=True)
class IntakeLineInput:
    line_id: int
    serials_received: tuple[str, ...] = ()
    diagnosis: str = ""
    modified_by_customer: bool = False


def return_intake_record(
    *,
    request: ReturnRequest,
    actor: Actor,
    received_on: date,
    packaging_ok: bool,
    lines: Sequence[IntakeLineInput],
    notes: str = "",
) -> ReturnRequest:
    """Record the arrival of the parcel of `request` on `received_on`.

    Preconditions: the request is authorised (in full or in part) and awaits its parcel.
    Effects (one transaction, the request row locked first, so two staff recording the same
    parcel at once cannot both succeed): the authorised lines get their received serials,
    diagnosis and "modified by the customer"; the request gets the date, the packaging's
    state and the notes, and moves to "received"; audited.
    Raises BusinessError `return_intake_done` (already recorded, or not authorised),
    `return_parcel_late` (after the arrival deadline: the parcel is refused),
    `return_parcel_early`, `return_serial_not_shipped`.
    """
    with transaction.atomic():
        locked = ReturnRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
        if locked.status not in AWAITING_PARCEL:
            raise BusinessError(
                "return_intake_done",
                _("Ce retour n'attend pas de colis (statut : %(status)s)."),
                params={"status": locked.get_status_display()},
            )
        assert locked.arrival_deadline is not None and locked.authorised_on is not None
        if received_on > locked.arrival_deadline:
            raise BusinessError(
                "return_parcel_late",
                _(
                    "Colis arrivé après la date limite du %(deadline)s : il est refusé et "
                    "l'autorisation expire."
                ),
                field="received_on",
                params={"deadline": locked.arrival_deadline.strftime("%d/%m/%Y")},
            )
        if received_on < locked.authorised_on:
            raise BusinessError(
                "return_parcel_early",
                _("La date de réception précède l'autorisation de retour."),
                field="received_on",
            )
        by_id = {entry.line_id: entry for entry in lines}
        for line in locked.lines.filter(decision=LineDecision.AUTHORISED).select_related(
            "invoice_line"
        ):
            entry = by_id.get(line.pk, IntakeLineInput(line_id=line.pk))
            unknown = [
                s for s in entry.serials_received if s not in line.invoice_line.serial_numbers
            ]
            if unknown:
                raise BusinessError(
                    "return_serial_not_shipped",
                    _("Numéro de série reçu qui n'a pas été livré sur la facture : %(serials)s."),
                    field=f"line_{line.pk}_serials",
                    params={"serials": ", ".join(unknown)},
                )
            line.serials_received = list(entry.serials_received)
            line.diagnosis = entry.diagnosis.strip()
            line.modified_by_customer = entry.modified_by_customer
            line.save(update_fields=["serials_received", "diagnosis", "modified_by_customer"])
        transition_apply(
            locked,
            to=ReturnStatus.RECEIVED,
            actor=actor,
            locked=True,
            changes={
                "received_on": received_on,
                "packaging_ok": packaging_ok,
                "intake_notes": notes.strip(),
            },
        )
    request.refresh_from_db()
    return request
