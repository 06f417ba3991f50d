"""Payments in the staff admin (imported by billing.admin): payments and provider events
read-only, payments recorded by hand (transfer, cheque, cash on delivery), bank
statements imported and their proposals confirmed (docs/rules/payments.md)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import (
    BankStatement,
    BankStatementLine,
    LineStatus,
    Payment,
    PaymentAllocation,
    ProviderEvent,
)
from billing.services.allocations import STAFF_METHODS, payment_record
from billing.services.statements import statement_import, statement_line_confirm
from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import Actor
from core.errors import BusinessError
from core.forms import add_business_error
from core.money import format_eur


class AllocationInline(admin.TabularInline):
    model = PaymentAllocation
    fields = ("invoice", "amount", "created_at", "created_by")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class PaymentRecordForm(forms.Form):
    company = forms.ModelChoiceField(
        queryset=Company.objects.order_by("legal_name"), label=_("Client")
    )
    method = forms.ChoiceField(
        label=_("Moyen de paiement"),
        choices=[(m.value, m.label) for m in STAFF_METHODS],
    )
    amount = forms.DecimalField(label=_("Montant"), max_digits=14, decimal_places=2)
    received_on = forms.DateField(label=_("Reçu le"))
    reference = forms.CharField(label=_("Référence (n° de chèque, libellé)"), max_length=64)
    order_reference = forms.CharField(label=_("Commande payée"), max_length=32, required=False)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "company",
        "method",
        "amount_display",
        "status",
        "order_reference",
        "received_on",
        "validated_on",
    )
    list_filter = ("status", "method")
    search_fields = ("reference", "order_reference", "company__legal_name", "provider_payment_id")
    readonly_fields = [f.name for f in Payment._meta.fields]
    inlines = [AllocationInline]

    @admin.display(description=_("montant"), ordering="amount")
    def amount_display(self, obj: Payment) -> str:
        return format_eur(obj.amount)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "enregistrer/",
                self.admin_site.admin_view(self.record_view),
                name="billing_payment_record",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:billing_payment_record")

    def record_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = PaymentRecordForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                payment = payment_record(actor=Actor.of_user(request.user), **form.cleaned_data)
            except BusinessError as error:
                add_business_error(form, error)
            else:
                messages.success(
                    request, _("Paiement n° %(id)s enregistré et validé.") % {"id": payment.pk}
                )
                return redirect("admin:billing_payment_change", payment.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Enregistrer un paiement reçu"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/payment/record.html", context)


@admin.register(ProviderEvent)
class ProviderEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("received_at", "provider", "event_id", "type", "outcome", "payment")
    list_filter = ("outcome", "type")
    search_fields = ("event_id",)
    readonly_fields = [f.name for f in ProviderEvent._meta.fields]


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=_("Relevé (CAMT.053, CODA ou CSV)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(_("Le fichier dépasse la taille autorisée."))
        return upload


@admin.register(BankStatement)
class BankStatementAdmin(admin.ModelAdmin):
    list_display = (
        "imported_at",
        "account_iban",
        "format",
        "filename",
        "lines_read",
        "lines_added",
        "lines_known",
    )
    readonly_fields = [f.name for f in BankStatement._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        form = StatementUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = statement_import(
                    content=upload.read(), filename=upload.name, user=request.user
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                statement = report.statement
                messages.success(
                    request,
                    _(
                        "%(added)s ligne(s) ajoutée(s), %(known)s déjà importée(s) ; "
                        "%(proposed)s rapprochement(s) proposé(s), %(unmatched)s à rapprocher."
                    )
                    % {
                        "added": statement.lines_added,
                        "known": statement.lines_known,
                        "proposed": report.proposed,
                        "unmatched": report.unmatched,
                    },
                )
                if report.duplicates_in_file:
                    messages.warning(
                        request,
                        _("Lignes en double dans le fichier, importées une fois : %(refs)s")
                        % {"refs": ", ".join(report.duplicates_in_file[:20])},
                    )
                url = reverse("admin:billing_bankstatementline_changelist")
                return redirect(f"{url}?statement__id__exact={statement.pk}")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Importer un relevé bancaire"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/bankstatement/import.html", context)


@admin.register(BankStatementLine)
class BankStatementLineAdmin(admin.ModelAdmin):
    list_display = (
        "booking_date",
        "amount_display",
        "payer_name",
        "structured_reference",
        "free_text",
        "status",
        "match_kind",
        "company",
        "invoice",
        "order_reference",
        "match_note",
    )
    list_filter = ("status", "match_kind", "statement")
    search_fields = ("payer_name", "free_text", "structured_reference", "entry_reference")
    readonly_fields = [f.name for f in BankStatementLine._meta.fields]
    actions = ["confirm_proposals"]

    @admin.display(description=_("montant"), ordering="amount")
    def amount_display(self, obj: BankStatementLine) -> str:
        return format_eur(obj.amount)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Confirmer les rapprochements proposés"))
    def confirm_proposals(self, request, queryset):
        confirmed = 0
        for line in queryset.filter(status=LineStatus.PROPOSED).order_by("id"):
            try:
                statement_line_confirm(line=line, actor=Actor.of_user(request.user))
            except BusinessError as error:
                self.message_user(request, f"{line}: {error.message}", messages.ERROR)
            else:
                confirmed += 1
        self.message_user(
            request, _("%(count)s rapprochement(s) confirmé(s).") % {"count": confirmed}
        )
