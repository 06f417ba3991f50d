"""Billing in the staff admin.

Invoices, credit notes and settlements are read-only here (the "Comptabilité" group reads
them): they are issued by the services and corrected only by credit notes.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from billing.models import (
    BelgianCommercialRate,
    CreditNote,
    CreditNoteLine,
    EcbRefinancingRate,
    FrenchLegalRate,
    Invoice,
    InvoiceLine,
    InvoiceSettlement,
)
from billing.presentation import penalty_text
from billing.selectors import ReceivableStatus, invoice_receivable, rate_tables_missing
from core.admin_read_only import ReadOnlyAdminMixin
from core.jobs import business_today
from core.money import format_eur

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


# --- invoices and credit notes (docs/rules/invoices.md) ------------------------------------


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


LINE_FIELDS = (
    "position",
    "kind",
    "reference",
    "designation",
    "quantity",
    "unit_price_ht",
    "vat_rate",
    "line_total_ht",
    "serial_numbers",
)


class InvoiceLineInline(ReadOnlyInline):
    model = InvoiceLine
    fields = readonly_fields = LINE_FIELDS


class InvoiceSettlementInline(ReadOnlyInline):
    model = InvoiceSettlement
    fields = readonly_fields = ("on", "amount", "source", "source_id", "recorded_by")


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "issue_date",
        "buyer_name",
        "kind",
        "total_ttc_display",
        "amount_due_display",
        "due_date",
        "status",
    )
    list_filter = ("status", "kind", "issue_date")
    search_fields = ("number", "buyer_name", "buyer_siren", "order_reference")
    date_hierarchy = "issue_date"
    inlines = (InvoiceLineInline, InvoiceSettlementInline)
    list_select_related = ("company",)
    readonly_fields = ("penalties_today",)

    @admin.display(description=_("pénalités de retard à ce jour"))
    def penalties_today(self, obj: Invoice) -> str:
        """Computed live as of today, like the customer's invoice page, with the rate."""
        today = business_today()
        receivable = invoice_receivable(invoice=obj, as_of=today)
        terms = penalty_text(terms=obj.terms, due_date=obj.due_date)
        if receivable is None or receivable.status == ReceivableStatus.NOT_DUE:
            summary = _("aucune : pas en retard au %(day)s") % {"day": f"{today:%d/%m/%Y}"}
        elif receivable.status == ReceivableStatus.RATE_MISSING:
            summary = _("non calculées : taux manquant (voir les tables de taux)")
        else:
            summary = _(
                "au %(day)s, %(days)s jours de retard : intérêts %(interest)s, indemnité "
                "%(indemnity)s, frais d'encaissement %(fee)s, clause pénale %(litigation)s, "
                "total %(total)s"
            ) % {
                "day": f"{today:%d/%m/%Y}",
                "days": receivable.days_late,
                "interest": format_eur(receivable.interest_accrued),
                "indemnity": format_eur(receivable.recovery_indemnity),
                "fee": format_eur(receivable.collection_fee),
                "litigation": format_eur(receivable.litigation_penalty),
                "total": format_eur(receivable.penalties),
            }
        return format_html(
            '<span id="penalties-today">{}</span><br><small>{}</small>', summary, terms
        )

    @admin.display(description=_("total TTC"), ordering="total_ttc")
    def total_ttc_display(self, obj: Invoice) -> str:
        return format_eur(obj.total_ttc)

    @admin.display(description=_("reste dû"))
    def amount_due_display(self, obj: Invoice) -> str:
        return format_eur(obj.amount_due)


class CreditNoteLineInline(ReadOnlyInline):
    model = CreditNoteLine
    fields = readonly_fields = LINE_FIELDS


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "issue_date",
        "buyer_name",
        "cause",
        "invoice_number",
        "total_ttc",
        "amount_used",
        "expires_on",
        "status",
    )
    list_filter = ("status", "cause", "issue_date")
    search_fields = ("number", "buyer_name", "invoice_number", "order_reference")
    date_hierarchy = "issue_date"
    inlines = (CreditNoteLineInline,)


# --- screens in their own modules: late payment; payments, allocations, bank statements ---
from billing import (  # noqa: E402, F401
    admin_exports,
    admin_instalments,
    admin_lcr,
    admin_payments,
    late_payment_admin,
)
