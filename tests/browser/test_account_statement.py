"""An accountant reads the company's statement of account (movements and running balance)
and downloads its PDF: desktop in French, phone in English."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from billing.services.allocations import payment_allocate, payment_record
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line, published_terms
from core.calendar import PARIS
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_statement_of_account_and_its_pdf(new_context, live_server, tmp_path):
    with time_machine.travel(datetime(2026, 3, 20, 10, 0, tzinfo=PARIS), tick=True):
        terms = published_terms()
        company = CompanyFactory(approved=True, legal_name="COMPTA TEST SAS")
        accountant = MembershipFactory(
            company=company, user=UserFactory(), roles=[Role.ACCOUNTANT]
        ).user
        # 2 × 100,00 HT + 20 % = 240,00 TTC on 10 March; a cheque of 300,00 on 12 March.
        invoice = invoice_issue(
            company=company,
            terms=terms,
            lines=[line(quantity=2)],
            issue_date=date(2026, 3, 10),
            actor=ACTOR,
        )
        payment = payment_record(
            company=company,
            method="cheque",
            amount=Decimal("300.00"),
            received_on=date(2026, 3, 12),
            reference="CHQ 77",
            actor=ACTOR,
        )
        payment_allocate(payment=payment, invoice=invoice, amount=Decimal("240.00"), actor=ACTOR)
        for locale, viewport, prefix, name, closing in (
            ("fr-FR", None, "", "fr", "-60,00"),
            ("en-GB", PHONE, "/en", "en_phone", "-€60.00"),
        ):
            options = {"locale": locale} | ({"viewport": viewport} if viewport else {})
            page = new_context(**options).new_page()
            sign_in(page, live_server, accountant)
            page.goto(f"{prefix}/mon-releve/")
            # 240,00 invoiced − 300,00 paid: 60,00 of credit.
            expect(page.locator("#id_date_from")).to_have_value("2026-01-01")  # the default period
            expect(page.locator("#closing-balance")).to_contain_text(closing)
            expect(page.locator('tr[data-reference="CHQ 77"]')).to_be_visible()
            page.screenshot(path=tmp_path / f"statement_{name}.png", full_page=True)
            with page.expect_download() as download:
                page.locator("#statement-pdf").click()
            assert download.value.path().read_bytes()[:4] == b"%PDF"
