"""Daily jobs of the orders app (discovered by core at start-up)."""

from datetime import date

from core.jobs import daily_job
from orders.services.cancellations import (
    PICKUP_JOB,
    UNPAID_JOB,
    run_cancel_uncollected_pickups,
    run_cancel_unpaid_transfers,
)
from orders.services.expiry import JOB_NAME, run_expire_quotes
from orders.services.holds import RELEASE_JOB, run_release_holds
from orders.services.shipments import BACKORDER_JOB, run_serve_backorders


@daily_job(name=JOB_NAME, order=200)
def expire_quotes(*, as_of: date) -> dict:
    """Issued quotes whose validity ended by the end of `as_of` (and before now) expire."""
    return run_expire_quotes(as_of=as_of)


@daily_job(name=UNPAID_JOB, order=210)
def cancel_unpaid_transfers(*, as_of: date) -> dict:
    """Bank-transfer and special orders unpaid after the pinned Terms' deadline are
    cancelled."""
    return run_cancel_unpaid_transfers(as_of=as_of)


@daily_job(name=PICKUP_JOB, order=215)
def cancel_uncollected_pickups(*, as_of: date) -> dict:
    """Sales whose goods were not collected in the days held after the appointment."""
    return run_cancel_uncollected_pickups(as_of=as_of)


@daily_job(name=RELEASE_JOB, order=220)
def release_holds(*, as_of: date) -> dict:
    """Orders of suspended companies held; orders whose cause cleared released."""
    return run_release_holds(as_of=as_of)


@daily_job(name=BACKORDER_JOB, order=230)
def serve_backorders(*, as_of: date) -> dict:
    """Stock that arrived reserved for backordered lines, oldest order first."""
    return run_serve_backorders(as_of=as_of)
