"""The sandbox provider: its hosted page and test cards, the 3-D Secure challenge,
abandonment, and the signed notifications it posts until the shop acknowledges them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.tests.factories import CompanyFactory
from billing.models import Payment, PaymentStatus, SandboxCheckout
from billing.payments.provider import payment_provider_check
from billing.payments.sandbox import WEBHOOK_TOPIC
from billing.services import payment_card_checkout
from core.models import OutboxMessage
from core.outbox import outbox_deliver

pytestmark = pytest.mark.django_db


def _checkout(amount: str = "240.00") -> Payment:
    return payment_card_checkout(
        company=CompanyFactory(),
        amount=Decimal(amount),
        order_reference="CMD-2026-000007",
        description="Commande CMD-2026-000007",
        return_url="http://testserver/mes-commandes/CMD-2026-000007/paiement/retour/",
    )


def _sent_types() -> list[str]:
    return [
        json.loads(m.payload["body"])["type"]
        for m in OutboxMessage.objects.filter(topic=WEBHOOK_TOPIC).order_by("id")
    ]


def test_a_checkout_opens_a_hosted_page_for_the_amount(client):
    payment = _checkout()
    assert payment.status == PaymentStatus.PENDING
    assert payment.provider == "sandbox"
    assert payment.checkout_url == f"/bac-a-sable-paiement/{payment.provider_payment_id}/"
    page = client.get(payment.checkout_url)
    assert page.status_code == 200
    assert "240,00\u00a0€" in page.content.decode()
    assert _sent_types() == ["payment_intent.processing"]


def test_the_same_order_reuses_its_open_checkout_and_a_new_amount_replaces_it():
    first = _checkout()
    again = payment_card_checkout(
        company=first.company,
        amount=Decimal("240.00"),
        order_reference="CMD-2026-000007",
        description="x",
        return_url="http://testserver/",
    )
    assert again.pk == first.pk
    other = payment_card_checkout(
        company=first.company,
        amount=Decimal("120.00"),
        order_reference="CMD-2026-000007",
        description="x",
        return_url="http://testserver/",
    )
    first.refresh_from_db()
    assert other.pk != first.pk and first.status == PaymentStatus.ABANDONED


def _pay(client, payment, number):
    return client.post(
        payment.checkout_url, {"card_number": number, "expiry": "12/30", "cvc": "123"}
    )


@pytest.mark.parametrize(
    ("number", "status", "types"),
    [
        ("4242 4242 4242 4242", "succeeded", ["payment_intent.succeeded"]),
        ("4000 0000 0000 0002", "declined", ["payment_intent.payment_failed"]),
        (
            "4000000000000259",
            "succeeded",
            ["payment_intent.succeeded", "charge.dispute.created"],
        ),
    ],
)
def test_each_test_card_ends_with_its_outcome_and_sends_the_buyer_back(
    client, number, status, types
):
    payment = _checkout()
    response = _pay(client, payment, number)
    assert response.status_code == 302
    assert response["Location"].endswith("/mes-commandes/CMD-2026-000007/paiement/retour/")
    assert SandboxCheckout.objects.get().status == status
    assert _sent_types() == ["payment_intent.processing", *types]


def test_the_3d_secure_card_asks_for_a_challenge_on_a_second_page(client):
    payment = _checkout()
    response = _pay(client, payment, "4000 0027 6000 3184")
    challenge = f"{payment.checkout_url}3d-secure/"
    assert response["Location"] == challenge
    assert "3184" in client.get(challenge).content.decode()
    assert _sent_types() == ["payment_intent.processing"]
    back = client.post(challenge, {"answer": "approve"})
    assert back["Location"].startswith("http://testserver/mes-commandes/")
    assert _sent_types() == ["payment_intent.processing", "payment_intent.succeeded"]


def test_a_refused_challenge_declines_the_payment(client):
    payment = _checkout()
    _pay(client, payment, "4000002760003184")
    client.post(f"{payment.checkout_url}3d-secure/", {"answer": "refuse"})
    assert SandboxCheckout.objects.get().status == "declined"
    assert _sent_types()[-1] == "payment_intent.payment_failed"


def test_abandoning_cancels_the_payment(client):
    payment = _checkout()
    response = client.post(f"{payment.checkout_url}abandon/")
    assert response.status_code == 302
    assert _sent_types()[-1] == "payment_intent.canceled"


@pytest.mark.parametrize(
    ("number", "expiry", "cvc", "field"),
    [
        ("4242 4242 4242 4241", "12/30", "123", "card_number"),  # Luhn check fails
        ("4242", "12/30", "123", "card_number"),
        ("4242424242424242", "13/30", "123", "expiry"),
        ("4242424242424242", "12/30", "12", "cvc"),
    ],
)
def test_a_mistyped_card_stays_on_the_page_with_the_error(client, number, expiry, cvc, field):
    payment = _checkout()
    response = client.post(
        payment.checkout_url, {"card_number": number, "expiry": expiry, "cvc": cvc}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert response.context["form"]["card_number"].value() == number
    assert SandboxCheckout.objects.get().status == "open"


def test_a_finished_checkout_cannot_be_paid_twice(client):
    payment = _checkout()
    _pay(client, payment, "4242424242424242")
    response = _pay(client, payment, "4242424242424242")
    assert response.status_code == 200
    assert "déjà terminé" in response.content.decode()
    assert _sent_types().count("payment_intent.succeeded") == 1


def test_the_sandbox_pages_are_not_served_when_another_provider_is_configured(client, settings):
    payment = _checkout()
    settings.PAYMENT_PROVIDER = "payments_acme.AcmeProvider"
    assert client.get(payment.checkout_url).status_code == 404


def test_an_unknown_checkout_is_404(client):
    assert client.get("/bac-a-sable-paiement/pi_sbx_nope/").status_code == 404


def test_the_sandbox_is_refused_outside_demo_mode_unless_allowed(settings):
    settings.DEMO_MODE = False
    settings.PAYMENT_SANDBOX_ALLOWED = False
    with pytest.raises(ImproperlyConfigured, match="PAYMENT_SANDBOX_ALLOWED"):
        payment_provider_check()
    settings.PAYMENT_SANDBOX_ALLOWED = True
    payment_provider_check()
    settings.PAYMENT_SANDBOX_ALLOWED = False
    settings.PAYMENT_PROVIDER = "payments_acme.AcmeProvider"
    payment_provider_check()
    settings.PAYMENT_WEBHOOK_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="PAYMENT_WEBHOOK_SECRET"):
        payment_provider_check()


@pytest.mark.django_db(transaction=True)
def test_notifications_are_retried_until_the_shop_acknowledges_them(live_server, settings):
    payment = _checkout()
    message = OutboxMessage.objects.get(topic=WEBHOOK_TOPIC)
    # The shop is unreachable: the attempt fails, the message stays pending for a retry.
    settings.PAYMENT_SANDBOX_WEBHOOK_URL = "http://127.0.0.1:9/paiements/notifications/"
    with pytest.raises(Exception):  # noqa: B017 - whatever the network error
        outbox_deliver(message_id=message.pk)
    message.refresh_from_db()
    assert (message.sent_at, message.attempts) == (None, 1)
    settings.PAYMENT_SANDBOX_WEBHOOK_URL = f"{live_server.url}/paiements/notifications/"
    assert outbox_deliver(message_id=message.pk) is True
    message.refresh_from_db()
    assert message.sent_at is not None and message.attempts == 2
    payment.refresh_from_db()
    assert payment.provider_events.get().type == "payment_intent.processing"
