"""Daily jobs of the accounts app (discovered by core at start-up)."""

from datetime import date

from accounts.services.dormancy import JOB_NAME, run_mark_dormant
from accounts.services.retention import JOB_NAME as RETENTION_JOB_NAME
from accounts.services.retention import run_erase_kyc_files
from core.jobs import daily_job


@daily_job(name=JOB_NAME, order=100)
def mark_dormant(*, as_of: date) -> dict:
    """Companies without an order for the terms' dormancy period must resubmit their KYC."""
    return run_mark_dormant(as_of=as_of)


@daily_job(name=RETENTION_JOB_NAME, order=110)
def erase_kyc_files(*, as_of: date) -> dict:
    """KYC files are deleted once kept KYC_RETENTION_YEARS after the relationship ended."""
    return run_erase_kyc_files(as_of=as_of)
