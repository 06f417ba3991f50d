"""A real Celery worker sends what a signature leaves in the outbox: the acknowledgement
e-mails (console backend: they appear in the worker's output) and the signed PDF."""

import subprocess

import pytest
from celery import Celery

from core.models import OutboxMessage
from orders.models import QuoteSignature
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
    terms_004,
)
from tests.celery_processes import CELERY, process_env, stop, wait_for

pytestmark = pytest.mark.serial


@pytest.mark.django_db(transaction=True)
def test_a_worker_sends_the_acknowledgement_and_stores_the_signed_pdf(tmp_path, settings):
    terms_004()
    company, signatory, buyer, _admin = company_with_people()
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 2)])
    order = quote_sign(**sign_kwargs(quote, signatory))
    messages = list(OutboxMessage.objects.values_list("pk", flat=True))
    assert len(messages) == 3  # the signed PDF, the signer's and the buyer's e-mails

    broker = tmp_path / "broker"
    for folder in ("queue", "processed"):
        (broker / folder).mkdir(parents=True)
    worker = subprocess.Popen(
        [CELERY, "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        # The worker reads the signature image the test stored, and stores the PDF beside it.
        env={**process_env(tmp_path), "PRIVATE_STORAGE_ROOT": str(settings.PRIVATE_STORAGE_ROOT)},
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
        for message_id in messages:
            sender.send_task("core.tasks.outbox_send", args=[message_id])
        sent = wait_for(lambda: not OutboxMessage.objects.filter(sent_at__isnull=True).exists())
    finally:
        output = stop(worker)
    assert sent, output
    evidence = QuoteSignature.objects.get(quote=quote)
    assert evidence.signed_pdf is not None
    assert evidence.signed_pdf_sha256 == evidence.signed_pdf.sha256
    order.refresh_from_db()
    assert order.acknowledged_at is not None
    for address in (signatory.email, buyer.email):
        assert f"To: {address}" in output, output
    assert output.count(order.number) >= 2
