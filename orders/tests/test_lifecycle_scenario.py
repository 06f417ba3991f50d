"""Orders replayed over weeks with `run_daily_jobs --date` (and the hourly beat task for
deadlines in hours): unpaid transfers cancelled on the right day under 002 (7 Belgian
working days) and 003 (72 hours, across the change to summer time); the customer's
e-mail; stock released; a paid order kept."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from core.audit import Actor
from core.transitions import transition_apply
from orders.models import OrderStatus
from orders.tasks import cancel_unpaid_transfers_now
from orders.tests.factories import company_with_people, deliver_outbox, paris, product
from orders.tests.lifecycle import preset_terms, signed_order

pytestmark = pytest.mark.django_db


def run_day(day: date) -> None:
    """What beat does at 02:00 Paris: every daily job for that day."""
    with time_machine.travel(paris(day.year, day.month, day.day, 2, 0), tick=False):
        call_command("run_daily_jobs", "--date", day.isoformat())
        deliver_outbox()


def test_002_unpaid_transfer_cancelled_after_7_belgian_working_days():
    preset_terms("002")
    people = company_with_people()
    item = product(stock_on_hand=5)
    # Placed Monday 2 March 2026. Working days 3, 4, 5, 6, 9, 10, 11 March: the deadline
    # is the end of Wednesday 11 March; the job of Thursday 12 March cancels.
    unpaid = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people, lines=[(item, 2)])
    paid = signed_order(placed_at=paris(2026, 3, 2, 11, 0), people=people, lines=[(item, 1)])
    with time_machine.travel(paris(2026, 3, 6, 9, 0), tick=False):
        transition_apply(paid, to=OrderStatus.CONFIRMED, actor=Actor.of_job("payment"))
    day = date(2026, 3, 3)
    while day <= date(2026, 3, 11):
        run_day(day)
        unpaid.refresh_from_db()
        assert unpaid.status == OrderStatus.AWAITING_PAYMENT, day
        day += timedelta(days=1)
    mail.outbox.clear()
    run_day(date(2026, 3, 12))
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert unpaid.status == OrderStatus.CANCELLED
    assert paid.status == OrderStatus.CONFIRMED
    item.refresh_from_db()
    assert item.stock_reserved == 1  # the paid order's unit only
    subjects = [message.subject for message in mail.outbox]
    assert f"Commande {unpaid.number} annulée" in subjects
    body = next(m.body for m in mail.outbox if unpaid.number in m.subject)
    assert "Virement non reçu dans le délai prévu par nos conditions de vente" in body
    assert "sans frais" in body
    # Replaying the day changes nothing more.
    run_day(date(2026, 3, 12))
    assert len([m for m in mail.outbox if unpaid.number in m.subject]) == len(
        [s for s in subjects if unpaid.number in s]
    )


def test_003_unpaid_transfer_cancelled_72_hours_later_across_summer_time():
    preset_terms("003")
    people = company_with_people()
    # Placed Friday 27 March 2026 at 10:00 Paris (09:00 UTC). Clocks go forward on Sunday
    # 29 March: 72 real hours end on Monday 30 March at 09:00 UTC = 11:00 Paris, not 10:00.
    order = signed_order(placed_at=paris(2026, 3, 27, 10, 0), people=people)
    for day in (date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)):
        run_day(day)
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    with time_machine.travel(paris(2026, 3, 30, 10, 30), tick=False):
        assert cancel_unpaid_transfers_now() == 0  # 71 h 30 have passed
    with time_machine.travel(paris(2026, 3, 30, 10, 59), tick=False):
        assert cancel_unpaid_transfers_now() == 0
    with time_machine.travel(paris(2026, 3, 30, 11, 0), tick=False):
        assert cancel_unpaid_transfers_now() == 1
        assert cancel_unpaid_transfers_now() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED


def test_001_deferred_orders_are_never_cancelled_for_an_unpaid_transfer():
    preset_terms("001")
    people = company_with_people()
    order = signed_order(placed_at=paris(2026, 3, 2, 10, 0), people=people)
    run_day(date(2026, 4, 30))
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
