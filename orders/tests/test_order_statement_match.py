"""A bank transfer for an order, found in a statement by the order's structured
communication, confirms the order once staff confirm the proposal."""

from __future__ import annotations

import pytest

from accounts.tests.factories import UserFactory
from billing.models import BankStatementLine, LineStatus, Payment
from billing.payments.transfer import structured_communication
from billing.services.statements import statement_import, statement_line_confirm
from billing.tests.statement_files import Tx, coda
from core.audit import Actor, audit_history
from orders.models import OrderPayment, OrderStatus
from orders.tests.payments import card_order

pytestmark = pytest.mark.django_db


def test_a_transfer_naming_the_order_confirms_it_once_confirmed_by_staff(terms):
    order, _ = card_order(method="transfer")
    staff = UserFactory(is_staff=True)
    content = coda(
        [Tx(str(order.total_ttc), "REF0001", structured=structured_communication(order.number))]
    )
    report = statement_import(content=content, filename="releve.cod", user=staff)
    assert report.proposed == 1
    line = BankStatementLine.objects.get()
    assert (line.company, line.order_reference) == (order.company, order.number)
    statement_line_confirm(line=line, actor=Actor.of_user(staff))
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    assert OrderPayment.objects.get().payment == Payment.objects.get()
    line.refresh_from_db()
    assert line.status == LineStatus.CONFIRMED
    # The order's history names the staff member who confirmed the transfer, no job.
    confirmed = audit_history(order).get(to_state=OrderStatus.CONFIRMED)
    assert (confirmed.actor_user, confirmed.actor_job) == (staff, "")


def test_the_quote_number_names_its_order_too(terms):
    order, _ = card_order(method="transfer")
    content = coda([Tx("10.00", "REF0001", free=f"devis {order.quote.number}")])
    statement_import(content=content, filename="releve.cod", user=UserFactory(is_staff=True))
    assert BankStatementLine.objects.get().order_reference == order.number


def test_a_partial_transfer_leaves_the_order_awaiting_payment(terms):
    order, _ = card_order(method="transfer")
    staff = UserFactory(is_staff=True)
    # 252,00 due; 252,00 − 0,01 = 251,99 paid: not paid in full.
    content = coda([Tx("251.99", "REF0001", free=order.number)])
    statement_import(content=content, filename="releve.cod", user=staff)
    statement_line_confirm(line=BankStatementLine.objects.get(), actor=Actor.of_user(staff))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
