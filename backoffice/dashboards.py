"""The figures of the back office's dashboards (accounting and sales): receivables ageing,
the overdue amount at each month end, sales by month, the quote conversion rate and the
average days to pay per customer. Reads only; each chart's table shows the same rows.

Months are calendar months in the seller's time zone, the last one being that of `as_of`
(its figures stop at `as_of`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth

from accounts.models import Company
from billing.models import Invoice, InvoiceKind, InvoiceSettlement
from billing.selectors import AgeingBucket, receivables_ageing
from core.calendar import PARIS, add_months, start_of_day
from core.money import ZERO
from orders.models import Quote, QuoteStatus

MONTHS = 12
ONE_DECIMAL = Decimal("0.1")


def _one_decimal(value: Decimal) -> Decimal:
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def months_until(as_of: date, count: int = MONTHS) -> list[date]:
    """The first days of the `count` months ending with `as_of`'s, oldest first."""
    first = as_of.replace(day=1)
    return [add_months(first, -n) for n in range(count - 1, -1, -1)]


def month_end(month: date, as_of: date) -> date:
    """The month's last day, or `as_of` for the month still running."""
    return min(add_months(month, 1) - timedelta(days=1), as_of)


def ageing(*, as_of: date) -> list[AgeingBucket]:
    """Open receivables on `as_of` by days late (billing's buckets and rule)."""
    return receivables_ageing(as_of=as_of)


@dataclass(frozen=True)
class OverdueAt:
    day: date
    amount: Decimal


def overdue_at(day: date) -> Decimal:
    """What invoices past due on `day` still left due that day: their totals less what
    settled them up to `day` (late from the day after the due date, billing's rule)."""
    late = Invoice.objects.filter(issue_date__lte=day, due_date__lt=day)
    billed = late.aggregate(total=Sum("total_ttc"))["total"] or ZERO
    settled = (
        InvoiceSettlement.objects.filter(invoice__in=late, on__lte=day).aggregate(
            total=Sum("amount")
        )["total"]
        or ZERO
    )
    return billed - settled


def overdue_by_month_end(*, as_of: date, months: int = MONTHS) -> list[OverdueAt]:
    """The overdue amount at each month end (at `as_of` for the current month)."""
    days = [month_end(month, as_of) for month in months_until(as_of, months)]
    return [OverdueAt(day=day, amount=overdue_at(day)) for day in days]


@dataclass(frozen=True)
class MonthSales:
    month: date
    invoices: int
    total_ht: Decimal


def sales_by_month(*, as_of: date, months: int = MONTHS) -> list[MonthSales]:
    """Sales invoiced each month, HT, by issue date (sales invoices only: fees and late
    payment penalties are not sales)."""
    firsts = months_until(as_of, months)
    rows = {
        row["month"]: row
        for row in Invoice.objects.filter(
            kind=InvoiceKind.GOODS_AND_SERVICES, issue_date__gte=firsts[0], issue_date__lte=as_of
        )
        .annotate(month=TruncMonth("issue_date"))
        .values("month")
        .annotate(invoices=Count("id"), total_ht=Sum("total_ht"))
    }
    return [
        MonthSales(
            month=month,
            invoices=rows[month]["invoices"] if month in rows else 0,
            total_ht=rows[month]["total_ht"] if month in rows else ZERO,
        )
        for month in firsts
    ]


@dataclass(frozen=True)
class MonthConversion:
    month: date
    issued: int
    signed: int

    @property
    def rate(self) -> Decimal | None:
        """Signed out of issued, in percent to one decimal (none when nothing was issued)."""
        if not self.issued:
            return None
        return _one_decimal(Decimal(self.signed * 100) / self.issued)


def quote_conversion_by_month(*, as_of: date, months: int = MONTHS) -> list[MonthConversion]:
    """Quotes issued each month and, among them, those signed since. A version replaced by
    a newer one is left out (the newer version is counted in its own month)."""
    firsts = months_until(as_of, months)
    rows = {
        row["month"].date(): row
        for row in Quote.objects.filter(
            issued_at__gte=start_of_day(firsts[0]),
            issued_at__lt=start_of_day(as_of + timedelta(days=1)),
        )
        .exclude(status=QuoteStatus.SUPERSEDED)
        .annotate(month=TruncMonth("issued_at", tzinfo=PARIS))
        .values("month")
        .annotate(issued=Count("id"), signed=Count("id", filter=Q(signature__isnull=False)))
    }
    return [
        MonthConversion(
            month=month,
            issued=rows[month]["issued"] if month in rows else 0,
            signed=rows[month]["signed"] if month in rows else 0,
        )
        for month in firsts
    ]


@dataclass(frozen=True)
class CustomerDaysToPay:
    company: str
    invoices: int
    average_days: Decimal
    average_days_late: Decimal


def days_to_pay_by_customer(*, as_of: date, days: int = 365) -> list[CustomerDaysToPay]:
    """For each customer, its invoices paid in full within the `days` up to `as_of`: the
    average days from the invoice date to the payment, and from the printed due date
    (negative: paid early), to one decimal; the slowest first."""
    interval = DurationField()
    rows = (
        Invoice.objects.filter(paid_on__gt=as_of - timedelta(days=days), paid_on__lte=as_of)
        .values("company_id")
        .annotate(
            invoices=Count("id"),
            waited=Sum(ExpressionWrapper(F("paid_on") - F("issue_date"), output_field=interval)),
            late=Sum(
                ExpressionWrapper(F("paid_on") - F("original_due_date"), output_field=interval)
            ),
        )
    )
    names = dict(
        Company.objects.filter(pk__in=[row["company_id"] for row in rows]).values_list(
            "pk", "legal_name"
        )
    )
    figures = [
        CustomerDaysToPay(
            company=names[row["company_id"]],
            invoices=row["invoices"],
            average_days=_one_decimal(Decimal(_days(row["waited"])) / row["invoices"]),
            average_days_late=_one_decimal(Decimal(_days(row["late"])) / row["invoices"]),
        )
        for row in rows
    ]
    return sorted(figures, key=lambda row: (-row.average_days, row.company))


def _days(total: timedelta | int) -> int:
    """PostgreSQL's date difference is a number of days; summed it may come as either."""
    return total.days if isinstance(total, timedelta) else total
