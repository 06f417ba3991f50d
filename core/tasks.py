from celery import shared_task

from core.jobs import business_today, run_daily_jobs


@shared_task(name="core.tasks.run_daily_jobs_today")
def run_daily_jobs_today() -> int:
    """Celery beat's entry: run every daily job for today in Europe/Paris."""
    return len(run_daily_jobs(as_of=business_today()))
