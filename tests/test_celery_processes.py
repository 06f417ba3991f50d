"""A real Celery beat and worker start with the project's settings (filesystem broker).

Starting a process that imports Django and the apps takes seconds on a quiet machine and
much longer on a busy one: the waits below are bounds, generous on purpose, not delays
(each returns as soon as what it waits for has happened). Marked `serial`: `make test` runs
these outside the parallel run, so they do not compete with it for the CPU.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from celery import Celery
from django.db import connection
from django_celery_beat.models import PeriodicTask

from core.jobs import business_today
from core.models import JobRun

CELERY = Path(sys.executable).parent / "celery"


def database_url_of_the_test_database() -> str:
    params = connection.get_connection_params()
    query = f"host={quote(params.get('host') or '127.0.0.1')}"
    if params.get("port"):
        query += f"&port={params['port']}"
    return f"postgres://{params.get('user') or 'postgres'}@/{params['dbname']}?{query}"


def process_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=database_url_of_the_test_database(),
        REDIS_URL="",
        CELERY_BROKER_DIR=str(tmp_path / "broker"),
        DEMO_MODE="1",
    )
    return env


pytestmark = pytest.mark.serial

# Bounds on how long a process may take to start and do its work, or to stop.
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0


def wait_for(predicate, *, timeout: float = START_TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def stop(process: subprocess.Popen) -> str:
    """Stop `process` (warm shutdown, killed if it lingers) and return its output."""
    process.terminate()
    try:
        return process.communicate(timeout=STOP_TIMEOUT)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]


@pytest.mark.django_db(transaction=True)
def test_beat_installs_the_daily_jobs_schedule(tmp_path, settings):
    beat = subprocess.Popen(
        [CELERY, "-A", "config", "beat", "--loglevel=INFO", f"--pidfile={tmp_path / 'beat.pid'}"],
        cwd=settings.BASE_DIR,
        env=process_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        installed = wait_for(
            lambda: PeriodicTask.objects.filter(
                name="run-daily-jobs", task="core.tasks.run_daily_jobs_today"
            ).exists()
        )
    finally:
        output = stop(beat)
    assert installed, output
    task = PeriodicTask.objects.get(name="run-daily-jobs")
    assert (task.crontab.hour, task.crontab.minute) == (str(settings.DAILY_JOBS_HOUR), "0")
    assert str(task.crontab.timezone) == "Europe/Paris"


@pytest.mark.django_db(transaction=True)
def test_worker_runs_the_daily_jobs_sent_by_beat(tmp_path, settings):
    """The task beat sends reaches a real worker over the filesystem broker and runs the
    registered jobs (here the dormancy job) for today, recording each run."""
    broker = tmp_path / "broker"
    for folder in ("queue", "processed"):
        (broker / folder).mkdir(parents=True)
    worker = subprocess.Popen(
        [CELERY, "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        env=process_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    sender = Celery(broker="filesystem://")
    sender.conf.broker_transport_options = {
        "data_folder_in": str(broker / "queue"),
        "data_folder_out": str(broker / "queue"),
        "control_folder": str(broker / "control"),
    }
    try:
        sender.send_task(settings.CELERY_BEAT_SCHEDULE["run-daily-jobs"]["task"])
        ran = wait_for(
            lambda: JobRun.objects.filter(
                job="accounts.mark_dormant", as_of=business_today(), succeeded=True
            ).exists()
        )
    finally:
        output = stop(worker)
    assert ran, output
