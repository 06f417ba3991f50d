"""A payment at order required by staff (a deposit, 000 art. 4, 001 art. 4): the order
awaiting payment is confirmed once it is paid; its wording follows the Terms (a deposit
only where the Terms keep it on cancellation; 000: a payment is never a deposit)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from billing.services.allocations import payment_record
from billing.tests.factories import ACTOR
from core.errors import BusinessError
from orders.models import OrderStatus
from orders.selectors import order_transfer_instructions
from orders.services.order_payments import order_deposit_require
from orders.tests.factories import terms_004
from orders.tests.payments import card_order

pytestmark = pytest.mark.django_db


def _pay(order, amount: str):
    payment_record(
        company=order.company,
        method="transfer",
        amount=Decimal(amount),
        received_on=date(2026, 3, 10),
        reference=order.number,
        order_reference=order.number,
        actor=ACTOR,
    )
    order.refresh_from_db()
    return order


def test_the_order_is_confirmed_once_the_payment_at_order_is_paid():
    terms_004()
    order, _signatory = card_order(method="transfer")  # 252,00 TTC
    order = order_deposit_require(order=order, amount=Decimal("100.00"), actor=ACTOR)
    assert order_transfer_instructions(order=order).amount == Decimal("100.00")
    assert _pay(order, "99.99").status == OrderStatus.AWAITING_PAYMENT  # one cent short
    assert order_transfer_instructions(order=order).amount == Decimal("0.01")
    assert _pay(order, "0.01").status == OrderStatus.CONFIRMED  # 99,99 + 0,01 = 100,00


@pytest.mark.parametrize("amount", ["0.00", "252.00", "300.00"])
def test_a_payment_at_order_not_below_the_total_or_not_positive_is_refused(amount):
    terms_004()
    order, _signatory = card_order(method="transfer")
    with pytest.raises(BusinessError) as refused:
        order_deposit_require(order=order, amount=Decimal(amount), actor=ACTOR)
    assert (refused.value.code, refused.value.field) == ("deposit_amount", "amount")
    assert "252,00" in refused.value.message
    order.refresh_from_db()
    assert order.deposit_amount is None


def test_an_order_already_confirmed_takes_no_payment_at_order():
    terms_004()
    order, _signatory = card_order(method="transfer")
    _pay(order, "252.00")
    with pytest.raises(BusinessError) as refused:
        order_deposit_require(order=order, amount=Decimal("100.00"), actor=ACTOR)
    assert refused.value.code == "order_not_awaiting_payment"


@pytest.mark.parametrize(
    ("kept", "words"),
    [
        (False, "ce paiement n'est pas un acompte"),
        (True, "Acompte à régler à la commande : 100,00"),
    ],
)
def test_the_wording_follows_the_terms(client, kept, words):
    terms_004(deposit_kept_on_cancellation=kept)
    order, signatory = card_order()  # by card
    order_deposit_require(order=order, amount=Decimal("100.00"), actor=ACTOR)
    client.force_login(signatory)
    page = client.get(f"/mes-commandes/{order.number}/").content.decode()
    assert words in page
    assert "Payer 100,00" in page  # the card pays what confirms the order
