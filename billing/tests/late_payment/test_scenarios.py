"""A company's year 2025 replayed day by day with `run_daily_jobs --date` under each preset.

The same five invoices under every preset (1000.00 HT; 1200.00 TTC in France, 1210.00 in
Belgium), each issued on its day during the replay, across the half-year rate change of
1 July 2025:

- I0 issued 2 January, due 1 February (2025 H1 rate): 300.00 paid 11 February (10 days
  late), the rest 3 March (30 days);
- I1 due 30 June, paid on its due date: on time;
- I2 due 30 June, paid 1 July: 1 day late, at the 2025 H1 rate;
- I3 due 1 July (H2 rate): 400.00 paid 11 July (10 days), the rest 31 July (30 days);
- I4 issued 20 June, due 20 July (accelerated to 2 July under 001 and 004, when I3 is
  overdue), paid 4 August.

Deliveries are suspended on 2 February (I0 overdue) and released on 3 March, suspended
again on 2 July (I3 overdue) and released on 4 August, when nothing overdue is left.
Everything is paid at the end, so every penalty is invoiced.
"""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from accounts.models import CompanyCommercialSettings
from billing.models import (
    BelgianCommercialRate,
    FrenchLegalRate,
    Invoice,
    InvoiceKind,
    InvoicePenalty,
)
from billing.signals import company_arrears_changed
from billing.tests.late_payment.helpers import customer, issue, pay, preset_terms, run_day

pytestmark = pytest.mark.django_db

# preset: I0, I2, I3, I4, each (interest, indemnity, collection fee).
EXPECTED = {
    # 5 x legal rate: H1 3.71 -> 18.55 %, H2 2.76 -> 13.80 %.
    # I0: (300 x 10 + 900 x 30) x 18.55 % / 365 = 30000 x 0.1855 / 365 = 5565 / 365
    #     = 15.2466 -> 15.25
    # I2: 1200 x 18.55 % x 1 / 365 = 0.6099 -> 0.61
    # I3: (400 x 10 + 800 x 30) x 13.80 % / 365 = 3864 / 365 = 10.5863 -> 10.59
    # I4: 1200 x 13.80 % x 15 / 365 = 2484 / 365 = 6.8055 -> 6.81
    "000": (
        ("15.25", "40.00", "0.00"),
        ("0.61", "40.00", "0.00"),
        ("10.59", "40.00", "0.00"),
        ("6.81", "40.00", "0.00"),
    ),
    # 2.5 % of the TTC per day from day 31 after delivery (delivered on the invoice date).
    # I0: delivered 2 January, day 31 is 2 February, the day after the due date:
    #     (300 x 10 + 900 x 30) x 2.5 % = 30000 x 0.025 = 750.00
    # I2: 1 day (1 July is day 31): 1200 x 2.5 % = 30.00
    # I3: (400 x 10 + 800 x 30) x 2.5 % = 700.00
    # I4: due 2 July after acceleration, but day 31 after its delivery is 21 July:
    #     21 July to 4 August = 15 days, 1200 x 2.5 % x 15 = 450.00
    "001": (
        ("750.00", "40.00", "0.00"),
        ("30.00", "40.00", "0.00"),
        ("700.00", "40.00", "0.00"),
        ("450.00", "40.00", "0.00"),
    ),
    # Belgian commercial rate: H1 11.5 %, H2 10.5 %.
    # I0: (300 x 10 + 910 x 30) x 11.5 % / 365 = 30300 x 0.115 / 365 = 3484.50 / 365
    #     = 9.5466 -> 9.55
    # I2: 1210 x 11.5 % / 365 = 0.3812 -> 0.38
    # I3: (400 x 10 + 810 x 30) x 10.5 % / 365 = 2971.50 / 365 = 8.1411 -> 8.14
    # I4: 1210 x 10.5 % x 15 / 365 = 1905.75 / 365 = 5.2212 -> 5.22
    "002": (
        ("9.55", "40.00", "0.00"),
        ("0.38", "40.00", "0.00"),
        ("8.14", "40.00", "0.00"),
        ("5.22", "40.00", "0.00"),
    ),
    # Same interest; a collection fee of 15 % x 1210.00 = 181.50 instead of the EUR 40.
    "003": (
        ("9.55", "0.00", "181.50"),
        ("0.38", "0.00", "181.50"),
        ("8.14", "0.00", "181.50"),
        ("5.22", "0.00", "181.50"),
    ),
    # 3 x legal rate, any month started: H1 11.13 %, H2 8.28 %.
    # I0: 11 February is in the first month, 3 March in the second (1 February + 1 month
    #     = 1 March < 3 March): (300 x 1 + 900 x 2) x 11.13 % / 12 = 233.73 / 12
    #     = 19.4775 -> 19.48
    # I2: 1 month: 1200 x 11.13 % / 12 = 11.13
    # I3: both parts within the first month: 1200 x 8.28 % / 12 = 8.28
    # I4: due 2 July after acceleration (H2), paid 4 August: 2 months started:
    #     1200 x 2 x 8.28 % / 12 = 16.56
    "004": (
        ("19.48", "40.00", "0.00"),
        ("11.13", "40.00", "0.00"),
        ("8.28", "40.00", "0.00"),
        ("16.56", "40.00", "0.00"),
    ),
}


