"""An accountant opens an overdue invoice, sees its penalties of today, pays it by card in
the sandbox provider, and sees deliveries resume: the suspension lifted and the order held
for it back in progress. French desktop and English phone."""

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from billing.models import FrenchLegalRate, InvoiceStatus
from billing.services.accrual import run_penalty_accrual
from billing.services.arrears import run_arrears_suspension
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, line
from core.calendar import PARIS
from orders.models import OrderStatus
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    deliver_outbox,
    grant_deferred_terms,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
    terms_004,
)
from shop.presets import preset_get
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = date(2026, 4, 30)
NBSP = "\u00a0"
LATE_PAYMENT_FIELDS = ("late_", "recovery_", "collection_", "litigation_", "arrears_")


@pytest.fixture
def world(live_server, settings):
    settings.PAYMENT_SANDBOX_WEBHOOK_URL = f"{live_server.url}/paiements/notifications/"
    # The seeded rate a transactional test run before may have flushed (DOMAIN appendix).
    FrenchLegalRate.objects.get_or_create(year=2026, half=1, defaults={"rate": Decimal("2.62")})
    preset = preset_get("000")
    terms = terms_004(
        **{k: v for k, v in preset.terms.items() if k.startswith(LATE_PAYMENT_FIELDS)}
    )
    company, signatory, _buyer, _admin = company_with_people(legal_name="CLIENTE EN RETARD")
    grant_deferred_terms(company, credit_limit=Decimal("50000.00"), days=30)
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 1)])
    order = quote_sign(**sign_kwargs(quote, signatory))  # awaiting its transfer
    invoice = invoice_issue(
        company=company,
        terms=terms,
        lines=[line("1000.00")],
        issue_date=date(2026, 3, 1),
        actor=ACTOR,
    )  # 1200.00 TTC, due 31 March
    accountant = MembershipFactory(
        company=company, user=UserFactory(first_name="Inès"), roles=[Role.ACCOUNTANT]
    ).user
    return {"invoice": invoice, "order": order, "accountant": accountant}


def _pay_with(page, number: str):
    page.locator("#id_card_number").fill(number)
    page.locator("#id_expiry").fill("12/30")
    page.locator("#id_cvc").fill("123")
    page.locator("#sandbox-pay").click()


def test_the_accountant_pays_an_overdue_invoice_by_card_and_deliveries_resume(
    new_context, live_server, world
):
    invoice, order = world["invoice"], world["order"]
    with time_machine.travel(datetime(2026, 4, 30, 10, 0, tzinfo=PARIS), tick=True):
        assert invoice.due_date == date(2026, 3, 31)
        before_hold = order.status
        run_penalty_accrual(as_of=TODAY)
        run_arrears_suspension(as_of=TODAY)
        order.refresh_from_db()
        assert order.status == OrderStatus.ON_HOLD

        page = new_context().new_page()
        sign_in(page, live_server, world["accountant"])
        page.goto(f"/mes-factures/facture/{invoice.number}/")
        # 5 x 2.62 = 13.10 %; 30 days: 1200 x 13.10 % x 30 / 365 = 4716 / 365 = 12.9205
        # -> 12,92 €; the EUR 40 indemnity; 52,92 € in all.
        expect(page.locator("#penalty-interest")).to_have_text(f"12,92{NBSP}€")
        expect(page.locator("#penalty-indemnity")).to_have_text(f"40,00{NBSP}€")
        expect(page.locator("#penalty-total")).to_have_text(f"52,92{NBSP}€")
        expect(page.locator("#penalty-terms")).to_contain_text(f"13,1{NBSP}% l'an")
        expect(page.locator("#deliveries-suspended")).to_be_visible()
        page.screenshot(path="/tmp/late_invoice_fr_desktop.png", full_page=True)

        phone = new_context(locale="en-GB", viewport=PHONE).new_page()
        sign_in(phone, live_server, world["accountant"])
        phone.goto(f"/en/mes-factures/facture/{invoice.number}/")
        expect(phone.locator("#invoice-penalties h2")).to_have_text(
            "Late-payment penalties on 30/04/2026"
        )
        phone.screenshot(path="/tmp/late_invoice_en_phone.png", full_page=True)

        pay = page.locator("#pay-by-card")
        expect(pay).to_have_text(f"Payer 1\u202f200,00{NBSP}€ par carte")
        pay.click()
        expect(page).to_have_url(re.compile(r"/bac-a-sable-paiement/pi_sbx_\w+/$"))
        expect(page.locator("#sandbox-amount")).to_have_text(f"1\u202f200,00{NBSP}€")
        _pay_with(page, "4242 4242 4242 4242")
        expect(page).to_have_url(re.compile(rf"/mes-factures/facture/{invoice.number}/$"))
        assert deliver_outbox()["failed"] == 0  # the provider's notification reaches the shop

        page.reload()
        expect(page.locator("#invoice-paid")).to_be_visible()
        expect(page.locator("#deliveries-active")).to_be_visible()
        page.screenshot(path="/tmp/late_invoice_fr_paid.png", full_page=True)
        phone.reload()
        expect(phone.locator("#deliveries-active")).to_be_visible()
        phone.screenshot(path="/tmp/late_invoice_en_phone_paid.png", full_page=True)

    invoice.refresh_from_db()
    order.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    assert order.status == before_hold  # released: back where it was before the hold
