"""The webhook endpoint: signatures, stale timestamps, replays, events out of order,
amounts and currencies that differ from the payment (docs/rules/payments.md)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.models import Payment, PaymentStatus, ProviderEvent, ProviderEventOutcome
from billing.payments.signing import signature_compute, signature_header
from billing.services import payment_refund
from billing.signals import payment_disputed, payment_validated
from billing.tests.webhooks import event_body, post_notification
from core.audit import Actor
from core.errors import BusinessError
from core.models import AuditEvent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 10, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))
T = int(NOW.timestamp())


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def payment():
    return Payment.objects.create(
        company=CompanyFactory(),
        method="card",
        amount=Decimal("1234.56"),
        currency="EUR",
        order_reference="CMD-2026-000001",
        provider="sandbox",
        provider_payment_id="pi_sbx_test",
    )


@pytest.fixture
def signals():
    sent = []

    def validated(sender, **kwargs):
        sent.append(("validated", kwargs))

    def disputed(sender, **kwargs):
        sent.append(("disputed", kwargs))

    payment_validated.connect(validated, dispatch_uid="test.validated")
    payment_disputed.connect(disputed, dispatch_uid="test.disputed")
    yield sent
    payment_validated.disconnect(dispatch_uid="test.validated")
    payment_disputed.disconnect(dispatch_uid="test.disputed")


def _status(payment) -> str:
    payment.refresh_from_db()
    return payment.status


def test_a_signed_success_validates_the_payment_on_the_day_and_tells_orders(
    client, payment, signals
):
    response = post_notification(client, event_body(payment_id="pi_sbx_test"))
    assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.VALIDATED
    assert payment.validated_on == payment.received_on == NOW.date()
    assert signals == [
        (
            "validated",
            {
                "signal": payment_validated,
                "company_id": payment.company_id,
                "order_reference": "CMD-2026-000001",
                "payment_id": payment.pk,
                "amount": Decimal("1234.56"),
                "method": "card",
                "actor": Actor.of_job("billing.payment_provider"),
            },
        )
    ]
    assert ProviderEvent.objects.get().outcome == ProviderEventOutcome.APPLIED


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("", "signature_missing"),
        ("v1=abc", "signature_malformed"),
        (f"t={T}", "signature_malformed"),
        ("t=soon,v1=abc", "signature_malformed"),
        (f"t={T},v1=" + "0" * 64, "signature_mismatch"),
        (f"t={T},v1=é", "signature_mismatch"),
    ],
)
def test_a_missing_or_malformed_signature_is_refused(client, payment, header, code):
    response = post_notification(client, event_body(payment_id="pi_sbx_test"), header=header)
    assert response.status_code == 400
    assert response.content.decode() == code
    assert _status(payment) == PaymentStatus.PENDING
    assert not ProviderEvent.objects.exists()


def test_a_signature_made_with_another_secret_is_refused(client, payment):
    response = post_notification(client, event_body(payment_id="pi_sbx_test"), secret="whsec_x")
    assert (response.status_code, response.content) == (400, b"signature_mismatch")
    assert _status(payment) == PaymentStatus.PENDING


def test_an_altered_body_no_longer_matches_its_signature(client, payment, settings):
    signed = event_body(payment_id="pi_sbx_test", amount_minor=100)
    header = signature_header(secret=settings.PAYMENT_WEBHOOK_SECRET, timestamp=T, body=signed)
    forged = signed.replace(b'"amount": 100', b'"amount": 123456')
    response = post_notification(client, forged, header=header)
    assert (response.status_code, response.content) == (400, b"signature_mismatch")


def test_a_second_signature_of_a_rolled_secret_is_accepted(client, payment, settings):
    body = event_body(payment_id="pi_sbx_test")
    good = signature_compute(secret=settings.PAYMENT_WEBHOOK_SECRET, timestamp=T, body=body)
    response = post_notification(client, body, header=f"t={T},v1={'f' * 64},v1={good}")
    assert response.status_code == 200
    assert _status(payment) == PaymentStatus.VALIDATED


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [
        (-301, False),  # signed 301 s ago: beyond the 300 s tolerance
        (-300, True),  # exactly 300 s ago: the last accepted second
        (0, True),
        (300, True),
        (301, False),  # a clock 301 s ahead is refused too
    ],
)
def test_timestamps_outside_300_seconds_are_refused(client, payment, offset, accepted):
    response = post_notification(client, event_body(payment_id="pi_sbx_test"), timestamp=T + offset)
    if accepted:
        assert response.status_code == 200
        assert _status(payment) == PaymentStatus.VALIDATED
    else:
        assert (response.status_code, response.content) == (400, b"timestamp_stale")
        assert _status(payment) == PaymentStatus.PENDING


def test_a_replayed_event_is_acknowledged_and_applied_once(client, payment, signals):
    body = event_body(payment_id="pi_sbx_test", event_id="evt_once")
    first = post_notification(client, body)
    again = post_notification(client, body)
    assert (first.status_code, first.content) == (200, b"applied")
    assert (again.status_code, again.content) == (200, b"duplicate")
    assert ProviderEvent.objects.count() == 1
    assert len(signals) == 1
    moves = AuditEvent.objects.filter(object_id=str(payment.pk), to_state="validated")
    assert moves.count() == 1


def test_a_pending_or_failed_event_after_the_success_changes_nothing(client, payment, signals):
    post_notification(client, event_body(payment_id="pi_sbx_test"))
    late_pending = post_notification(
        client, event_body(payment_id="pi_sbx_test", type="payment_intent.processing")
    )
    late_failure = post_notification(
        client, event_body(payment_id="pi_sbx_test", type="payment_intent.payment_failed")
    )
    assert (late_pending.status_code, late_pending.content) == (200, b"ignored")
    assert (late_failure.status_code, late_failure.content) == (200, b"ignored")
    assert _status(payment) == PaymentStatus.VALIDATED
    assert len(signals) == 1


def test_a_success_after_a_failure_validates_the_payment(client, payment):
    post_notification(
        client, event_body(payment_id="pi_sbx_test", type="payment_intent.payment_failed")
    )
    assert _status(payment) == PaymentStatus.FAILED
    post_notification(client, event_body(payment_id="pi_sbx_test"))
    assert _status(payment) == PaymentStatus.VALIDATED


@pytest.mark.parametrize(
    ("amount_minor", "currency"),
    [
        (123455, "eur"),  # one cent short: 1 234,55 € for 1 234,56 €
        (123457, "eur"),  # one cent more
        (123456, "usd"),  # the right number in another currency
    ],
)
def test_an_amount_or_currency_other_than_the_payments_is_refused(
    client, payment, signals, amount_minor, currency
):
    response = post_notification(
        client,
        event_body(payment_id="pi_sbx_test", amount_minor=amount_minor, currency=currency),
    )
    assert (response.status_code, response.content) == (200, b"refused")
    assert _status(payment) == PaymentStatus.PENDING
    event = ProviderEvent.objects.get()
    assert event.outcome == ProviderEventOutcome.REFUSED
    assert "expected 1234.56 EUR" in event.detail
    assert signals == []


def test_an_event_for_an_unknown_payment_is_recorded_and_acknowledged(client, payment):
    response = post_notification(client, event_body(payment_id="pi_sbx_other"))
    assert (response.status_code, response.content) == (200, b"unknown_payment")
    assert _status(payment) == PaymentStatus.PENDING


def test_an_unreadable_body_with_a_valid_signature_is_refused(client, payment):
    response = post_notification(client, b'{"id": "evt_1"}')
    assert (response.status_code, response.content) == (400, b"body_unreadable")


def test_a_dispute_of_a_validated_payment_tells_orders(client, payment, signals):
    post_notification(client, event_body(payment_id="pi_sbx_test"))
    post_notification(client, event_body(payment_id="pi_sbx_test", type="charge.dispute.created"))
    assert _status(payment) == PaymentStatus.DISPUTED
    assert signals[-1] == (
        "disputed",
        {
            "signal": payment_disputed,
            "company_id": payment.company_id,
            "order_reference": "CMD-2026-000001",
            "payment_id": payment.pk,
        },
    )


def test_the_webhook_answers_only_post(client):
    assert client.get("/paiements/notifications/").status_code == 405


def test_a_refund_above_what_was_paid_is_refused(client, payment):
    post_notification(client, event_body(payment_id="pi_sbx_test"))
    payment.refresh_from_db()
    with pytest.raises(BusinessError) as refused:
        payment_refund(payment=payment, amount=Decimal("1234.57"))  # one cent above
    assert refused.value.code == "refund_above_paid"


def test_only_a_validated_payment_is_refunded(payment):
    with pytest.raises(BusinessError) as refused:
        payment_refund(payment=payment, amount=Decimal("1.00"))
    assert refused.value.code == "refund_not_allowed"
