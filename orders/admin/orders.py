"""Orders in the admin: read only (they change through their services)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.audit import audit_history_html
from orders.models import Order, OrderLine


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "reference",
        "designation",
        "quantity",
        "unit_price_ht",
        "vat_rate",
        "line_total_ht",
        "quantity_reserved",
        "quantity_backordered",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "company",
        "status",
        "hold_code",
        "payment_method",
        "payment_term",
        "total_ht",
        "total_ttc",
        "placed_at",
    )
    list_filter = ("status", "hold_code", "payment_term", "payment_method")
    search_fields = ("number", "company__legal_name", "quote__number")
    list_select_related = ("company",)
    inlines = [OrderLineInline]
    readonly_fields = (
        "number",
        "company",
        "quote",
        "terms",
        "status",
        "hold_code",
        "hold_detail",
        "payment_method",
        "payment_term",
        "deferred_days",
        "delivery_address",
        "goods_ht",
        "total_ht",
        "total_vat",
        "total_ttc",
        "placed_at",
        "placed_by",
        "acknowledged_at",
        "audit",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("historique des statuts"))
    def audit(self, obj):
        return audit_history_html(obj)