@pytest.fixture(autouse=True)
def appendix_rates():
    """The seeded 2025 rates (DOMAIN appendix), which a transactional test run before in the
    same database may have flushed."""
    for model, rates in (
        (FrenchLegalRate, {(2025, 1): "3.71", (2025, 2): "2.76"}),
        (BelgianCommercialRate, {(2025, 1): "11.5", (2025, 2): "10.5"}),
    ):
        for (year, half), rate in rates.items():
            model.objects.get_or_create(year=year, half=half, defaults={"rate": D(rate)})


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_a_year_of_late_payments(code):
    terms = preset_terms(code)
    belgian = code in ("002", "003")
    ttc = "1210.00" if belgian else "1200.00"
    by_delivery = code == "001"  # 30 days from delivery; the others on a granted 30-day term
    company = customer(belgian=belgian, deferred_days=None if by_delivery else 30)

    def invoice_of(day):
        return issue(company, terms, on=day, delivered=day if by_delivery else None)

    issues = {
        date(2025, 1, 2): ["i0"],
        date(2025, 5, 31): ["i1", "i2"],
        date(2025, 6, 1): ["i3"],
        date(2025, 6, 20): ["i4"],
    }
    payments = {
        date(2025, 2, 11): [("i0", "300.00")],
        date(2025, 3, 3): [("i0", str(D(ttc) - 300))],
        date(2025, 6, 30): [("i1", ttc)],
        date(2025, 7, 1): [("i2", ttc)],
        date(2025, 7, 11): [("i3", "400.00")],
        date(2025, 7, 31): [("i3", str(D(ttc) - 400))],
        date(2025, 8, 4): [("i4", ttc)],
    }
    invoices = {}
    signals = []

    def receiver(sender, company_id, suspended, **kwargs):
        signals.append((day, suspended))

    company_arrears_changed.connect(receiver, weak=False)
    try:
        day = date(2025, 1, 1)
        while day <= date(2025, 12, 31):
            for name in issues.get(day, []):
                invoices[name] = invoice_of(day)
            for name, amount in payments.get(day, []):
                pay(invoices[name], amount, on=day)
            run_day(day)
            day += timedelta(days=1)
    finally:
        company_arrears_changed.disconnect(receiver)
    i0, i1, i2, i3, i4 = (invoices[name] for name in ("i0", "i1", "i2", "i3", "i4"))
    assert (i0.due_date, i1.due_date, i3.due_date, i4.original_due_date) == (
        date(2025, 2, 1),
        date(2025, 6, 30),
        date(2025, 7, 1),
        date(2025, 7, 20),
    )

    expected = EXPECTED[code]
    assert not InvoicePenalty.objects.filter(invoice=i1).exists()
    for invoice, (interest, indemnity, fee) in zip((i0, i2, i3, i4), expected, strict=True):
        figures = InvoicePenalty.objects.get(invoice=invoice).amounts_on(date(2025, 12, 31))
        assert (figures.interest, figures.recovery_indemnity, figures.collection_fee) == (
            D(interest),
            D(indemnity),
            D(fee),
        ), invoice.number
    i4.refresh_from_db()
    accelerated = code in ("001", "004")
    assert i4.due_date == (date(2025, 7, 2) if accelerated else date(2025, 7, 20))
    assert i4.original_due_date == date(2025, 7, 20)

    assert signals == [
        (date(2025, 2, 2), True),
        (date(2025, 3, 3), False),
        (date(2025, 7, 2), True),
        (date(2025, 8, 4), False),
    ]
    assert not CompanyCommercialSettings.objects.get(company=company).delivery_suspended

    # Every principal is paid: every penalty is invoiced, once, outside the scope of VAT.
    billed = Invoice.objects.filter(kind=InvoiceKind.PENALTY)
    total = sum((D(i) + D(n) + D(f) for i, n, f in expected), D("0.00"))
    assert sum((invoice.total_ttc for invoice in billed), D("0.00")) == total
    assert {invoice.total_vat for invoice in billed} == {D("0.00")}
