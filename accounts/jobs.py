"""Daily jobs of the accounts app (discovered by core at start-up)."""

from datetime import date

from accounts.services.dormancy import JOB_NAME, run_mark_dormant
from core.jobs import daily_job


@daily_job(name=JOB_NAME, order=100)
def mark_dormant(*, as_of: date) -> dict:
    """Companies without an order for the terms' dormancy period must resubmit their KYC."""
    return run_mark_dormant(as_of=as_of)
