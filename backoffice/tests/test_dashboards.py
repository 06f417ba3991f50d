"""The dashboards' figures against values worked out by hand, and who sees which chart.

Invoices: 20 % VAT, terms with the deferred term counted from the invoice date; ALPHA
pays at 30 days, BETA at 60 days. The day of the figures is Sunday 15 March 2026.
"""

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine

from backoffice.dashboards import (
    CustomerDaysToPay,
    MonthConversion,
    MonthSales,
    OverdueAt,
    ageing,
    days_to_pay_by_customer,
    overdue_at,
    overdue_by_month_end,
    quote_conversion_by_month,
    sales_by_month,
)
from backoffice.tests.staff import member
from billing.models import SettlementSource
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    paris,
    product,
    sign_kwargs,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 3, 15)


def settle(invoice, amount: str, on: date) -> None:
    invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal(amount),
        on=on,
        source=SettlementSource.PAYMENT,
        source_id=invoice.pk,
        actor=ACTOR,
    )


@pytest.fixture
def invoices(db):
    terms = published_terms(deferred_payment_from="invoice_date")
    alpha = company_on_deferred_term(days=30, legal_name="ALPHA")
    beta = company_on_deferred_term(days=60, legal_name="BETA")

    def issue(company, price: str, issued: date, due: date):
        invoice = invoice_issue(
            company=company, terms=terms, lines=[line(price)], actor=ACTOR, issue_date=issued
        )
        assert invoice.due_date == due, invoice.number
        return invoice

    # ALPHA, 30 days. I1: 1000.00 HT = 1200.00 TTC, 10 Jan + 30 d = 9 Feb, paid 19 Feb.
    settle(
        issue(alpha, "1000.00", date(2026, 1, 10), date(2026, 2, 9)), "1200.00", date(2026, 2, 19)
    )
    # I7: 100.00 HT = 120.00 TTC, 20 Jan + 30 d = 19 Feb, paid early on 14 Feb.
    settle(
        issue(alpha, "100.00", date(2026, 1, 20), date(2026, 2, 19)), "120.00", date(2026, 2, 14)
    )
    # I2: 500.00 HT = 600.00 TTC, 4 Feb + 30 d = 6 Mar, unpaid.
    issue(alpha, "500.00", date(2026, 2, 4), date(2026, 3, 6))
    # I4: 300.00 HT = 360.00 TTC, issued on the day of the figures, due 14 Apr.
    issue(alpha, "300.00", AS_OF, date(2026, 4, 14))
    # BETA, 60 days. I3: 2000.00 HT = 2400.00 TTC, 1 Dec 2025 + 60 d = 30 Jan, 400 paid 10 Feb.
    settle(
        issue(beta, "2000.00", date(2025, 12, 1), date(2026, 1, 30)), "400.00", date(2026, 2, 10)
    )
    # I8: 100.00 HT = 120.00 TTC, 9 Feb + 60 d = 10 Apr, paid 11 Mar.
    settle(issue(beta, "100.00", date(2026, 2, 9), date(2026, 4, 10)), "120.00", date(2026, 3, 11))
    # I6: issued the day after the figures' day: in none of them.
    issue(beta, "700.00", date(2026, 3, 16), date(2026, 5, 15))


def test_receivables_ageing_by_days_late(invoices):
    buckets = {bucket.code: (bucket.count, bucket.amount_due) for bucket in ageing(as_of=AS_OF)}
    assert buckets == {
        "not_due": (1, Decimal("360.00")),  # I4, due 14 Apr
        "1_30": (1, Decimal("600.00")),  # I2: 15 Mar - 6 Mar = 9 days late
        "31_60": (1, Decimal("2000.00")),  # I3: 2400 - 400; 1 Feb..15 Mar = 44 days late
        "61_90": (0, Decimal("0")),
        "over_90": (0, Decimal("0")),
    }


def test_overdue_amount_at_each_month_end(invoices):
    assert overdue_by_month_end(as_of=AS_OF, months=3) == [
        # 31 Jan: I3 only (due 30 Jan), nothing settled yet: 2400.00
        OverdueAt(date(2026, 1, 31), Decimal("2400.00")),
        # 28 Feb: I1 (1200 - 1200 = 0) + I3 (2400 - 400 = 2000); I7 paid, I2 not yet due
        OverdueAt(date(2026, 2, 28), Decimal("2000.00")),
        # 15 Mar (running month): I3 2000 + I2 600 = 2600 = the ageing's late buckets
        OverdueAt(date(2026, 3, 15), Decimal("2600.00")),
    ]
    # I3 falls due on 30 Jan: late from the day after.
    assert overdue_at(date(2026, 1, 30)) == Decimal("0")
    assert overdue_at(date(2026, 1, 31)) == Decimal("2400.00")


