"""An order's payments: starting a card payment, counting validated payments, and the
hold of an order whose payment is disputed. Rules: docs/rules/payments.md.

Billing records payments and tells orders through its signals (`orders/receivers.py`);
this module keeps the links (`OrderPayment`) and moves the order through
core.transitions: awaiting payment → confirmed once paid in full (000 art. 2: an order
on prepayment is processed only once the payment is validated), any open state → on hold
when the payment is disputed (002 art. 16).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from billing.models import Payment
from billing.services import payment_card_checkout
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import ZERO, format_eur, round_cents
from core.transitions import transition_allowed, transition_apply
from orders.models import HoldCode, Order, OrderPayment, OrderStatus
from orders.selectors import order_amount_due_to_confirm
from shop.models.terms_choices import PaymentMethod


def _locked(order: Order) -> Order:
    return Order.objects.select_for_update(no_key=True).get(pk=order.pk)


def order_card_payment_start(*, order: Order, return_url: str) -> Payment:
    """The pending card payment of `order`, with the provider's page to send the buyer to.

    Preconditions: the order is awaiting payment and its method is card. The order row is
    locked while the checkout is opened, so a double click on "pay" opens one payment
    (the second click gets the first one's page). Errors: BusinessError
    `order_not_payable` otherwise.
    """
    with transaction.atomic():
        order = _locked(order)
        if order.status != OrderStatus.AWAITING_PAYMENT or order.payment_method != (
            PaymentMethod.CARD
        ):
            raise BusinessError(
                "order_not_payable",
                _("Cette commande n'attend pas de paiement par carte."),
            )
        return payment_card_checkout(
            company=order.company,
            amount=order_amount_due_to_confirm(order=order),
            order_reference=order.number,
            description=str(_("Commande %(number)s") % {"number": order.number}),
            return_url=return_url,
        )


def order_payment_record(*, order: Order, payment_id: int, amount: Decimal, actor: Actor) -> Order:
    """Count a validated payment towards `order`; confirm the order once paid in full.

    Idempotent: a payment already counted changes nothing. Effects: an `OrderPayment`
    row; when the order is awaiting payment and the payments cover its TTC total, the
    move to confirmed (audited, once: the order row is locked).
    """
    with transaction.atomic():
        order = _locked(order)
        _link, created = OrderPayment.objects.get_or_create(
            payment_id=payment_id, defaults={"order": order, "amount": amount}
        )
        if (
            created
            and order.status == OrderStatus.AWAITING_PAYMENT
            and order_amount_due_to_confirm(order=order) == 0
        ):
            transition_apply(
                order,
                to=OrderStatus.CONFIRMED,
                actor=actor,
                reason="paid in full",
                data={"payment_id": payment_id},
                locked=True,
            )
        return order


def order_deposit_require(*, order: Order, amount: Decimal, actor: Actor) -> Order:
    """Staff require a payment at order of `amount` TTC (a deposit where the Terms keep
    it on cancellation, 001 art. 4; a part payment otherwise, 000: never a deposit): the
    order awaiting payment is confirmed once it is paid; the rest follows the payment
    terms. Errors: BusinessError `order_not_awaiting_payment`, `deposit_amount` (not
    above zero, or not below the TTC total). Confirms at once when already paid."""
    amount = round_cents(amount)
    with transaction.atomic():
        order = _locked(order)
        if order.status != OrderStatus.AWAITING_PAYMENT:
            raise BusinessError(
                "order_not_awaiting_payment",
                _("Seule une commande en attente de paiement peut recevoir cette exigence."),
            )
        if not ZERO < amount < order.total_ttc:
            raise BusinessError(
                "deposit_amount",
                _(
                    "Le paiement à la commande doit être positif et inférieur au total TTC "
                    "(%(total)s) : pour la totalité, n'exigez rien de plus."
                ),
                field="amount",
                params={"total": format_eur(order.total_ttc)},
            )
        order.deposit_amount = amount
        order.save(update_fields=["deposit_amount"])
        audit_record(
            obj=order, actor=actor, field="deposit_amount", to_state=str(amount), reason="deposit"
        )
        if order_amount_due_to_confirm(order=order) == 0:
            transition_apply(
                order, to=OrderStatus.CONFIRMED, actor=actor, reason="paid at order", locked=True
            )
        return order


def order_payment_dispute_hold(*, order: Order, payment_id: int, actor: Actor) -> Order:
    """Stop the processing of `order` whose payment was disputed (002 art. 16): on hold
    with the code `payment_disputed`. An order already shipped, closed or cancelled, or
    already on hold, is left as it is (the dispute is on the payment's record)."""
    with transaction.atomic():
        order = _locked(order)
        if transition_allowed(Order, order.status, OrderStatus.ON_HOLD):
            transition_apply(
                order,
                to=OrderStatus.ON_HOLD,
                actor=actor,
                reason="payment disputed",
                data={"payment_id": payment_id},
                changes={
                    "hold_code": HoldCode.PAYMENT_DISPUTED,
                    "hold_detail": str(_("Paiement n° %(id)s contesté") % {"id": payment_id}),
                },
                locked=True,
            )
        return order
