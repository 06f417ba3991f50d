"""The dashboards page: each chart beside its table (the table is the figures, readable
without JavaScript; the chart draws the same rows with the vendored Chart.js, its data
passed through `json_script`, no inline script). A chart is shown to those who may see
the model it is drawn from: invoices for the receivables and sales, quotes for the
conversion rate."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from backoffice import dashboards
from core.money import format_eur

INVOICES_PERMISSION = "billing.view_invoice"
QUOTES_PERMISSION = "orders.view_quote"


@dataclass
class Chart:
    """One chart and its table: `rows` are the table's cells (text), `values` the number
    each row draws (one series per entry of `series`)."""

    key: str
    title: str
    kind: str  # Chart.js type: "bar" or "line"
    unit: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    values: list[list[float | None]] = field(default_factory=list)
    horizontal: bool = False

    @property
    def data_id(self) -> str:
        return f"chart-{self.key}-data"

    @property
    def data(self) -> dict:
        return {
            "kind": self.kind,
            "unit": self.unit,
            "horizontal": self.horizontal,
            "labels": self.labels,
            "series": [
                {"label": label, "values": values}
                for label, values in zip(self.series, self.values, strict=True)
            ],
        }


def _eur(amount) -> str:
    return format_eur(amount, lang=get_language() or "fr")


def _one_decimal(value) -> str:
    return number_format(value, decimal_pos=1)


def _month(day: date) -> str:
    return date_format(day, "F Y")


def _ageing_chart(as_of: date) -> Chart:
    buckets = dashboards.ageing(as_of=as_of)
    return Chart(
        key="ageing",
        title=_("Créances par ancienneté au %(day)s") % {"day": date_format(as_of)},
        kind="bar",
        unit="€",
        headers=[_("Retard"), _("Factures"), _("Montant dû TTC")],
        rows=[[b.label, str(b.count), _eur(b.amount_due)] for b in buckets],
        labels=[b.label for b in buckets],
        series=[_("Montant dû TTC")],
        values=[[float(b.amount_due) for b in buckets]],
    )


def _overdue_chart(as_of: date) -> Chart:
    points = dashboards.overdue_by_month_end(as_of=as_of)
    return Chart(
        key="overdue",
        title=_("Montant échu impayé en fin de mois"),
        kind="line",
        unit="€",
        headers=[_("Au"), _("Montant échu TTC")],
        rows=[[date_format(p.day), _eur(p.amount)] for p in points],
        labels=[date_format(p.day, "SHORT_DATE_FORMAT") for p in points],
        series=[_("Montant échu TTC")],
        values=[[float(p.amount) for p in points]],
    )


def _sales_chart(as_of: date) -> Chart:
    months = dashboards.sales_by_month(as_of=as_of)
    return Chart(
        key="sales",
        title=_("Ventes facturées par mois (HT)"),
        kind="bar",
        unit="€",
        headers=[_("Mois"), _("Factures"), _("Total HT")],
        rows=[[_month(m.month), str(m.invoices), _eur(m.total_ht)] for m in months],
        labels=[_month(m.month) for m in months],
        series=[_("Total HT")],
        values=[[float(m.total_ht) for m in months]],
    )


def _conversion_chart(as_of: date) -> Chart:
    months = dashboards.quote_conversion_by_month(as_of=as_of)
    return Chart(
        key="conversion",
        title=_("Taux de transformation des devis (signés sur émis)"),
        kind="line",
        unit="%",
        headers=[_("Mois d'émission"), _("Devis émis"), _("Devis signés"), _("Taux")],
        rows=[
            [
                _month(m.month),
                str(m.issued),
                str(m.signed),
                "—" if m.rate is None else f"{_one_decimal(m.rate)} %",
            ]
            for m in months
        ],
        labels=[_month(m.month) for m in months],
        series=[_("Taux")],
        values=[[None if m.rate is None else float(m.rate) for m in months]],
    )


def _days_to_pay_chart(as_of: date) -> Chart:
    customers = dashboards.days_to_pay_by_customer(as_of=as_of)
    return Chart(
        key="days-to-pay",
        title=_("Délai moyen de paiement par client (factures soldées sur 12 mois)"),
        kind="bar",
        unit=_("jours"),
        headers=[
            _("Client"),
            _("Factures soldées"),
            _("Jours depuis la facture"),
            _("Jours après l'échéance"),
        ],
        rows=[
            [
                c.company,
                str(c.invoices),
                _one_decimal(c.average_days),
                _one_decimal(c.average_days_late),
            ]
            for c in customers
        ],
        labels=[c.company for c in customers],
        series=[_("Jours depuis la facture")],
        values=[[float(c.average_days) for c in customers]],
        horizontal=True,
    )


def dashboards_visible(user) -> bool:
    return user.has_perm(INVOICES_PERMISSION) or user.has_perm(QUOTES_PERMISSION)


def dashboards_view(request: HttpRequest, site) -> HttpResponse:
    user = request.user
    if not dashboards_visible(user):
        raise PermissionDenied
    as_of = timezone.localdate()
    charts = []
    if user.has_perm(INVOICES_PERMISSION):
        charts += [_ageing_chart(as_of), _overdue_chart(as_of), _sales_chart(as_of)]
    if user.has_perm(QUOTES_PERMISSION):
        charts.append(_conversion_chart(as_of))
    if user.has_perm(INVOICES_PERMISSION):
        charts.append(_days_to_pay_chart(as_of))
    return TemplateResponse(
        request,
        "backoffice/dashboards.html",
        {**site.each_context(request), "title": _("Tableaux de bord"), "charts": charts},
    )
