"""The date and amount filters of the lists staff search most (orders, quotes, shipments,
complaints, invoices, credit notes, payments, statement lines, returns), added to the
screens the apps registered (backoffice.wiring): the apps need not know the back office.

The date filter is Django's (today, past 7 days, this month, this year); the amount
filter puts each row in one band of its amount: under 1 000 €, 1 000 € to under
10 000 €, 10 000 € and more.
"""

from __future__ import annotations

from decimal import Decimal

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# model label: (date field, amount field or None)
LIST_FILTERS: dict[str, tuple[str, str | None]] = {
    "orders.order": ("placed_at", "total_ttc"),
    "orders.quote": ("issued_at", "total_ht"),
    "orders.shipment": ("shipped_on", None),
    "orders.complaint": ("created_at", None),
    "billing.invoice": ("issue_date", "total_ttc"),
    "billing.creditnote": ("issue_date", "total_ttc"),
    "billing.payment": ("received_on", "amount"),
    "billing.bankstatementline": ("booking_date", "amount"),
    "returns.returnrequest": ("requested_at", None),
}

# (parameter value, label, lowest amount included, highest amount excluded)
AMOUNT_BANDS = (
    ("0-1000", _("moins de 1 000 €"), None, Decimal("1000")),
    ("1000-10000", _("de 1 000 € à moins de 10 000 €"), Decimal("1000"), Decimal("10000")),
    ("10000-", _("10 000 € et plus"), Decimal("10000"), None),
)


class AmountFilter(admin.SimpleListFilter):
    """Rows whose `field` falls in the chosen band."""

    field = ""

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _low, _high in AMOUNT_BANDS]

    def queryset(self, request, queryset):
        for value, _label, low, high in AMOUNT_BANDS:
            if value == self.value():
                if low is not None:
                    queryset = queryset.filter(**{f"{self.field}__gte": low})
                if high is not None:
                    queryset = queryset.filter(**{f"{self.field}__lt": high})
        return queryset


def amount_filter(model, field: str) -> type[AmountFilter]:
    label = model._meta.get_field(field).verbose_name
    return type(
        f"{model.__name__}AmountFilter",
        (AmountFilter,),
        {"field": field, "title": label, "parameter_name": f"{field}_tranche"},
    )


def list_filters_install(site: admin.AdminSite) -> None:
    """Add the date and amount filters to the registered lists that lack them."""
    for label, (date_field, amount_field) in LIST_FILTERS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model_admin = site._registry.get(model)
        if model_admin is None:
            continue
        added: list = []
        if date_field not in model_admin.list_filter:
            added.append(date_field)
        if amount_field is not None:
            added.append(amount_filter(model, amount_field))
        model_admin.list_filter = (*model_admin.list_filter, *added)
