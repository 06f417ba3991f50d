"""Late payment in the staff admin: penalties (with staff actions through services), arrears,
the reminder schedule, the opening-balance import and the receivables (ageing, CSV).

Imported by `billing.admin`, so the admin's autodiscovery registers these screens.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from billing.forms import AsOfForm, OpenItemsImportForm, PenaltyWaiverForm
from billing.models import CompanyArrears, DunningNotice, DunningStep, InvoicePenalty
from billing.receivables_csv import receivables_csv_write
from billing.selectors import rate_tables_missing, receivables_ageing, receivables_as_of
from billing.services.arrears import company_prepayment_require
from billing.services.opening_balances import (
    INVOICE_COLUMNS,
    PAYMENT_COLUMNS,
    OpenItemsRejected,
    open_items_import,
)
from billing.services.penalty_actions import (
    invoice_penalty_bill,
    invoice_penalty_send_to_collection,
    invoice_penalty_waive,
)
from billing.services.termination import sale_terminate
from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import Actor
from core.errors import BusinessError
from core.jobs import business_today


class RateMissingFilter(admin.SimpleListFilter):
    title = _("taux manquant")
    parameter_name = "rate_missing"

    def lookups(self, request, model_admin):
        return (("yes", _("Pénalités arrêtées : taux à saisir")),)

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(rate_missing_table="")
        return queryset


@admin.register(InvoicePenalty)
class InvoicePenaltyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Penalties accrued by the daily job, shown live; staff actions go through services."""

    list_display = (
        "invoice",
        "company",
        "overdue_since",
        "as_of",
        "days_late_today",
        "interest_today",
        "recovery_indemnity",
        "collection_fee",
        "litigation_penalty",
        "rate_missing_table",
        "waived_at",
    )
    list_filter = (RateMissingFilter, "waived_at", "litigation_on")
    search_fields = ("invoice__number", "invoice__company__legal_name")
    list_select_related = ("invoice", "invoice__company")
    actions = ("send_to_collection", "bill_penalties", "waive_penalties", "terminate_sale")
    change_list_template = "admin/billing/invoicepenalty/change_list.html"

    @admin.display(description=_("entreprise"))
    def company(self, obj):
        return obj.invoice.company

    @admin.display(description=_("jours de retard"))
    def days_late_today(self, obj):
        return obj.amounts_on(business_today()).days_late

    @admin.display(description=_("intérêts de retard"))
    def interest_today(self, obj):
        return obj.amounts_on(business_today()).interest

    def changelist_view(self, request, extra_context=None):
        missing = InvoicePenalty.objects.exclude(rate_missing_table="").count()
        if missing:
            messages.warning(
                request,
                _(
                    "%(count)s facture(s) en retard sans pénalités calculées : un taux manque "
                    "(filtre « taux manquant »)."
                )
                % {"count": missing},
            )
        for error in rate_tables_missing(on=business_today()):
            messages.warning(request, error.message)
        return super().changelist_view(request, extra_context)

    def _each(self, request, queryset, service, done_message):
        done = 0
        for penalty in queryset.select_related("invoice", "invoice__terms"):
            try:
                if service(penalty) is not False:
                    done += 1
            except BusinessError as error:
                messages.error(request, f"{penalty.invoice.number} : {error.message}")
        if done:
            messages.success(request, done_message % {"count": done})

    def has_manage_penalties_permission(self, request):
        return request.user.has_perm("billing.manage_penalties")

    @admin.action(
        description=_("Transmettre au recouvrement contentieux (clause pénale)"),
        permissions=["manage_penalties"],
    )
    def send_to_collection(self, request, queryset):
        today = business_today()
        self._each(
            request,
            queryset,
            lambda p: invoice_penalty_send_to_collection(penalty=p, on=today, user=request.user),
            _("%(count)s créance(s) transmise(s) au contentieux."),
        )

    @admin.action(
        description=_("Facturer les pénalités (hors du champ de la TVA)"),
        permissions=["manage_penalties"],
    )
    def bill_penalties(self, request, queryset):
        today = business_today()
        actor = Actor.of_user(request.user)
        self._each(
            request,
            queryset,
            lambda p: invoice_penalty_bill(penalty=p, on=today, actor=actor) is not None,
            _("%(count)s facture(s) de pénalités émise(s)."),
        )

    @admin.action(
        description=_("Abandonner les pénalités (motif requis)"), permissions=["manage_penalties"]
    )
    def waive_penalties(self, request, queryset):
        form = PenaltyWaiverForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            self._each(
                request,
                queryset,
                lambda p: invoice_penalty_waive(penalty=p, reason=reason, user=request.user),
                _("Pénalités abandonnées pour %(count)s facture(s)."),
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Abandonner les pénalités"),
            "form": form,
            "queryset": queryset,
            "totals": [
                (penalty, penalty.amounts_on(business_today()).total)
                for penalty in queryset.select_related("invoice")
            ],
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/billing/invoicepenalty/waive.html", context)

    @admin.action(
        description=_("Résoudre la vente (mise en demeure restée sans effet)"),
        permissions=["manage_penalties"],
    )
    def terminate_sale(self, request, queryset):
        for penalty in queryset.select_related("invoice"):
            try:
                cancelled = sale_terminate(invoice=penalty.invoice, user=request.user)
            except BusinessError as error:
                messages.error(request, f"{penalty.invoice.number} : {error.message}")
                continue
            messages.success(
                request,
                _("%(number)s : vente résolue, %(orders)s commande(s) annulée(s).")
                % {"number": penalty.invoice.number, "orders": cancelled},
            )

    def get_urls(self):
        custom = [
            path("ageing/", self.admin_site.admin_view(self.ageing_view), name="billing_ageing"),
            path(
                "receivables.csv",
                self.admin_site.admin_view(self.export_view),
                name="billing_receivables_export",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="billing_open_items_import",
            ),
        ]
        return custom + super().get_urls()

    def ageing_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = AsOfForm(request.GET or None)
        as_of = form.day(business_today())
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Balance âgée des créances"),
            "form": form,
            "as_of": as_of,
            "buckets": receivables_ageing(as_of=as_of),
        }
        return TemplateResponse(request, "admin/billing/invoicepenalty/ageing.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        as_of = AsOfForm(request.GET or None).day(business_today())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="creances-{as_of:%Y-%m-%d}.csv"'
        receivables_csv_write(receivables=receivables_as_of(as_of=as_of), out=response)
        return response

    def import_view(self, request):
        if not request.user.has_perm("billing.import_open_items"):
            raise PermissionDenied
        errors = []
        if request.method == "POST":
            form = OpenItemsImportForm(request.POST, request.FILES)
            if form.is_valid():
                payments = form.cleaned_data["payments"]
                try:
                    report = open_items_import(
                        invoices_csv=form.cleaned_data["invoices"].read().decode("utf-8"),
                        payments_csv=payments.read().decode("utf-8") if payments else None,
                        actor=Actor.of_user(request.user),
                    )
                except UnicodeDecodeError:
                    errors = [_("Les fichiers doivent être encodés en UTF-8.")]
                except OpenItemsRejected as rejected:
                    errors = [str(error) for error in rejected.report.errors]
                else:
                    messages.success(
                        request,
                        _(
                            "Reprise terminée : %(invoices)s facture(s) et %(payments)s "
                            "paiement(s) créés, %(companies)s client(s) créé(s) à compléter."
                        )
                        % {
                            "invoices": report.invoices_created,
                            "payments": report.payments_created,
                            "companies": report.companies_created,
                        },
                    )
                    return redirect("admin:billing_invoicepenalty_changelist")
        else:
            form = OpenItemsImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reprise des créances ouvertes (CSV)"),
            "form": form,
            "errors": errors,
            "invoice_columns": ";".join(INVOICE_COLUMNS),
            "payment_columns": ";".join(PAYMENT_COLUMNS),
        }
        return TemplateResponse(request, "admin/billing/invoicepenalty/import.html", context)


