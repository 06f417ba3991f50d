"""The outbox: messages that must not be lost (an order's acknowledgement, a formal notice,
an invoice e-mail) and slow work that must happen once after commit (a signed PDF).

A service writes the rows with `outbox_write` inside its business transaction; after commit
each row is queued to a Celery worker (`core.tasks.outbox_send`), which claims it with a
conditional update, runs the handler named for its topic in `settings.OUTBOX_HANDLERS`,
and marks it sent. A failing handler leaves the row pending (the task retries with
backoff); a row whose task was lost with its worker or its broker is sent by
`run_outbox_resend`, every few minutes and in the daily jobs. Delivery is at least once:
a handler must be idempotent (a crash between sending and marking sent sends again).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from core.jobs import daily_job
from core.models import OutboxMessage

logger = logging.getLogger(__name__)

SEND_TASK = "core.tasks.outbox_send"
# A worker's claim lasts as long as a task may run: past it, the worker is presumed dead.
CLAIM = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
# The periodic job leaves the freshest rows to the task queued at commit.
RESEND_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class Outgoing:
    topic: str
    key: str
    payload: dict = field(default_factory=dict)


def outbox_write(*, messages: Iterable[Outgoing]) -> list[OutboxMessage]:
    """Write `messages` in the caller's transaction (one query); queue them after commit.

    Preconditions: inside `transaction.atomic()` (RuntimeError otherwise: a message of a
    transaction that may still roll back must not be sent); every topic has a handler in
    `settings.OUTBOX_HANDLERS` (KeyError). A key written before raises IntegrityError.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("outbox_write must be called inside transaction.atomic().")
    rows = [OutboxMessage(topic=m.topic, key=m.key, payload=m.payload) for m in messages]
    for row in rows:
        settings.OUTBOX_HANDLERS[row.topic]
    created = OutboxMessage.objects.bulk_create(rows)
    transaction.on_commit(partial(_queue, [row.pk for row in created]))
    return created


def _queue(ids: list[int]) -> None:
    for message_id in ids:
        try:
            current_app.send_task(SEND_TASK, args=[message_id])
        except Exception:  # the broker is down: the row stays pending for the resend job
            logger.warning("Outbox message %s not queued; the resend job will send it", message_id)


def outbox_deliver(*, message_id: int, now: datetime | None = None) -> bool:
    """Send one message if it is still pending and no other worker holds it.

    Returns True when this call sent it, False when it was already sent or is claimed by
    another worker (the claim is a conditional UPDATE: of two workers, one wins). When
    the handler raises, the claim is released, the error recorded, and the exception
    propagates (the task retries); the row stays pending.
    """
    now = now or timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now))
        .update(claimed_until=now + CLAIM, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    handler = import_string(settings.OUTBOX_HANDLERS[message.topic])
    try:
        handler(payload=message.payload)
    except Exception as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            claimed_until=None, last_error=repr(error)[:2000]
        )
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


@daily_job(name="core.outbox_resend", order=5)
def run_outbox_resend(*, as_of: date, now: datetime | None = None) -> dict:
    """Send the messages still pending (their task was lost, or its retries ran out).

    Runs every few minutes (Celery beat) and with the daily jobs. A message that fails
    again stays pending for the next run and is counted in `failed`; the job itself
    never fails for it, so the daily jobs after it still run.
    """
    now = now or timezone.now()
    pending = OutboxMessage.objects.filter(
        sent_at__isnull=True, created_at__lte=now - RESEND_AFTER
    ).values_list("pk", flat=True)
    sent = failed = 0
    for message_id in list(pending):
        try:
            sent += outbox_deliver(message_id=message_id, now=now)
        except Exception:
            failed += 1
            logger.exception("Outbox message %s failed again", message_id)
    return {"sent": sent, "failed": failed}
