"""An accountant reads the statement of account: an overdue invoice with today's penalties
and the suspended deliveries; once the invoice is paid and the day's jobs ran, deliveries
resume. Desktop in French, phone in English."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from billing.models import FrenchLegalRate
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day
from core.calendar import PARIS
from tests.browser.conftest import PHONE, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

TODAY = date(2025, 4, 10)


def test_statement_shows_penalties_then_deliveries_resume(new_context, live_server):
    # The seeded rate a transactional test run before may have flushed (DOMAIN appendix).
    FrenchLegalRate.objects.get_or_create(year=2025, half=1, defaults={"rate": Decimal("3.71")})
    with time_machine.travel(datetime(2025, 4, 10, 10, 0, tzinfo=PARIS), tick=True):
        terms = preset_terms("000")
        company = customer(legal_name="CLIENTE EN RETARD")
        accountant = MembershipFactory(
            company=company, user=UserFactory(), roles=[Role.ACCOUNTANT]
        ).user
        invoice = issue(company, terms, on=date(2025, 3, 1))  # due 31 March, 1200.00 TTC
        run_day(TODAY)

        page = new_context().new_page()
        sign_in(page, live_server, accountant)
        page.goto("/mon-releve/")
        row = page.locator(f'tr[data-invoice="{invoice.number}"]')
        # 10 days: 1200 x 18.55 % x 10 / 365 = 6.0986 -> 6,10 € ; indemnity 40,00 €
        expect(row).to_contain_text("6,10\u00a0€")
        expect(row).to_contain_text("40,00\u00a0€")
        expect(row).to_contain_text("1\u202f200,00\u00a0€")
        expect(page.locator("#deliveries-suspended")).to_be_visible()
        page.screenshot(path="/tmp/late_statement_fr_desktop.png", full_page=True)

        phone = new_context(locale="en-GB", viewport=PHONE).new_page()
        sign_in(phone, live_server, accountant)
        phone.goto("/en/mon-releve/")
        expect(phone.locator("#deliveries-suspended")).to_contain_text("Deliveries suspended")
        phone.screenshot(path="/tmp/late_statement_en_phone.png", full_page=True)

        pay(invoice, "1200.00", on=TODAY)
        run_day(TODAY)
        page.reload()
        expect(page.locator("#deliveries-active")).to_be_visible()
        expect(page.locator(f'tr[data-invoice="{invoice.number}"]')).to_have_count(0)
        page.screenshot(path="/tmp/late_statement_fr_paid.png", full_page=True)
