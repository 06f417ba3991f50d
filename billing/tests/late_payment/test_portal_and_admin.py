"""The statement of account (company accountants) and the late-payment admin screens."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from billing.models import Invoice, InvoiceKind, InvoicePenalty
from billing.services.penalty_actions import invoice_penalty_bill
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day
from core.audit import Actor

pytestmark = pytest.mark.django_db

TODAY = date(2025, 4, 10)  # 10 days late, before the formal notice of 15 April


@pytest.fixture
def world():
    terms = preset_terms("000")
    company = customer(legal_name="CLIENTE EN RETARD")
    other = customer(legal_name="AUTRE CLIENT")
    late = issue(company, terms, on=date(2025, 3, 1))  # due 31 March
    issue(other, terms, on=date(2025, 3, 1))
    run_day(TODAY)
    return company, other, late


def member(company, *roles):
    return MembershipFactory(company=company, user=UserFactory(), roles=list(roles)).user


@time_machine.travel(TODAY, tick=False)
def test_the_accountant_sees_the_penalties_of_today_and_the_suspension(client, world):
    company, other, late = world
    client.force_login(member(company, Role.ACCOUNTANT))
    page = client.get(reverse("billing_portal:statement"))
    assert page.status_code == 200
    body = page.content.decode()
    # 10 days late: 1200 x 18.55 % x 10 / 365 = 2226 / 365 = 6.0986 -> 6.10; indemnity 40,00
    assert late.number in body
    assert "6,10\u00a0€" in body and "40,00\u00a0€" in body
    assert 'id="deliveries-suspended"' in body
    assert other.legal_name not in body
    other_numbers = Invoice.objects.filter(company=other).values_list("number", flat=True)
    assert not any(number in body for number in other_numbers)

    csv = client.get(reverse("billing_portal:statement_csv")).content.decode()
    lines = csv.splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{late.number};")


@time_machine.travel(TODAY, tick=False)
def test_a_buyer_may_not_read_the_statement(client, world):
    company, _other, _late = world
    client.force_login(member(company, Role.BUYER))
    assert client.get(reverse("billing_portal:statement")).status_code == 403
    assert client.get(reverse("billing_portal:statement_csv")).status_code == 403


@time_machine.travel(TODAY, tick=False)
def test_paid_in_full_the_statement_shows_deliveries_resumed(client, world):
    company, _other, late = world
    pay(late, "1200.00", on=TODAY)
    run_day(TODAY)
    client.force_login(member(company, Role.ADMINISTRATOR))
    body = client.get(reverse("billing_portal:statement")).content.decode()
    assert 'id="deliveries-active"' in body
    # the penalties were invoiced once the principal was paid: 6.10 + 40.00
    assert Invoice.objects.get(kind=InvoiceKind.PENALTY).total_ttc == D("46.10")


@pytest.fixture
def staff_client(client):
    client.force_login(
        get_user_model().objects.create_superuser(email="compta@shop.example", password="x")
    )
    return client


@time_machine.travel(TODAY, tick=False)
def test_admin_actions_waive_and_send_to_collection(staff_client, world):
    _company, other, late = world
    url = reverse("admin:billing_invoicepenalty_changelist")
    mine = InvoicePenalty.objects.get(invoice=late)
    theirs = InvoicePenalty.objects.get(invoice__company=other)

    staff_client.post(url, {"action": "send_to_collection", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    # 10 % of the 1200.00 unpaid on 10 April = 120.00
    assert (mine.litigation_on, mine.litigation_penalty) == (TODAY, D("120.00"))

    page = staff_client.post(url, {"action": "waive_penalties", "_selected_action": [theirs.pk]})
    assert page.status_code == 200  # the form asking the reason
    staff_client.post(
        url,
        {
            "action": "waive_penalties",
            "_selected_action": [theirs.pk],
            "apply": "1",
            "reason": "Geste commercial",
        },
    )
    theirs.refresh_from_db()
    assert theirs.waiver_reason == "Geste commercial" and theirs.waived_at is not None

    ageing = staff_client.get(reverse("admin:billing_ageing"), {"as_of": "2025-04-10"})
    buckets = {bucket.code: bucket for bucket in ageing.context["buckets"]}
    # two invoices 10 days late: 2 x 1200.00; penalties 6.10 + 40 + 120 (litigation), the
    # other's waived: 0
    assert (buckets["1_30"].count, buckets["1_30"].amount_due) == (2, D("2400.00"))
    assert buckets["1_30"].penalties == D("166.10")


def test_admin_import_reports_rows_and_imports_nothing(staff_client):
    preset_terms("000")
    from django.core.files.uploadedfile import SimpleUploadedFile

    header = (
        "number;customer_siren;customer_name;customer_country;issue_date;delivery_date;"
        "due_date;total_ht;total_vat;total_ttc\n"
    )
    bad = header + "X-1;732829320;DUPONT;FR;2025-03-01;;2025-03-31;100;20;120,00\n"
    page = staff_client.post(
        reverse("admin:billing_open_items_import"),
        {"invoices": SimpleUploadedFile("i.csv", bad.encode())},
    )
    assert "invoices, ligne 2 : total_ttc" in page.content.decode()
    assert not Invoice.objects.exists()


def test_the_penalty_list_carries_the_state_to_today_without_a_run(staff_client, world):
    _company, _other, late = world  # computed on 10 April, no run since
    with time_machine.travel(date(2025, 4, 20), tick=False):
        body = staff_client.get(reverse("admin:billing_invoicepenalty_changelist")).content
    # 20 days on 20 April: 1200 x 18.55 % x 20 / 365 = 4452 / 365 = 12.1973 -> 12.20
    assert "12,20" in body.decode()
    assert InvoicePenalty.objects.get(invoice=late).as_of == TODAY


def test_billing_the_penalties_takes_a_payment_recorded_since_the_run(world):
    _company, _other, late = world  # computed on 10 April
    pay(late, "1200.00", on=date(2025, 4, 12))  # recorded, no run since
    penalty_invoice = invoice_penalty_bill(
        penalty=InvoicePenalty.objects.get(invoice=late),
        on=date(2025, 4, 15),
        actor=Actor.of_job("test"),
    )
    # Paid 12 days late: 1200 x 18.55 % x 12 / 365 = 2671.20 / 365 = 7.3184 -> 7.32, + 40.00
    # (the state of 10 April carried to 15 April would have billed 15 days: 9.15).
    assert penalty_invoice.total_ttc == D("47.32")
