"""Period archives requested from the portal: recorded, built by a worker, downloaded.

`accounting_export_request` records the request and queues the build after commit;
`accounting_export_build` (the Celery task's body) streams the ZIP to
PRIVATE_STORAGE_ROOT/exports/<year>/<uuid>.zip, updating the progress every few
documents, then moves the export to "done" (or "failed" with the error).
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.exports.archive import archive_write
from billing.models import AccountingExport, ExportStatus
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply

BUILD_TASK = "billing.tasks.accounting_export_build"
MAX_PERIOD_DAYS = 400
PROGRESS_EVERY = 10
JOB_ACTOR = Actor.of_job(BUILD_TASK)


def accounting_export_request(
    *, company: Company | None, date_from: date, date_to: date, user
) -> AccountingExport:
    """Record a period archive request and queue its build after commit.

    Raises BusinessError `export_period` when the period is reversed or longer than
    MAX_PERIOD_DAYS (a year and a month: one financial year and its closing).
    """
    if date_to < date_from or (date_to - date_from).days > MAX_PERIOD_DAYS:
        raise BusinessError(
            "export_period",
            _("Choisissez une période d'au plus 400 jours, la date de fin après celle de début."),
            field="date_to",
        )
    with transaction.atomic():
        export = AccountingExport.objects.create(
            company=company, date_from=date_from, date_to=date_to, requested_by=user
        )
        transaction.on_commit(lambda: current_app.send_task(BUILD_TASK, args=[export.pk]))
    return export


def export_path(export: AccountingExport) -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT) / export.storage_path


def accounting_export_build(*, export_id: int) -> AccountingExport:
    """Build the archive of a pending export (nothing to do for any other status)."""
    export = AccountingExport.objects.get(pk=export_id)
    if export.status != ExportStatus.PENDING:
        return export
    relative = Path("exports", f"{timezone.now():%Y}", f"{uuid.uuid4().hex}.zip")
    transition_apply(
        export, to=ExportStatus.RUNNING, actor=JOB_ACTOR, changes={"storage_path": str(relative)}
    )
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")

    def progress(done: int, total: int) -> None:
        if done in (1, total) or done % PROGRESS_EVERY == 0:  # the total as soon as it is known
            AccountingExport.objects.filter(pk=export.pk).update(done_count=done, total_count=total)

    try:
        archive_write(
            path=partial,
            date_from=export.date_from,
            date_to=export.date_to,
            company=export.company,
            progress=progress,
        )
        partial.replace(path)
    except Exception as error:
        partial.unlink(missing_ok=True)
        transition_apply(
            export, to=ExportStatus.FAILED, actor=JOB_ACTOR, changes={"error": repr(error)[:2000]}
        )
        raise
    export.refresh_from_db()
    return transition_apply(
        export, to=ExportStatus.DONE, actor=JOB_ACTOR, changes={"size": path.stat().st_size}
    )
