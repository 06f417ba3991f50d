"""Instalment plans agreed by staff: one instalment unpaid at its due date makes the whole
remaining price due at once (000 art. 4, 001 art. 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import CompanyFactory
from billing.models import InstalmentPlan, PlanStatus
from billing.services.allocations import payment_allocate, payment_record
from billing.services.instalments import instalment_plan_agree
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from core.errors import BusinessError
from core.jobs import registered_jobs, run_daily_jobs

pytestmark = pytest.mark.django_db

APRIL_10, MAY_11 = date(2026, 4, 10), date(2026, 5, 11)


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def invoice():
    # 2 × 100,00 HT + 20 % VAT = 240,00 TTC, due on its date (cash at order).
    return invoice_issue(
        company=CompanyFactory(approved=True),
        terms=published_terms(),
        lines=[line(quantity=2)],
        actor=ACTOR,
    )


def agree(invoice, *rows):
    return instalment_plan_agree(
        invoice=invoice, schedule=[(day, Decimal(amount)) for day, amount in rows], actor=ACTOR
    )


def pay(invoice, amount: str, on: date):
    payment = payment_record(
        company=invoice.company,
        method="cheque",
        amount=Decimal(amount),
        received_on=on,
        reference="CHQ",
        actor=ACTOR,
    )
    payment_allocate(payment=payment, invoice=invoice, amount=Decimal(amount), actor=ACTOR)


def run_job(day: date):
    job = next(job for job in registered_jobs() if job.name == "billing.instalments")
    return run_daily_jobs(as_of=day, jobs=[job])[0].summary


def test_an_agreed_plan_makes_the_invoice_due_on_its_last_instalment(invoice):
    plan = agree(invoice, (APRIL_10, "100.00"), (MAY_11, "140.00"))
    invoice.refresh_from_db()
    assert invoice.due_date == MAY_11
    # Running totals: 100,00 by 10 April, 100,00 + 140,00 = 240,00 by 11 May.
    assert [(i.due_date, i.cumulative) for i in plan.instalments.all()] == [
        (APRIL_10, Decimal("100.00")),
        (MAY_11, Decimal("240.00")),
    ]


def test_an_instalment_paid_on_its_due_date_keeps_the_plan(invoice):
    agree(invoice, (APRIL_10, "100.00"), (MAY_11, "140.00"))
    pay(invoice, "100.00", APRIL_10)
    assert run_job(date(2026, 4, 11)) == {"accelerated_plans": 0}
    invoice.refresh_from_db()
    assert (invoice.due_date, InstalmentPlan.objects.get().status) == (MAY_11, PlanStatus.ACTIVE)


def test_one_cent_short_at_the_due_date_makes_the_remaining_price_due_at_once(invoice):
    agree(invoice, (APRIL_10, "100.00"), (MAY_11, "140.00"))
    pay(invoice, "99.99", APRIL_10)
    assert run_job(APRIL_10) == {"accelerated_plans": 0}  # the due date itself: still in time
    assert run_job(date(2026, 4, 11)) == {"accelerated_plans": 1}
    invoice.refresh_from_db()
    plan = InstalmentPlan.objects.get()
    # The 140,01 left (240,00 − 99,99) is due from 10 April, overdue the next day.
    assert (plan.status, plan.accelerated_on, invoice.due_date, invoice.amount_due) == (
        PlanStatus.ACCELERATED,
        APRIL_10,
        APRIL_10,
        Decimal("140.01"),
    )
    assert run_job(date(2026, 4, 12)) == {"accelerated_plans": 0}  # once


def test_a_payment_received_the_day_after_does_not_save_the_plan(invoice):
    agree(invoice, (APRIL_10, "100.00"), (MAY_11, "140.00"))
    pay(invoice, "100.00", date(2026, 4, 11))
    assert run_job(date(2026, 4, 11)) == {"accelerated_plans": 1}


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([(APRIL_10, "100.00"), (MAY_11, "140.01")], "240,01"),
        ([(MAY_11, "100.00"), (APRIL_10, "140.00")], "se suivre"),
        ([(date(2026, 3, 9), "100.00"), (MAY_11, "140.00")], "10/03/2026"),
        ([(APRIL_10, "240.00")], "deux échéances"),
        ([(APRIL_10, "0.00"), (MAY_11, "240.00")], "positif"),
    ],
)
def test_a_plan_that_does_not_fit_the_invoice_is_refused(invoice, rows, words):
    with pytest.raises(BusinessError) as refused:
        agree(invoice, *rows)
    assert (refused.value.code, refused.value.field) == ("instalments_invalid", "instalments")
    assert words in refused.value.message
    assert not InstalmentPlan.objects.exists()


def test_staff_agree_a_plan_in_the_admin_and_a_bad_line_is_named(admin_client, invoice):
    url = reverse("admin:billing_instalmentplan_add")
    bad = admin_client.post(url, {"invoice": invoice.number, "instalments": "10/04/2026 100\nmai"})
    assert bad.status_code == 200
    assert "Ligne 2 illisible" in bad.content.decode()
    assert "mai" in bad.content.decode()  # the input is kept
    response = admin_client.post(
        url, {"invoice": invoice.number, "instalments": "10/04/2026 100,00\n11/05/2026 140,00"}
    )
    assert response.status_code == 302
    plan = InstalmentPlan.objects.get()
    assert (
        admin_client.get(reverse("admin:billing_instalmentplan_change", args=[plan.pk])).status_code
        == 200
    )
