"""Signing under load: the transaction that holds the locks keeps only the evidence and the
order formation, in a bounded number of queries whatever the number of lines; the signed PDF
and the acknowledgement follow after commit, from the outbox, once each."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.errors import BusinessError
from core.models import OutboxMessage
from core.outbox import outbox_deliver, run_outbox_resend
from orders.models import Order, QuoteSignature
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    deliver_outbox,
    issued_quote,
    paris,
    product,
    sales_user,
    sign_kwargs,
    sign_post,
    terms_004,
)
from tests.concurrency import run_together

SHOWN = paris(2026, 3, 10, 15, 0)
# A mail server that refuses connections: nothing listens on port 1 of the loopback.
DOWN = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 1,
    "EMAIL_TIMEOUT": 2,
}


@pytest.fixture
def clock():
    with time_machine.travel(SHOWN, tick=False) as traveller:
        yield traveller


def _world(lines: int = 1):
    company, signatory, buyer, _admin = company_with_people()
    items = [product(reference=f"REF-{i:03d}", stock_on_hand=3) for i in range(lines)]
    quote = issued_quote(company=company, user=sales_user(), lines=[(p, 2) for p in items])
    return quote, signatory, buyer


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [10, 50])
def test_signing_through_the_view_runs_at_most_30_queries(client, terms, clock, lines):
    """Was 49 at 10 lines and 95 at 50: one UPDATE per product, and the membership, the
    company, the quote and the settings read two or three times."""
    quote, signatory, _buyer = _world(lines)
    client.force_login(signatory)
    url = reverse("orders:quote_sign", kwargs={"number": quote.number, "version": quote.version})
    data = sign_post(quote)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    order = Order.objects.get(quote=quote)
    assert order.lines.filter(quantity_reserved=2).count() == lines
    assert len(captured) <= 30, "\n".join(q["sql"][:150] for q in captured)
    stock_updates = [q for q in captured if 'UPDATE "shop_product"' in q["sql"]]
    assert len(stock_updates) == 1


@pytest.mark.django_db
def test_the_pdf_and_the_acknowledgement_come_after_commit_from_the_outbox(
    terms, clock, mailoutbox, django_capture_on_commit_callbacks
):
    quote, signatory, buyer = _world()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        order = quote_sign(**sign_kwargs(quote, signatory))
    assert len(callbacks) == 1  # queue the outbox rows to the workers
    evidence = QuoteSignature.objects.get(quote=quote)
    assert evidence.signed_pdf is None and evidence.signed_pdf_sha256 == ""
    assert sorted(OutboxMessage.objects.values_list("key", flat=True)) == sorted(
        [
            f"order-acknowledgement:{order.pk}:{signatory.pk}",
            f"order-acknowledgement:{order.pk}:{buyer.pk}",
            f"quote-signed-pdf:{evidence.pk}",
        ]
    )
    assert mailoutbox == [] and order.acknowledged_at is None

    assert deliver_outbox() == {"sent": 3, "failed": 0}
    evidence.refresh_from_db()
    assert evidence.signed_pdf is not None
    assert evidence.signed_pdf_sha256 == evidence.signed_pdf.sha256
    assert sorted(m.to[0] for m in mailoutbox) == sorted([signatory.email, buyer.email])
    order.refresh_from_db()
    assert order.acknowledged_at is not None
    # Delivered rows are never sent again.
    assert deliver_outbox() == {"sent": 0, "failed": 0}
    assert len(mailoutbox) == 2
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_refused_signature_leaves_no_message(terms, clock):
    quote, _signatory, buyer = _world()
    with pytest.raises(BusinessError, match="signataire"):
        quote_sign(**sign_kwargs(quote, buyer))
    assert not OutboxMessage.objects.exists()


@pytest.mark.django_db
def test_the_signed_pdf_is_set_once_and_frozen_after(terms, clock):
    quote, signatory, _buyer = _world()
    quote_sign(**sign_kwargs(quote, signatory))
    deliver_outbox()
    evidence = QuoteSignature.objects.get(quote=quote)
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteSignature.objects.filter(pk=evidence.pk).update(signed_pdf=evidence.signature_image)
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteSignature.objects.filter(pk=evidence.pk).update(signed_pdf_sha256="0" * 64)


@pytest.mark.django_db
def test_the_mail_server_down_leaves_the_row_pending_and_a_retry_sends_it_once(
    terms, clock, settings, mailoutbox
):
    quote, signatory, buyer = _world()
    order = quote_sign(**sign_kwargs(quote, signatory))
    acknowledgement = OutboxMessage.objects.get(key__endswith=f":{order.pk}:{signatory.pk}")
    for name, value in DOWN.items():
        setattr(settings, name, value)
    with pytest.raises(OSError):
        outbox_deliver(message_id=acknowledgement.pk)  # what the task retries
    acknowledgement.refresh_from_db()
    assert acknowledgement.sent_at is None and acknowledgement.claimed_until is None
    assert acknowledgement.attempts == 1 and "Connection refused" in acknowledgement.last_error
    later = timezone.now() + timedelta(minutes=5)
    # The signed PDF needs no mail server; both e-mails fail again and stay pending.
    assert run_outbox_resend(as_of=later.date(), now=later) == {"sent": 1, "failed": 2}
    order.refresh_from_db()
    assert order.acknowledged_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_deliver(message_id=acknowledgement.pk) is True
    assert outbox_deliver(message_id=acknowledgement.pk) is False
    assert [m.to for m in mailoutbox] == [[signatory.email]]
    assert run_outbox_resend(as_of=later.date(), now=later) == {"sent": 1, "failed": 0}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([signatory.email, buyer.email])
    acknowledgement.refresh_from_db()
    assert acknowledgement.sent_at is not None and acknowledgement.attempts == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_message_twice(settings, clock):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    terms_004()
    quote, signatory, _buyer = _world()
    quote_sign(**sign_kwargs(quote, signatory))
    mail.outbox = []  # the quote's own e-mail, sent when it was issued
    messages = list(OutboxMessage.objects.values_list("pk", flat=True))
    results, errors = run_together([lambda: [outbox_deliver(message_id=pk) for pk in messages]] * 2)
    assert errors == []
    # Each message sent by exactly one of the two workers.
    assert [a + b for a, b in zip(*results, strict=True)] == [1] * len(messages)
    assert len(mail.outbox) == len(messages) - 1  # every row but the signed PDF is an e-mail
    assert QuoteSignature.objects.get(quote=quote).signed_pdf is not None


@pytest.mark.django_db
def test_the_signed_pdf_link_says_it_is_being_prepared_until_the_worker_stored_it(
    client, terms, clock
):
    quote, signatory, _buyer = _world()
    quote_sign(**sign_kwargs(quote, signatory))
    client.force_login(signatory)
    kwargs = {"number": quote.number, "version": quote.version}
    response = client.get(reverse("orders:quote_signed_pdf", kwargs=kwargs), follow=True)
    assert response.redirect_chain[-1][0] == reverse("orders:quote_detail", kwargs=kwargs)
    assert "en cours de préparation" in response.content.decode()
    deliver_outbox()
    response = client.get(reverse("orders:quote_signed_pdf", kwargs=kwargs))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
