"""The accounting dashboards in a real browser: the vendored Chart.js draws every chart
under the site's Content-Security-Policy (no console error), each beside its table, on a
desktop and on a phone, in French and in English."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from backoffice.groups import staff_groups_ensure
from billing.models import SettlementSource
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Tableaux-De-Bord-2026"


@pytest.fixture
def accountant(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False  # the sign-in itself is another test's subject
    staff_groups_ensure()
    terms = published_terms(deferred_payment_from="invoice_date")
    today = timezone.localdate()
    for name, days, ages in (("ALPHA", 30, (95, 50, 10)), ("BETA", 60, (130, 70, 20))):
        company = company_on_deferred_term(days=days, legal_name=name)
        for age in ages:
            invoice = invoice_issue(
                company=company,
                terms=terms,
                lines=[line("400.00", quantity=age // 10)],
                actor=ACTOR,
                issue_date=today - timedelta(days=age),
            )
            if age == ages[0]:  # the oldest paid, 40 days after its date
                invoice_apply_settlement(
                    invoice=invoice,
                    amount=invoice.total_ttc,
                    on=invoice.issue_date + timedelta(days=40),
                    source=SettlementSource.PAYMENT,
                    source_id=invoice.pk,
                    actor=ACTOR,
                )
    user = User.objects.create_user(
        "paul@vendeur.example", password=PASSWORD, is_staff=True, first_name="Paul"
    )
    user.groups.add(Group.objects.get(name="Comptabilité"))
    return user


def errors_of(page) -> list[str]:
    """The console errors and uncaught exceptions of `page`, as they come."""
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_the_dashboards_draw_each_chart_beside_its_table(new_context, accountant, tmp_path):
    for locale, heading in (("fr-FR", "Ventes facturées par mois"), ("en-GB", "Invoiced sales")):
        context = new_context(locale=locale)
        page = context.new_page()
        errors = errors_of(page)
        page.goto("/admin/")
        page.locator("#id_username").fill(accountant.email)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("input[type=submit]").click()
        page.locator(".backoffice-dashboard-link a").click()
        expect(page.locator(".backoffice-chart h2").nth(2)).to_contain_text(heading)
        expect(page.locator(".backoffice-chart canvas")).to_have_count(5)
        expect(page.locator(".backoffice-chart-table")).to_have_count(5)
        # Chart.js has drawn: each canvas got its pixel size from the chart.
        page.wait_for_function(
            "[...document.querySelectorAll('canvas[data-chart]')]"
            ".every(c => window.Chart && window.Chart.getChart(c))"
        )
        page.screenshot(path=str(tmp_path / f"dashboards-{locale}.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(tmp_path / f"dashboards-{locale}-phone.png"), full_page=True)
        assert errors == []
    print(f"screenshots in {tmp_path}")
