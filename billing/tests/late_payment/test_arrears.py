"""Arrears suspend deliveries and full payment releases them; prepayment after an incident."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth import get_user_model

from accounts.models import CompanyCommercialSettings
from accounts.services.commercial import delivery_suspension_set
from billing.models import CompanyArrears
from billing.services.arrears import SUSPENSION_REASON, company_prepayment_require
from billing.signals import company_arrears_changed
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day
from core.audit import Actor
from core.errors import BusinessError

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals():
    sent = []

    def receiver(sender, company_id, suspended, **kwargs):
        sent.append((company_id, suspended))

    company_arrears_changed.connect(receiver, weak=False)
    yield sent
    company_arrears_changed.disconnect(receiver)


def suspended(company):
    return CompanyCommercialSettings.objects.get(company=company).delivery_suspended


def test_the_day_after_the_due_date_suspends_full_payment_releases(signals):
    terms = preset_terms("000")
    company = customer()
    invoice = issue(company, terms, on=date(2025, 3, 1))  # due 31 March
    run_day(date(2025, 3, 31))
    assert not suspended(company) and signals == []

    run_day(date(2025, 4, 1))
    settings = CompanyCommercialSettings.objects.get(company=company)
    assert (settings.delivery_suspended, settings.delivery_suspension_reason) == (
        True,
        SUSPENSION_REASON,
    )
    assert signals == [(company.pk, True)]
    run_day(date(2025, 4, 2))
    assert signals == [(company.pk, True)]  # once

    pay(invoice, "1000.00", on=date(2025, 4, 3))
    run_day(date(2025, 4, 3))
    assert suspended(company)  # 200.00 still due
    with time_machine.travel(date(2025, 4, 4), tick=False):
        pay(invoice, "200.00", on=date(2025, 4, 4))
    assert not suspended(company)  # at once, without waiting for the night's job
    run_day(date(2025, 4, 4))
    assert signals == [(company.pk, True), (company.pk, False)]
    arrears = CompanyArrears.objects.get(company=company)
    assert (arrears.first_incident_on, arrears.suspended_since, arrears.released_on) == (
        date(2025, 4, 1),
        date(2025, 4, 1),
        date(2025, 4, 4),
    )


def test_a_suspension_staff_set_for_another_reason_is_not_lifted(signals):
    terms = preset_terms("000")
    company = customer()
    invoice = issue(company, terms, on=date(2025, 3, 1))
    run_day(date(2025, 4, 1))
    delivery_suspension_set(
        company=company, suspended=True, reason="Litige qualité en cours", actor=Actor.of_job("t")
    )
    pay(invoice, "1200.00", on=date(2025, 4, 2))
    run_day(date(2025, 4, 2))
    assert suspended(company)
    assert signals[-1] == (company.pk, False)  # billing's own arrears are over


def test_prepayment_only_after_an_incident_and_when_the_terms_allow_it(django_user_model):
    staff = get_user_model().objects.create_superuser(email="compta@example.com", password="x")
    terms_003 = preset_terms("003")
    late = customer(belgian=True)
    issue(late, terms_003, on=date(2025, 3, 1))
    on_time = customer(belgian=True, legal_name="PONCTUELLE")
    with pytest.raises(BusinessError) as error:
        company_prepayment_require(company=on_time, user=staff)
    assert error.value.code == "prepayment_no_incident"

    run_day(date(2025, 4, 1))
    company_prepayment_require(company=late, user=staff)
    assert CompanyCommercialSettings.objects.get(company=late).prepayment_required
