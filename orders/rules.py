"""What the pinned Terms allow on an order now, until when, and at what cost
(docs/rules/order-lifecycle.md). Pure decisions on an order and its Terms: services apply
them under lock, the portal shows them before the customer acts.

Periods are computed by `orders.services.validity.validity_end` (calendar days, working
days, days not counting public holidays, hours) from the seller's country calendar; every
deadline is an exclusive bound: allowed while `now < deadline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.calendar import add_days, localdate, period_end, start_of_day
from core.money import ZERO, line_total, percent_of, vat_breakdown
from orders.models import (
    CancellationCause,
    Order,
    OrderStatus,
    PaymentTermKind,
    Shipment,
    ShipmentStatus,
)
from orders.presentation import validity_text
from orders.services.validity import validity_end
from shop.models.terms_choices import (
    CancellationAfter,
    CancellationStage,
    FeeBase,
    ModificationRule,
    PaymentMethod,
    StandardPaymentTerm,
    TermStart,
)

# How far an order has gone: the stage a rule of the Terms is measured against.
PROGRESS = {
    OrderStatus.AWAITING_PAYMENT: 0,
    OrderStatus.CONFIRMED: 1,
    OrderStatus.IN_PREPARATION: 2,
    OrderStatus.PARTIALLY_SHIPPED: 3,
    OrderStatus.SHIPPED: 3,
    OrderStatus.DELIVERED: 4,
    OrderStatus.CLOSED: 5,
}
FREE_BEFORE = {
    CancellationStage.PAYMENT_VALIDATION: 1,
    CancellationStage.PREPARATION: 2,
    CancellationStage.SHIPPING: 3,
}
SHIPPED = 3


@dataclass(frozen=True)
class Decision:
    """Whether an action is open now; its deadline (exclusive) and cost when known."""

    allowed: bool
    reason: str = ""
    deadline: datetime | None = None
    fee: Decimal | None = None
    fee_text: str = ""
    staff_sets_fee: bool = False


def progress(order: Order) -> int | None:
    """The order's stage (an order on hold counts where it was held from); None when
    cancelled."""
    status = order.held_from if order.status == OrderStatus.ON_HOLD else order.status
    return PROGRESS.get(status)


def shipped_value_ttc(order: Order) -> Decimal:
    """TTC value of the goods already shipped: the "parcel value" of 003 art. 6.2."""
    lines = [
        (line_total(unit_price=line.unit_price_ht, quantity=line.quantity_shipped), line.vat_rate)
        for line in order.lines.all()
        if line.quantity_shipped
    ]
    return vat_breakdown(lines).ttc if lines else ZERO


def cancellation_decision(*, order: Order) -> Decision:
    """A customer's cancellation under the pinned Terms (001 art. 4, 003 art. 6.2, DOMAIN 4).

    Free before the Terms' stage (payment validation, preparation, shipping); after it:
    refused, a percentage of the amount the Terms name (HT, TTC, or the shipped goods'
    value), or the costs incurred, charged by staff. Never once delivered; once goods
    left, only where the fee is measured on the parcel (003).
    """
    terms = order.terms
    stage = progress(order)
    if stage is None or stage > SHIPPED:
        return Decision(False, str(_("La commande est livrée ou annulée.")))
    free_until = FREE_BEFORE.get(terms.cancellation_free_before)
    if free_until is not None and stage < free_until:
        return Decision(True, fee=ZERO, fee_text=str(_("sans frais")))
    parcel = terms.cancellation_fee_base == FeeBase.PARCEL_VALUE
    if stage == SHIPPED and not parcel:
        return Decision(False, str(_("La commande est déjà expédiée.")))
    after = terms.cancellation_after
    if after == CancellationAfter.PERCENT_FEE and terms.cancellation_fee_percent is not None:
        base = {
            FeeBase.HT: order.total_ht,
            FeeBase.TTC: order.total_ttc,
            FeeBase.PARCEL_VALUE: shipped_value_ttc(order),
        }[terms.cancellation_fee_base]
        fee = percent_of(amount=base, percent=terms.cancellation_fee_percent)
        return Decision(
            True,
            fee=fee,
            fee_text=str(_("%(percent)s %% de %(base)s"))
            % {
                "percent": f"{terms.cancellation_fee_percent.normalize():f}",
                "base": FeeBase(terms.cancellation_fee_base).label,
            },
        )
    if after == CancellationAfter.COSTS_INCURRED:
        return Decision(
            True,
            fee_text=str(_("les frais engagés, chiffrés par nos services")),
            staff_sets_fee=True,
        )
    return Decision(
        False,
        str(_("Nos conditions ne permettent plus d'annuler : %(stage)s est dépassé."))
        % {"stage": _stage_label(terms.cancellation_free_before)},
    )


def _stage_label(stage: str) -> str:
    return str(CancellationStage(stage).label) if stage else str(_("l'acceptation du devis"))


def modification_decision(*, order: Order, today: date) -> Decision:
    """A customer's modification request under the pinned Terms (000 art. 2, 001 art. 5).

    Before preparation (default, and 000's "before processing"); at least N days before
    the planned delivery date (001: 7; 6 days before is refused); never where orders are
    firm (004).
    """
    terms = order.terms
    stage = progress(order)
    rule = terms.modification_rule
    if not rule:
        return Decision(False, str(_("Nos conditions de vente rendent les commandes fermes.")))
    if stage is None or stage >= FREE_BEFORE[CancellationStage.PREPARATION]:
        return Decision(False, str(_("La préparation de la commande a commencé.")))
    if rule == ModificationRule.NOTICE_BEFORE_DELIVERY:
        days = terms.modification_notice_days or 0
        if order.planned_delivery_on is None:
            return Decision(True)
        last_day = add_days(order.planned_delivery_on, -days)
        deadline = period_end(last_day, 0)
        if today > last_day:
            return Decision(
                False,
                str(
                    _(
                        "Une modification doit être demandée au moins %(days)s jours avant la "
                        "livraison prévue le %(planned)s, soit au plus tard le %(last)s."
                    )
                )
                % {
                    "days": days,
                    "planned": f"{order.planned_delivery_on:%d/%m/%Y}",
                    "last": f"{last_day:%d/%m/%Y}",
                },
                deadline=deadline,
            )
        return Decision(True, deadline=deadline)
    return Decision(True)


def complaint_deadline(*, shipment: Shipment) -> datetime | None:
    """End of the complaint window of a delivered shipment (000 art. 5-6: 3 days; 001 art.
    12: 2 days; 002 art. 14: 7 days; 003 art. 5.4: 1 working day; 004 art. 11: 3 days,
    public holidays not counted), counted from the delivery day."""
    terms = shipment.order.terms
    if shipment.delivered_on is None or terms.complaint_window_value is None:
        return None
    return validity_end(
        issued_at=start_of_day(shipment.delivered_on),
        value=terms.complaint_window_value,
        unit=terms.complaint_window_unit,
        country=terms.seller.country,
    )


def complaint_decision(*, shipment: Shipment, now: datetime) -> Decision:
    deadline = complaint_deadline(shipment=shipment)
    if shipment.status != ShipmentStatus.DELIVERED or deadline is None:
        return Decision(False, str(_("Ce colis n'est pas encore livré.")))
    if now >= deadline:
        return Decision(
            False,
            str(_("Le délai de réclamation a pris fin le %(deadline)s."))
            % {"deadline": _deadline_text(deadline)},
            deadline=deadline,
        )
    return Decision(True, deadline=deadline)


def non_delivery_decision(*, order: Order, confirmed_on: date | None, now: datetime) -> Decision:
    """A non-delivery report (002 art. 12: within 30 days of the confirmation)."""
    days = order.terms.non_delivery_report_days
    if days is None:
        return Decision(False)
    stage = progress(order)
    if confirmed_on is None or stage is None or stage < 1 or stage > SHIPPED:
        return Decision(False)
    deadline = period_end(confirmed_on, days)
    if now >= deadline:
        return Decision(
            False,
            str(_("La non-livraison devait être signalée avant le %(deadline)s."))
            % {"deadline": _deadline_text(deadline)},
            deadline=deadline,
        )
    return Decision(True, deadline=deadline)


def invoice_at_delivery(*, order: Order) -> bool:
    """Whether a shipment is invoiced when its delivery is recorded rather than when it
    leaves: where the order's payment term runs from the delivery date (001 art. 7)."""
    terms = order.terms
    if order.payment_term == PaymentTermKind.DEFERRED:
        return terms.deferred_payment_from == TermStart.DELIVERY_DATE
    return (
        terms.standard_payment_term == StandardPaymentTerm.NET_DAYS
        and terms.standard_payment_from == TermStart.DELIVERY_DATE
    )


def unpaid_deadline(*, order: Order) -> tuple[datetime, str] | None:
    """When an order still awaiting payment is cancelled, and why: the first of the
    deadline to pay an order the buyer pays himself (002 art. 4: 7 working days; 003: 72
    hours; none under deferred terms, 001) and a special order's payment deadline from its
    acceptance, whatever the method (003 art. 2.3: 72 hours).

    The Terms give one deadline for an unpaid order; it applies to a card order whose
    payment never completed (abandoned, or the provider never called back) as to a
    transfer never received, each with its own cause for the customer."""
    terms = order.terms
    country = terms.seller.country
    ends = []
    buyer_pays = {
        PaymentMethod.TRANSFER: CancellationCause.UNPAID_TRANSFER,
        PaymentMethod.CARD: CancellationCause.UNPAID_CARD,
    }
    if (
        order.payment_method in buyer_pays
        and terms.unpaid_transfer_cancel_value is not None
        and terms.unpaid_transfer_cancel_unit
    ):
        end = validity_end(
            issued_at=order.placed_at,
            value=terms.unpaid_transfer_cancel_value,
            unit=terms.unpaid_transfer_cancel_unit,
            country=country,
        )
        ends.append((end, buyer_pays[order.payment_method].value))
    if (
        order.quote.is_special_order
        and terms.special_order_payment_value is not None
        and terms.special_order_payment_unit
    ):
        end = validity_end(
            issued_at=order.placed_at,
            value=terms.special_order_payment_value,
            unit=terms.special_order_payment_unit,
            country=country,
        )
        ends.append((end, CancellationCause.SPECIAL_ORDER_UNPAID.value))
    return min(ends) if ends else None


# Paid and not yet collected: the appointment is proposed once the payment is received.
PICKUP_STATUSES = (OrderStatus.CONFIRMED, OrderStatus.IN_PREPARATION)


def pickup_decision(*, order: Order) -> Decision:
    """Whether an appointment to collect the order at the seller's may be set now (003
    art. 5.7: proposed once the payment is received): offered by the Terms, the order
    paid and nothing of it gone."""
    if order.terms.pickup_hold_days is None:
        return Decision(
            False, str(_("Nos conditions de vente ne prévoient pas d'enlèvement sur rendez-vous."))
        )
    if order.status not in PICKUP_STATUSES or any(
        line.quantity_shipped for line in order.lines.all()
    ):
        return Decision(
            False,
            str(
                _(
                    "Un rendez-vous d'enlèvement se fixe pour une commande payée dont rien "
                    "n'est encore parti."
                )
            ),
        )
    return Decision(True)


def pickup_hold_end(*, order: Order, appointment_at: datetime) -> datetime | None:
    """End of the days the goods are held for a pickup by appointment (003 art. 5.7: 15
    days from the appointment: appointment on the 1st, last day the 16th); None when the
    Terms offer no pickup."""
    days = order.terms.pickup_hold_days
    if days is None:
        return None
    return period_end(localdate(appointment_at), days)


def _deadline_text(deadline: datetime) -> str:
    """An exclusive end worded as people read it: the last day, or the exact time."""
    return validity_text(deadline)
