"""Celery tasks of the orders app: thin wrappers around services."""

from celery import shared_task

from core.jobs import business_today
from orders.services.cancellations import run_cancel_unpaid_transfers
from orders.services.expiry import run_expire_quotes


@shared_task(name="orders.tasks.expire_quotes_now")
def expire_quotes_now() -> int:
    """Hourly: expire the quotes whose validity (72 h, 48 h...) has ended by now."""
    return run_expire_quotes(as_of=business_today())["expired"]


@shared_task(name="orders.tasks.cancel_unpaid_transfers_now")
def cancel_unpaid_transfers_now() -> int:
    """Hourly: cancel the unpaid transfer orders whose deadline in hours (72 h) is over."""
    return run_cancel_unpaid_transfers(as_of=business_today())["cancelled"]
