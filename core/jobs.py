"""The registry of daily jobs and the runner that replays any business day.

Each app declares its jobs in `<app>/jobs.py` with `@daily_job(name=..., order=...)`
on a service `run_<job>(*, as_of: date) -> dict | None`. The runner calls them in
ascending `order` (ties broken by name), records each run in `JobRun`, and stops at
the first failure so a later job never acts on a half-done day. Each job is itself
idempotent: running a day twice changes nothing more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from core.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyJob:
    name: str
    order: int
    func: Callable[..., dict | None]


_REGISTRY: dict[str, DailyJob] = {}


def daily_job(*, name: str, order: int):
    """Register `func` as the daily job `name`, run at position `order`."""

    def register(func):
        existing = _REGISTRY.get(name)
        if existing is not None and existing.func is not func:
            raise ValueError(f"Daily job {name!r} is already registered.")
        _REGISTRY[name] = DailyJob(name=name, order=order, func=func)
        return func

    return register


def registered_jobs() -> list[DailyJob]:
    return sorted(_REGISTRY.values(), key=lambda job: (job.order, job.name))


def business_today(now: datetime | None = None) -> date:
    """Today's date in the shop's time zone (Europe/Paris)."""
    return timezone.localdate(now or timezone.now())


def run_daily_jobs(*, as_of: date, jobs: list[DailyJob] | None = None) -> list[JobRun]:
    """Run every registered job (or `jobs`) for the business day `as_of`."""
    runs = []
    for job in jobs if jobs is not None else registered_jobs():
        run = JobRun.objects.create(job=job.name, as_of=as_of)
        try:
            summary = job.func(as_of=as_of) or {}
        except Exception as exc:
            run.error = repr(exc)
            run.finished_at = timezone.now()
            run.save(update_fields=["error", "finished_at"])
            logger.exception("Daily job %s failed for %s", job.name, as_of)
            raise
        run.summary = summary
        run.succeeded = True
        run.finished_at = timezone.now()
        run.save(update_fields=["summary", "succeeded", "finished_at"])
        runs.append(run)
    return runs
