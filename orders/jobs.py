"""Daily jobs of the orders app (discovered by core at start-up)."""

from datetime import date

from core.jobs import daily_job
from orders.services.expiry import JOB_NAME, run_expire_quotes


@daily_job(name=JOB_NAME, order=200)
def expire_quotes(*, as_of: date) -> dict:
    """Issued quotes whose validity ended by the end of `as_of` (and before now) expire."""
    return run_expire_quotes(as_of=as_of)