@admin.register(CompanyArrears)
class CompanyArrearsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("company", "suspended", "suspended_since", "released_on", "first_incident_on")
    list_filter = ("suspended",)
    actions = ("require_prepayment",)

    def has_manage_commercial_settings_permission(self, request):
        return request.user.has_perm("accounts.manage_commercial_settings")

    @admin.action(
        description=_("Exiger le paiement d'avance (après incident de paiement)"),
        permissions=["manage_commercial_settings"],
    )
    def require_prepayment(self, request, queryset):
        for arrears in queryset.select_related("company"):
            try:
                company_prepayment_require(company=arrears.company, user=request.user)
            except BusinessError as error:
                messages.error(request, f"{arrears.company} : {error.message}")
            else:
                messages.success(
                    request,
                    _("%(company)s : paiement d'avance exigé.") % {"company": arrears.company},
                )


@admin.register(DunningStep)
class DunningStepAdmin(admin.ModelAdmin):
    """The seller's reminder schedule; without any step the default one applies."""

    list_display = ("seller", "offset_days", "kind", "term_hours")


@admin.register(DunningNotice)
class DunningNoticeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("invoice", "kind", "offset_days", "on", "skipped", "term_ends_at")
    list_filter = ("kind", "skipped")
    search_fields = ("invoice__number",)
