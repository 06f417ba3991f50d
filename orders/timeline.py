"""The customer's timeline of an order, built from its audit rows (core.audit): every move
and event worded for the customer in their language, never an internal state name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.audit import audit_history
from core.calendar import PARIS
from core.money import format_eur
from orders.models import CancellationCause, ComplaintKind, HoldCode, Order, OrderStatus
from orders.presentation import validity_text

STATUS_LABELS = {
    OrderStatus.AWAITING_PAYMENT: gettext_lazy("En attente de votre paiement"),
    OrderStatus.CONFIRMED: gettext_lazy("Commande confirmée"),
    OrderStatus.ON_HOLD: gettext_lazy("Commande mise en attente"),
    OrderStatus.IN_PREPARATION: gettext_lazy("Préparation en cours dans notre entrepôt"),
    OrderStatus.PARTIALLY_SHIPPED: gettext_lazy("Une partie de la commande est expédiée"),
    OrderStatus.SHIPPED: gettext_lazy("Commande expédiée"),
    OrderStatus.DELIVERED: gettext_lazy("Commande livrée"),
    OrderStatus.CLOSED: gettext_lazy("Dossier de la commande clôturé"),
    OrderStatus.CANCELLED: gettext_lazy("Commande annulée"),
}
EVENT_LABELS = {
    "shipment": gettext_lazy("Nouveau colis expédié"),
    "delivery": gettext_lazy("Colis livré"),
    "backorder": gettext_lazy("Article en reliquat réservé à son arrivée en stock"),
    "complaint": gettext_lazy("Réclamation enregistrée"),
    "delivery_refused": gettext_lazy("Livraison refusée à la réception"),
    "substitution": gettext_lazy("Article remplacé par un équivalent, avec votre accord"),
    "cancellation_request": gettext_lazy("Demande d'annulation transmise à nos services"),
    "modification_request": gettext_lazy("Demande de modification transmise à nos services"),
    "modification": gettext_lazy("Commande modifiée selon le nouveau devis signé"),
    "pickup": gettext_lazy("Rendez-vous d'enlèvement fixé"),
    "unavailable": gettext_lazy("Article indisponible retiré de la commande, avec votre accord"),
}

# Events whose reason the customer reads (staff write it for them).
REASON_SHOWN = {
    OrderStatus.CANCELLED,
    "cancellation_request",
    "modification_request",
}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    detail: str
    kind: str


def _hold_detail(event, data: dict) -> list[str]:
    """Why the order is held, in the reader's language; the words of staff or of the
    suspension only where people wrote them for the customer."""
    code = data.get("hold_code") or (HoldCode.PAYMENT_DISPUTED if "payment_id" in data else "")
    if code not in HoldCode.values:
        return []
    parts = [str(HoldCode(code).label)]
    if code in (HoldCode.STAFF, HoldCode.DELIVERY_SUSPENDED) and event.reason != parts[0]:
        parts.append(event.reason)
    return parts


def _pickup_detail(data: dict) -> str:
    appointment = datetime.fromisoformat(data["appointment_at"]).astimezone(PARIS)
    return _("Le %(date)s à %(time)s ; marchandise tenue à disposition %(until)s") % {
        "date": appointment.strftime("%d/%m/%Y"),
        "time": appointment.strftime("%H:%M"),
        "until": validity_text(datetime.fromisoformat(data["held_until"])),
    }


def _detail(event) -> str:
    data = event.data or {}
    parts = []
    if data.get("shipment"):
        text = _("Colis %(number)s") % {"number": data["shipment"]}
        if data.get("carrier"):
            text += f" — {data['carrier']}"
        if data.get("tracking_number"):
            text += " — " + _("suivi %(tracking)s") % {"tracking": data["tracking_number"]}
        parts.append(text)
    if data.get("lines"):
        parts.append(", ".join(f"{row['reference']} × {row['quantity']}" for row in data["lines"]))
    if event.field in ("backorder", "complaint") and data.get("reference"):
        parts.append(f"{data['reference']} × {data.get('quantity', '')}")
    if event.field == "complaint" and data.get("kind") in ComplaintKind.values:
        parts.append(str(ComplaintKind(data["kind"]).label))
    if event.field == "substitution":
        parts.append(f"{data.get('from', '')} → {data.get('to', '')} × {data.get('quantity', '')}")
    if event.field == "pickup" and data.get("appointment_at"):
        parts.append(_pickup_detail(data))
    if event.field == "modification" and data.get("quote"):
        parts.append(
            _("Devis %(quote)s — nouveau total %(total)s TTC")
            % {"quote": data["quote"], "total": format_eur(data["total_ttc"], lang=get_language())}
        )
    if event.field == "unavailable":
        parts.append(f"{data.get('reference', '')} × {data.get('quantity', '')}")
        if data.get("credit"):
            parts.append(
                _("%(amount)s déjà payés restent à votre crédit")
                % {"amount": format_eur(data["credit"], lang=get_language())}
            )
    if data.get("released_hold"):
        parts.append(_("Blocage levé"))
    if event.field == "status" and event.to_state == OrderStatus.ON_HOLD:
        parts.extend(_hold_detail(event, data))
    elif event.field in REASON_SHOWN or event.to_state in REASON_SHOWN:
        parts.append(event.reason)
    if data.get("fee_invoice"):
        parts.append(
            _("Frais de %(fee)s facturés (facture %(number)s)")
            % {"fee": format_eur(data["fee"], lang=get_language()), "number": data["fee_invoice"]}
        )
    if data.get("cause") in CancellationCause.values:
        parts.append(str(CancellationCause(data["cause"]).label))
    return " — ".join(part for part in parts if part)


def order_timeline(*, order: Order) -> list[TimelineEntry]:
    """The order's events, oldest first, as the customer reads them (one query)."""
    entries = []
    for event in audit_history(order):
        detail = _detail(event)
        if event.field != "status":
            title = EVENT_LABELS.get(event.field)
        elif event.from_state:
            title = STATUS_LABELS.get(event.to_state)
        else:  # the order formed by the signature, and where it started
            title = gettext_lazy("Commande passée par bon pour accord")
            detail = " — ".join(
                part for part in (str(STATUS_LABELS[event.to_state]), detail) if part
            )
        if title is None:
            continue
        entries.append(
            TimelineEntry(
                at=event.created_at,
                title=str(title),
                detail=detail,
                kind=event.field if event.field != "status" else event.to_state,
            )
        )
    return entries
