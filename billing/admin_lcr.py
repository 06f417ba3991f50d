"""LCR drafts and payment incidents in the staff admin (imported by billing.admin).

Staff record what happened to a draft on the day they learn it (returned accepted, paid
or rejected by the bank); the daily job handles drafts not returned in time. A payment
incident lets staff require prepayment where the Terms allow it (docs/rules/payments.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from billing.models import LcrDraft, PaymentIncident
from billing.services.arrears import company_prepayment_require
from billing.services.lcr import lcr_paid_record, lcr_reject, lcr_return_record
from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import Actor
from core.errors import BusinessError
from core.jobs import business_today
from core.money import format_eur


def _each(request, queryset, action: Callable, done) -> None:
    today, actor = business_today(), Actor.of_user(request.user)
    for draft in queryset.order_by("pk"):
        try:
            action(draft, today, actor)
        except BusinessError as error:
            messages.error(request, f"{draft} : {error.message}")
        else:
            messages.success(request, f"{draft} : {done}")


@admin.register(LcrDraft)
class LcrDraftAdmin(admin.ModelAdmin):
    list_display = (
        "invoice",
        "company",
        "amount_display",
        "sent_on",
        "return_by",
        "maturity_date",
        "status",
        "returned_on",
        "settled_on",
        "fee_invoice",
    )
    list_filter = ("status",)
    search_fields = ("invoice__number", "company__legal_name")
    readonly_fields = [f.name for f in LcrDraft._meta.fields]
    actions = ("record_returned", "record_paid", "record_rejected")

    @admin.display(description=_("montant"), ordering="amount")
    def amount_display(self, obj: LcrDraft) -> str:
        return format_eur(obj.amount)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retournée acceptée aujourd'hui"))
    def record_returned(self, request, queryset):
        _each(
            request,
            queryset,
            lambda d, day, actor: lcr_return_record(draft=d, returned_on=day, actor=actor),
            _("retour accepté enregistré."),
        )

    @admin.action(description=_("Payée par la banque aujourd'hui"))
    def record_paid(self, request, queryset):
        _each(
            request,
            queryset,
            lambda d, day, actor: lcr_paid_record(draft=d, paid_on=day, actor=actor),
            _("paiement enregistré et affecté à la facture."),
        )

    @admin.action(description=_("Rejetée par la banque aujourd'hui (frais facturés)"))
    def record_rejected(self, request, queryset):
        _each(
            request,
            queryset,
            lambda d, day, actor: lcr_reject(draft=d, rejected_on=day, actor=actor),
            _("rejet enregistré, frais facturés selon les CGV, incident de paiement noté."),
        )


@admin.register(PaymentIncident)
class PaymentIncidentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("occurred_on", "company", "kind", "invoice", "lcr", "recorded_by")
    list_filter = ("kind",)
    search_fields = ("company__legal_name", "invoice__number")
    readonly_fields = [f.name for f in PaymentIncident._meta.fields]
    actions = ("require_prepayment",)

    def has_manage_commercial_settings_permission(self, request):
        return request.user.has_perm("accounts.manage_commercial_settings")

    @admin.action(
        description=_("Exiger le paiement d'avance (après incident de paiement)"),
        permissions=["manage_commercial_settings"],
    )
    def require_prepayment(self, request, queryset):
        for company in {incident.company for incident in queryset.select_related("company")}:
            try:
                company_prepayment_require(company=company, user=request.user)
            except BusinessError as error:
                messages.error(request, f"{company} : {error.message}")
            else:
                messages.success(
                    request, _("%(company)s : paiement d'avance exigé.") % {"company": company}
                )
