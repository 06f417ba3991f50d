"""Paying an order by card: the "pay" button, the provider's notifications confirming the
order once, a declined card, a dispute putting the order on hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from billing.models import Payment, PaymentStatus, ProviderEvent
from billing.tests.webhooks import event_body, post_notification
from core.audit import audit_history
from core.models import AuditEvent
from orders.models import HoldCode, OrderPayment, OrderStatus
from orders.selectors import payment_methods_for_company
from orders.services.order_payments import order_card_payment_start
from orders.tests.factories import company_with_people
from orders.tests.payments import card_order, notify
from tests.concurrency import run_together

RETURN = "http://testserver/retour/"


def _confirmations(order) -> int:
    return AuditEvent.objects.filter(object_id=str(order.pk), to_state="confirmed").count()


@pytest.mark.django_db
def test_the_card_order_totals_what_the_card_pays(terms):
    order, _ = card_order()
    # 2 × 100,00 = 200,00 HT; shipping 10,00 (≥ 152,00 and < 457,00) → 210,00 HT;
    # VAT 20 % of 210,00 = 42,00 → 252,00 TTC.
    assert (order.status, order.total_ttc) == (OrderStatus.AWAITING_PAYMENT, Decimal("252.00"))
    payment = order_card_payment_start(order=order, return_url=RETURN)
    assert (payment.amount, payment.order_reference) == (Decimal("252.00"), order.number)


@pytest.mark.django_db
def test_paying_sends_the_buyer_to_the_provider_and_a_double_click_opens_one_payment(terms):
    order, signatory = card_order()
    client = Client()
    client.force_login(signatory)
    url = f"/mes-commandes/{order.number}/payer/"
    first, second = client.post(url), client.post(url)
    payment = Payment.objects.get()
    assert first["Location"] == second["Location"] == payment.checkout_url
    assert payment.checkout_url.startswith("/bac-a-sable-paiement/pi_sbx_")


@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_the_same_instant_open_one_payment(terms):
    order, _ = card_order()
    results, errors = run_together(
        [lambda: order_card_payment_start(order=order, return_url=RETURN) for _ in range(2)]
    )
    assert errors == []
    assert results[0].pk == results[1].pk
    assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_a_validated_payment_confirms_the_order_once(client, terms):
    order, _ = card_order()
    payment = order_card_payment_start(order=order, return_url=RETURN)
    assert notify(client, payment).status_code == 200
    assert notify(client, payment, type="payment_intent.processing").status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CONFIRMED
    link = OrderPayment.objects.get()
    assert (link.order, link.payment, link.amount) == (order, payment, Decimal("252.00"))
    assert _confirmations(order) == 1
    # Matched automatically by the provider's notification: the job is named.
    confirmed = audit_history(order).get(to_state=OrderStatus.CONFIRMED)
    assert (confirmed.actor_user, confirmed.actor_job) == (None, "billing.payment_provider")


@pytest.mark.django_db(transaction=True)
def test_the_same_notification_delivered_five_times_at_once_confirms_the_order_once(terms):
    order, _ = card_order()
    payment = order_card_payment_start(order=order, return_url=RETURN)
    body = event_body(payment_id=payment.provider_payment_id, amount_minor=25200)

    def deliver():
        return post_notification(Client(), body).content

    results, errors = run_together([deliver] * 5)
    assert errors == []
    assert sorted(results) == [b"applied", *[b"duplicate"] * 4]
    assert ProviderEvent.objects.count() == 1
    assert OrderPayment.objects.count() == 1
    payment.refresh_from_db()
    order.refresh_from_db()
    assert (payment.status, order.status) == (PaymentStatus.VALIDATED, OrderStatus.CONFIRMED)
    assert _confirmations(order) == 1


@pytest.mark.django_db
def test_a_notified_amount_below_the_order_total_confirms_nothing(client, terms):
    order, _ = card_order()
    payment = order_card_payment_start(order=order, return_url=RETURN)
    response = notify(client, payment, amount_minor=25199)  # 251,99 € for 252,00 €
    assert response.content == b"refused"
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert not OrderPayment.objects.exists()


@pytest.mark.django_db
def test_a_provider_that_never_calls_back_leaves_the_order_awaiting_payment(client, terms):
    order, signatory = card_order()
    order_card_payment_start(order=order, return_url=RETURN)
    client.force_login(signatory)
    page = client.get(f"/mes-commandes/{order.number}/").content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert Payment.objects.get().status == PaymentStatus.PENDING
    assert 'id="payment-pending"' in page and 'id="pay-by-card"' in page


@pytest.mark.django_db
def test_a_declined_card_leaves_the_order_awaiting_payment_with_a_retry(client, terms):
    order, signatory = card_order()
    payment = order_card_payment_start(order=order, return_url=RETURN)
    notify(client, payment, type="payment_intent.payment_failed")
    client.force_login(signatory)
    back = client.get(f"/mes-commandes/{order.number}/paiement/retour/", follow=True)
    page = back.content.decode()
    assert "Paiement refusé par la banque" in page
    assert 'id="payment-declined"' in page and 'id="pay-by-card"' in page
    order.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_PAYMENT
    retry = client.post(f"/mes-commandes/{order.number}/payer/")
    new = Payment.objects.exclude(pk=payment.pk).get()
    assert retry["Location"] == new.checkout_url


@pytest.mark.django_db
def test_a_disputed_payment_puts_the_order_on_hold(client, terms):
    order, _ = card_order()
    payment = order_card_payment_start(order=order, return_url=RETURN)
    notify(client, payment)
    notify(client, payment, type="charge.dispute.created")
    order.refresh_from_db()
    assert (order.status, order.hold_code) == (OrderStatus.ON_HOLD, HoldCode.PAYMENT_DISPUTED)
    assert str(payment.pk) in order.hold_detail


@pytest.mark.django_db
def test_an_order_on_transfer_or_already_paid_offers_no_card_payment(client, terms):
    order, signatory = card_order(method="transfer")
    client.force_login(signatory)
    assert 'id="pay-by-card"' not in client.get(f"/mes-commandes/{order.number}/").content.decode()
    response = client.post(f"/mes-commandes/{order.number}/payer/", follow=True)
    assert "attend pas de paiement par carte" in response.content.decode()
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_another_companys_order_cannot_be_paid_nor_returned_to(client, terms):
    order, _ = card_order()
    _other_company, stranger, *_ = company_with_people()
    client.force_login(stranger)
    assert client.post(f"/mes-commandes/{order.number}/payer/").status_code == 404
    assert client.get(f"/mes-commandes/{order.number}/paiement/retour/").status_code == 404
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_visitor_is_sent_to_log_in(client, terms):
    order, _ = card_order()
    response = client.post(f"/mes-commandes/{order.number}/payer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_a_company_on_prepayment_is_offered_card_and_transfer_only(terms):
    terms.payment_methods = ["card", "transfer", "cheque"]
    terms.payment_methods_by_agreement = ["lcr"]
    company, *_ = company_with_people(
        settings={"payment_methods": ["card", "transfer", "cheque", "lcr"]}
    )
    assert payment_methods_for_company(company=company, terms=terms) == [
        "card",
        "transfer",
        "lcr",
        "cheque",
    ]
    company.commercial_settings.prepayment_required = True
    company.commercial_settings.save(update_fields=["prepayment_required"])
    assert payment_methods_for_company(company=company, terms=terms) == ["card", "transfer"]
