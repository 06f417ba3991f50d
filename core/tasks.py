from celery import shared_task

from core.jobs import business_today, run_daily_jobs
from core.outbox import outbox_deliver, run_outbox_resend


@shared_task(name="core.tasks.run_daily_jobs_today")
def run_daily_jobs_today() -> int:
    """Celery beat's entry: run every daily job for today in Europe/Paris."""
    return len(run_daily_jobs(as_of=business_today()))


@shared_task(name="core.tasks.outbox_send", bind=True, max_retries=10)
def outbox_send(self, message_id: int) -> bool:
    """Send one outbox message; on failure retry with backoff (30 s, 1 min, … 1 h)."""
    try:
        return outbox_deliver(message_id=message_id)
    except Exception as error:
        raise self.retry(exc=error, countdown=min(30 * 2**self.request.retries, 3600)) from error


@shared_task(name="core.tasks.outbox_resend_pending")
def outbox_resend_pending() -> dict:
    """Every few minutes: send the outbox messages whose task was lost."""
    return run_outbox_resend(as_of=business_today())
