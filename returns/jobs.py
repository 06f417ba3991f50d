"""Daily jobs of returns: expire authorisations whose parcel is late; forfeit refused goods
not collected in time (docs/rules/returns-warranty.md)."""

from datetime import date

from core.jobs import daily_job
from returns.services import run_expire_return_authorisations, run_forfeit_uncollected_goods


@daily_job(name="returns.expire_authorisations", order=400)
def expire_authorisations(*, as_of: date) -> dict:
    return run_expire_return_authorisations(as_of=as_of)


@daily_job(name="returns.forfeit_uncollected_goods", order=410)
def forfeit_uncollected_goods(*, as_of: date) -> dict:
    return run_forfeit_uncollected_goods(as_of=as_of)
