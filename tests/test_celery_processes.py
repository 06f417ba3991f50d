"""A real Celery beat and worker start with the project's settings (filesystem broker).

Marked `serial`: `make test` runs these outside the parallel run, so they do not compete
with it for the CPU (tests/celery_processes.py bounds their waits).
"""

import subprocess

import pytest
from celery import Celery
from django_celery_beat.models import PeriodicTask

from core.jobs import business_today
from core.models import JobRun
from tests.celery_processes import CELERY, process_env, stop, wait_for

pytestmark = pytest.mark.serial


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
