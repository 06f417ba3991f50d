"""The daily jobs runner: fixed order, one record per run, any day can be replayed."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from core import jobs
from core.models import JobRun
from core.tasks import run_daily_jobs_today


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test; the real one is restored afterwards."""
    monkeypatch.setattr(jobs, "_REGISTRY", {})
    return jobs._REGISTRY


@pytest.mark.django_db
def test_jobs_run_in_order_with_the_day_and_are_recorded(registry):
    calls = []

    @jobs.daily_job(name="second", order=20)
    def second(*, as_of):
        calls.append(("second", as_of))
        return {"changed": 0}

    @jobs.daily_job(name="first", order=10)
    def first(*, as_of):
        calls.append(("first", as_of))
        return {"changed": 2}

    runs = jobs.run_daily_jobs(as_of=date(2026, 3, 1))

    assert calls == [("first", date(2026, 3, 1)), ("second", date(2026, 3, 1))]
    assert [(r.job, r.as_of, r.succeeded, r.summary) for r in runs] == [
        ("first", date(2026, 3, 1), True, {"changed": 2}),
        ("second", date(2026, 3, 1), True, {"changed": 0}),
    ]


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_stops_the_day(registry):
    calls = []

    @jobs.daily_job(name="broken", order=1)
    def broken(*, as_of):
        raise ValueError("boom")

    @jobs.daily_job(name="after", order=2)
    def after(*, as_of):
        calls.append(as_of)

    with pytest.raises(ValueError):
        jobs.run_daily_jobs(as_of=date(2026, 3, 1))

    run = JobRun.objects.get(job="broken")
    assert not run.succeeded and "boom" in run.error and run.finished_at is not None
    assert calls == []


def test_a_name_cannot_be_registered_twice_for_different_functions(registry):
    jobs.daily_job(name="x", order=1)(lambda *, as_of: None)
    with pytest.raises(ValueError):
        jobs.daily_job(name="x", order=2)(lambda *, as_of: None)


@pytest.mark.django_db
def test_command_runs_the_given_date(registry, capsys):
    seen = []
    jobs.daily_job(name="note", order=1)(lambda *, as_of: seen.append(as_of) or {"n": 1})

    call_command("run_daily_jobs", "--date", "2027-02-28")

    assert seen == [date(2027, 2, 28)]
    assert "2027-02-28 note: {'n': 1}" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_with_empty_registry_says_so(registry, capsys):
    call_command("run_daily_jobs", "--date", "2026-01-01")
    assert "no daily job is registered" in capsys.readouterr().out


def test_command_refuses_a_malformed_date(registry):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("run_daily_jobs", "--date", "28/02/2027")


@pytest.mark.django_db
def test_beat_task_uses_the_paris_date(registry):
    seen = []
    jobs.daily_job(name="note", order=1)(lambda *, as_of: seen.append(as_of))
    # 23:30 UTC on 28 March 2026 is 00:30 on 29 March in Paris (CET, UTC+1, until 02:00).
    with time_machine.travel(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), tick=False):
        assert run_daily_jobs_today() == 1
    assert seen == [date(2026, 3, 29)]


def test_beat_schedule_runs_the_daily_jobs(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["run-daily-jobs"]
    assert entry["task"] == "core.tasks.run_daily_jobs_today"
    assert entry["schedule"].hour == {settings.DAILY_JOBS_HOUR}


def test_beat_expires_hour_validities_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["expire-quotes-hourly"]
    assert entry["task"] == "orders.tasks.expire_quotes_now"
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24
