"""Reminders: the default schedule, each step once, passed-over steps, a paid invoice gets none,
the formal notice invoices the penalties and starts its 48-hour term."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import pytest
from django.core import mail

from accounts.tests.factories import admin_of
from billing.models import DunningNotice, DunningStep, Invoice, InvoiceKind
from billing.services.dunning import TOPIC, dunning_notice_deliver, run_dunning
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def notices(invoice):
    return list(
        DunningNotice.objects.filter(invoice=invoice)
        .order_by("offset_days")
        .values_list("offset_days", "on", "skipped")
    )


def deliver_all():
    for message in OutboxMessage.objects.filter(topic=TOPIC).order_by("id"):
        dunning_notice_deliver(payload=message.payload)


def test_default_schedule_each_step_once_and_the_formal_notice():
    terms = preset_terms("000")
    company = customer()
    user = admin_of(company, email="compta@client.example")
    invoice = issue(company, terms, on=date(2025, 3, 1))  # due 31 March, 1200.00 TTC
    paid = issue(company, terms, on=date(2025, 3, 1))
    pay(paid, "1200.00", on=date(2025, 3, 20))

    for day in (25, 26, 27):  # 26 March = due date - 5
        run_day(date(2025, 3, day))
    assert notices(invoice) == [(-5, date(2025, 3, 26), False)]
    run_day(date(2025, 4, 1))
    run_day(date(2025, 4, 1))
    run_day(date(2025, 4, 15))
    assert notices(invoice) == [
        (-5, date(2025, 3, 26), False),
        (1, date(2025, 4, 1), False),
        (15, date(2025, 4, 15), False),
    ]
    assert notices(paid) == []

    formal = DunningNotice.objects.get(invoice=invoice, offset_days=15)
    # 48 hours after the end of 15 April (Paris, UTC+2): 18 April 00:00 Paris = 17 April 22:00 UTC
    assert formal.term_ends_at == datetime(2025, 4, 17, 22, 0, tzinfo=UTC)
    # The formal notice invoices the penalties: 15 days, 1200 x 18.55 % x 15 / 365
    # = 3339 / 365 = 9.1479 -> 9.15, and the EUR 40 indemnity.
    penalty_invoice = Invoice.objects.get(kind=InvoiceKind.PENALTY)
    assert (penalty_invoice.total_ht, penalty_invoice.total_vat, penalty_invoice.total_ttc) == (
        D("49.15"),
        D("0.00"),
        D("49.15"),
    )
    assert penalty_invoice.order_reference == invoice.number

    deliver_all()
    assert [m.to for m in mail.outbox] == [[user.email]] * 3
    assert "Mise en demeure" in mail.outbox[2].subject
    assert invoice.number in mail.outbox[2].body and paid.number not in mail.outbox[2].body
    assert "18/04/2025 00:00" in mail.outbox[2].body


def test_a_late_start_sends_only_the_latest_step_and_records_the_others_passed_over():
    terms = preset_terms("000")
    invoice = issue(customer(), terms, on=date(2025, 1, 1))  # due 31 January
    run_dunning(as_of=date(2025, 2, 20))
    # (the step before the due date no longer applies once it has passed)
    assert notices(invoice) == [(1, date(2025, 2, 20), True), (15, date(2025, 2, 20), False)]


def test_paid_after_the_notice_was_written_nothing_is_sent():
    terms = preset_terms("000")
    company = customer()
    admin_of(company)
    invoice = issue(company, terms, on=date(2025, 3, 1))
    run_dunning(as_of=date(2025, 4, 1))
    pay(invoice, "1200.00", on=date(2025, 4, 1))
    deliver_all()
    assert mail.outbox == []


def test_staff_schedule_replaces_the_default():
    terms = preset_terms("000")
    DunningStep.objects.create(seller=terms.seller, offset_days=3, kind="reminder")
    invoice = issue(customer(), terms, on=date(2025, 3, 1))
    for day in (date(2025, 3, 26), date(2025, 4, 1), date(2025, 4, 3), date(2025, 4, 15)):
        run_dunning(as_of=day)
    assert notices(invoice) == [(3, date(2025, 4, 3), False)]
