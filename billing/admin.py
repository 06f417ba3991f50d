"""Billing in the staff admin."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from billing.models import BelgianCommercialRate, EcbRefinancingRate, FrenchLegalRate
from billing.selectors import rate_tables_missing
from core.jobs import business_today

# --- late payment: rate tables (docs/rules/late-payment.md) --------------------------------


class RateAdmin(admin.ModelAdmin):
    """A rate table: staff enter each new period; pghistory keeps every value, who and when."""

    readonly_fields = ("history",)

    @admin.display(description=_("Historique"))
    def history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        query = urlencode({"method": "tracks", "obj": f"{obj._meta.label}:{obj.pk}"})
        url = f"{reverse('admin:pghistory_events_changelist')}?{query}"
        return format_html('<a href="{}">{}</a>', url, _("Voir l'historique des modifications"))

    def changelist_view(self, request, extra_context=None):
        for error in rate_tables_missing(on=business_today()):
            messages.warning(request, error.message)
        return super().changelist_view(request, extra_context)


@admin.register(FrenchLegalRate)
class FrenchLegalRateAdmin(RateAdmin):
    list_display = ("year", "half", "rate")
    fields = ("year", "half", "rate", "history")


@admin.register(BelgianCommercialRate)
class BelgianCommercialRateAdmin(RateAdmin):
    list_display = ("year", "half", "rate")
    fields = ("year", "half", "rate", "history")


@admin.register(EcbRefinancingRate)
class EcbRefinancingRateAdmin(RateAdmin):
    list_display = ("effective_from", "rate")
    fields = ("effective_from", "rate", "history")
