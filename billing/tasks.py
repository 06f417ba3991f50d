from celery import shared_task

from billing.services.exports import accounting_export_build as build


@shared_task(name="billing.tasks.accounting_export_build")
def accounting_export_build(export_id: int) -> str:
    """Build one period archive (a worker process: the page shows the progress)."""
    return build(export_id=export_id).status