def test_sales_by_month_invoiced_ht(invoices):
    assert sales_by_month(as_of=AS_OF, months=3) == [
        MonthSales(date(2026, 1, 1), 2, Decimal("1100.00")),  # I1 1000 + I7 100
        MonthSales(date(2026, 2, 1), 2, Decimal("600.00")),  # I2 500 + I8 100
        MonthSales(date(2026, 3, 1), 1, Decimal("300.00")),  # I4 (on the day); I6 after
    ]


def test_average_days_to_pay_per_customer(invoices):
    assert days_to_pay_by_customer(as_of=AS_OF) == [
        # I1: 10 Jan -> 19 Feb = 21 + 19 = 40 days, 10 after its due date (9 Feb);
        # I7: 20 Jan -> 14 Feb = 11 + 14 = 25 days, 5 before (19 Feb).
        # (40 + 25) / 2 = 32.5; (10 - 5) / 2 = 2.5
        CustomerDaysToPay("ALPHA", 2, Decimal("32.5"), Decimal("2.5")),
        # I8: 9 Feb -> 11 Mar = 19 + 11 = 30 days, 30 before its due date (10 Apr).
        # (I3 is only partly paid: not counted.)
        CustomerDaysToPay("BETA", 1, Decimal("30.0"), Decimal("-30.0")),
    ]
    # The window is the 365 days up to the day: on 10 Mar 2027 the payment of 11 Mar 2026
    # (364 days before) counts, on 11 Mar 2027 (365 days before) it no longer does.
    assert [row.company for row in days_to_pay_by_customer(as_of=date(2027, 3, 10))] == ["BETA"]
    assert days_to_pay_by_customer(as_of=date(2027, 3, 11)) == []


def test_quote_conversion_signed_out_of_issued_per_month(terms):
    company, signatory, _buyer, _admin = company_with_people()
    staff = member("Service commercial")
    item = product(reference="PC-1")

    def issue(at):
        return issued_quote(company=company, user=staff, lines=[(item, 1)], now=at)

    january = [issue(paris(2026, 1, 20, 10, 0)) for _ in range(3)]
    quote_sign(**sign_kwargs(january[0], signatory, now=paris(2026, 1, 21, 10, 0)))
    february = issue(paris(2026, 2, 10, 10, 0))
    quote_sign(**sign_kwargs(february, signatory, now=paris(2026, 2, 12, 10, 0)))
    issue(paris(2026, 3, 1, 0, 30))  # 28 Feb 23:30 UTC: March in Paris
    issue(paris(2026, 3, 16, 0, 10))  # the day after the figures' day: left out
    assert quote_conversion_by_month(as_of=AS_OF, months=3) == [
        MonthConversion(date(2026, 1, 1), issued=3, signed=1),
        MonthConversion(date(2026, 2, 1), issued=1, signed=1),
        MonthConversion(date(2026, 3, 1), issued=1, signed=0),
    ]
    rates = [month.rate for month in quote_conversion_by_month(as_of=AS_OF, months=4)]
    # December: nothing issued; 1 / 3 = 33.33 % -> 33.3; 1 / 1 -> 100.0; 0 / 1 -> 0.0
    assert rates == [None, Decimal("33.3"), Decimal("100.0"), Decimal("0.0")]


def dashboards_page(client, user) -> tuple[str, dict[str, dict]]:
    """The page's HTML and each chart's data as the page passes it to the script."""
    client.force_login(user)
    response = client.get("/admin/tableaux-de-bord/")
    assert response.status_code == 200
    page = response.content.decode()
    charts = {
        chart.key: json.loads(
            page.split(f'id="{chart.data_id}" type="application/json">')[1].split("</script>")[0]
        )
        for chart in response.context["charts"]
    }
    return page, charts


def test_accounting_sees_every_chart_with_its_table(client, invoices):
    with time_machine.travel(paris(2026, 3, 15, 12, 0), tick=False):
        page, charts = dashboards_page(client, member("Comptabilité"))
    assert list(charts) == ["ageing", "overdue", "sales", "conversion", "days-to-pay"]
    assert charts["ageing"]["series"][0]["values"] == [360.0, 600.0, 2000.0, 0.0, 0.0]
    assert '<th scope="row">1 à 30 jours</th><td>1</td><td>600,00\xa0€</td>' in page
    assert page.count("<canvas") == 5
    assert "<script>" not in page  # no inline script: the CSP allows only files


def test_sales_see_the_conversion_chart_only_and_the_warehouse_none(client, terms):
    _page, charts = dashboards_page(client, member("Service commercial"))
    assert list(charts) == ["conversion"]
    client.force_login(member("Entrepôt"))
    assert client.get("/admin/tableaux-de-bord/").status_code == 403
    assert "tableaux-de-bord" not in client.get("/admin/").content.decode()
