"""What the customer may do now on an order page: each action with its deadline and its
cost under the pinned Terms, or why it is closed (docs/rules/order-lifecycle.md).

The same rules (`orders.rules`) decide again in the services, under the order's lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from core.calendar import localdate
from core.money import format_eur
from orders.models import Order, ShipmentStatus
from orders.presentation import validity_text
from orders.rules import (
    FREE_BEFORE,
    Decision,
    cancellation_decision,
    complaint_decision,
    modification_decision,
    non_delivery_decision,
    pickup_decision,
)
from shop.models.terms_choices import CancellationStage


@dataclass(frozen=True)
class CustomerAction:
    code: str
    title: str
    allowed: bool
    deadline: str
    cost: str
    reason: str
    target: str = ""  # the shipment number of a complaint


def _deadline(decision: Decision, fallback: str = "") -> str:
    return validity_text(decision.deadline) if decision.deadline else fallback


def _cancellation(order: Order) -> CustomerAction:
    decision = cancellation_decision(order=order)
    stage = order.terms.cancellation_free_before
    free_until = (
        str(CancellationStage(stage).label) if stage in FREE_BEFORE and decision.fee == 0 else ""
    )
    if decision.staff_sets_fee:
        cost = decision.fee_text
    elif decision.fee is not None:
        cost = (
            _("sans frais")
            if decision.fee == 0
            else f"{format_eur(decision.fee)} ({decision.fee_text})"
        )
    else:
        cost = ""
    return CustomerAction(
        code="cancel",
        title=_("Annuler la commande"),
        allowed=decision.allowed,
        deadline=free_until,
        cost=cost,
        reason=decision.reason,
    )


def _modification(order: Order, now: datetime) -> CustomerAction:
    decision = modification_decision(order=order, today=localdate(now))
    terms = order.terms
    cost = _("sans frais ; les prix sont ajustés dans un nouveau devis à signer")
    return CustomerAction(
        code="modify",
        title=_("Demander une modification"),
        allowed=decision.allowed,
        deadline=_deadline(decision, _("avant la mise en préparation"))
        if terms.modification_rule
        else "",
        cost=cost if decision.allowed else "",
        reason=decision.reason,
    )


def _pickup(order: Order) -> CustomerAction | None:
    """The pickup appointment, where the Terms offer one (003 art. 5.7)."""
    days = order.terms.pickup_hold_days
    if days is None:
        return None
    decision = pickup_decision(order=order)
    return CustomerAction(
        code="pickup",
        title=_("Fixer un rendez-vous d'enlèvement"),
        allowed=decision.allowed,
        deadline=_(
            "marchandise tenue à disposition %(days)s jours à dater du rendez-vous, puis "
            "vente annulée"
        )
        % {"days": days},
        cost=_("sans frais"),
        reason=decision.reason,
    )


def order_customer_actions(*, order: Order, now: datetime, confirmed_on) -> list[CustomerAction]:
    """Cancel, modify, set a pickup appointment, complain about each delivered parcel,
    report a non-delivery:
    open or closed, with deadline, cost and reason, for the order page."""
    actions = [_cancellation(order), _modification(order, now)]
    pickup = _pickup(order)
    if pickup is not None:
        actions.append(pickup)
    for shipment in order.shipments.all():
        if shipment.status != ShipmentStatus.DELIVERED:
            continue
        decision = complaint_decision(shipment=shipment, now=now)
        actions.append(
            CustomerAction(
                code="complain",
                title=_("Réclamer sur le colis %(number)s") % {"number": shipment.number},
                allowed=decision.allowed,
                deadline=_deadline(decision),
                cost=_("sans frais ; une réclamation ne suspend pas le paiement"),
                reason=decision.reason,
                target=shipment.number,
            )
        )
    decision = non_delivery_decision(order=order, confirmed_on=confirmed_on, now=now)
    if decision.allowed or decision.deadline:
        actions.append(
            CustomerAction(
                code="non_delivery",
                title=_("Signaler une commande non reçue"),
                allowed=decision.allowed,
                deadline=_deadline(decision),
                cost=_("sans frais"),
                reason=decision.reason,
            )
        )
    return actions
