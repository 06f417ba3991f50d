"""An invoice's page: its penalties of today with the rate, in the portal and to staff, and
its card payment, which settles it and lifts the suspension of deliveries."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from accounts.models import CompanyCommercialSettings, Role
from accounts.tests.factories import MembershipFactory, UserFactory
from billing.models import (
    CompanyArrears,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Payment,
    PaymentStatus,
)
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day
from billing.tests.webhooks import event_body, post_notification

pytestmark = pytest.mark.django_db

TODAY = date(2025, 4, 30)
NBSP = "\u00a0"


@pytest.fixture
def late():
    terms = preset_terms("000")
    invoice = issue(customer(legal_name="CLIENTE EN RETARD"), terms, on=date(2025, 3, 1))
    pay(invoice, "200.00", on=date(2025, 4, 10))  # due 31 March; 200.00 paid 10 days late
    run_day(TODAY)
    return invoice


def member(company, *roles):
    return MembershipFactory(company=company, user=UserFactory(), roles=list(roles)).user


@time_machine.travel(TODAY, tick=False)
def test_the_accountant_sees_todays_penalties_and_the_rate_in_words_and_figures(client, late):
    client.force_login(member(late.company, Role.ACCOUNTANT))
    url = reverse("billing_portal:invoice_detail", args=[late.number])
    body = client.get(url).content.decode()
    # 5 x 3.71 = 18.55 %: (200 x 10 + 1000 x 30) x 18.55 % / 365 = 5936 / 365 = 16.2630
    # -> 16.26; the EUR 40 indemnity; total 56.26; 1000.00 left due.
    assert f'id="penalty-interest">16,26{NBSP}€' in body
    assert f'id="penalty-indemnity">40,00{NBSP}€' in body
    assert f'id="penalty-total">56,26{NBSP}€' in body
    assert f'id="invoice-amount-due">1\u202f000,00{NBSP}€' in body
    assert "30 jours de retard" in body
    assert "cinq fois le taux d&#x27;intérêt légal" in body and f"18,55{NBSP}% l&#x27;an" in body
    assert "Pénalités de retard au 30/04/2025" in body
    with translation.override("en"):
        english = client.get(reverse("billing_portal:invoice_detail", args=[late.number]))
    assert "Late-payment penalties on 30/04/2025" in english.content.decode()

    other = issue(customer(), late.terms, on=date(2025, 3, 1))
    assert (
        client.get(reverse("billing_portal:invoice_detail", args=[other.number])).status_code == 404
    )
    client.force_login(member(late.company, Role.BUYER))
    assert client.get(url).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_staff_see_the_same_penalties_in_the_invoice_admin(client, late):
    client.force_login(
        get_user_model().objects.create_superuser(email="compta@shop.example", password="x")
    )
    body = client.get(reverse("admin:billing_invoice_change", args=[late.pk])).content.decode()
    assert "30 jours de retard : intérêts 16,26" in body
    assert f"indemnité 40,00{NBSP}€" in body and f"total 56,26{NBSP}€" in body
    assert f"18,55{NBSP}% l&#x27;an" in body


@time_machine.travel(TODAY, tick=False)
def test_paying_the_rest_by_card_settles_the_invoice_and_resumes_deliveries(client, late):
    assert CompanyArrears.objects.get(company=late.company).suspended
    client.force_login(member(late.company, Role.ACCOUNTANT))
    response = client.post(reverse("billing_portal:invoice_pay_by_card", args=[late.number]))
    payment = Payment.objects.get()
    assert response.status_code == 302 and response["Location"] == payment.checkout_url
    assert payment.amount == late.amount_due  # 1000.00, the rest of the principal

    # The provider's notification of success (what the sandbox posts once the card is paid).
    body = event_body(payment_id=payment.provider_payment_id, amount_minor=100000)
    assert post_notification(client, body).status_code == 200
    payment.refresh_from_db()
    late.refresh_from_db()
    assert payment.status == PaymentStatus.VALIDATED
    assert (late.status, late.paid_on) == (InvoiceStatus.PAID, TODAY)
    assert not CompanyArrears.objects.get(company=late.company).suspended
    assert not CompanyCommercialSettings.objects.get(company=late.company).delivery_suspended
    page = client.get(reverse("billing_portal:invoice_detail", args=[late.number]))
    assert 'id="invoice-paid"' in page.content.decode()
    # Paid in full: the penalties accrued are invoiced at once, outside the scope of VAT.
    billed = Invoice.objects.get(company=late.company, kind=InvoiceKind.PENALTY)
    assert (billed.total_ttc, billed.total_vat) == (D("56.26"), D("0.00"))
