"""Payments in the staff admin (imported by billing.admin): payments and provider events
read-only, payments recorded by hand (transfer, cheque, cash on delivery), a payment's
credit allocated to invoices or refunded, bank statements imported, their proposals
confirmed and the other lines allocated by hand (docs/rules/payments.md)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.account_statement import account_statement, account_statement_pdf
from billing.forms import StatementPeriodForm
from billing.models import (
    BankStatement,
    BankStatementLine,
    Invoice,
    LineStatus,
    Payment,
    PaymentAllocation,
    ProviderEvent,
)
from billing.services.allocations import (
    STAFF_METHODS,
    payment_allocate_many,
    payment_credit_refund,
    payment_record,
    payment_unallocated,
)
from billing.services.statements import (
    statement_import,
    statement_line_allocate,
    statement_line_confirm,
)
from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import Actor
from core.errors import BusinessError
from core.forms import add_business_error
from core.jobs import business_today
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
    cod_fee_ht = forms.DecimalField(
        label=_("Frais de contre-remboursement à facturer (HT)"),
        max_digits=10,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Seulement pour un contre-remboursement, si les CGV les facturent."),
    )


class AllocationsField(forms.CharField):
    """Lines "FA-2026-000001 120,00": an invoice number, then the amount allocated to it."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.Textarea(attrs={"rows": 4, "placeholder": "FA-2026-000001 120,00"}),
            help_text=_("Une facture par ligne : son numéro puis le montant affecté."),
            **kwargs,
        )

    def clean(self, value):
        rows = []
        for row, text in enumerate(super().clean(value).splitlines(), start=1):
            if not text.strip():
                continue
            try:
                number, amount_text = text.split(maxsplit=1)
                amount = Decimal("".join(amount_text.replace("€", "").split()).replace(",", "."))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Ligne %(row)s illisible : écrivez le numéro de facture puis le montant.")
                    % {"row": row}
                ) from None
            rows.append((number.upper(), amount))
        invoices = Invoice.objects.in_bulk([number for number, _a in rows], field_name="number")
        missing = [number for number, _a in rows if number not in invoices]
        if missing:
            raise forms.ValidationError(
                _("Facture inconnue : %(numbers)s.") % {"numbers": ", ".join(missing)}
            )
        return [(invoices[number], amount) for number, amount in rows]


class PaymentAllocateForm(forms.Form):
    allocations = AllocationsField(label=_("Affectations"))


class LineAllocateForm(forms.Form):
    company = forms.ModelChoiceField(
        queryset=Company.objects.order_by("legal_name"), label=_("Client")
    )
    allocations = AllocationsField(label=_("Affectations"), required=False)


class AccountStatementForm(StatementPeriodForm):
    company = forms.ModelChoiceField(
        queryset=Company.objects.order_by("legal_name"), label=_("Client")
    )

    field_order = ["company", "date_from", "date_to"]


class CreditRefundForm(forms.Form):
    amount = forms.DecimalField(label=_("Montant remboursé"), max_digits=14, decimal_places=2)
    refunded_on = forms.DateField(label=_("Remboursé le"))
    reference = forms.CharField(label=_("Référence du virement"), max_length=64)


def _staff_form(admin_site, request, *, form, title, summary, submit_label, opts):
    context = {
        **admin_site.each_context(request),
        "form": form,
        "title": title,
        "summary": summary,
        "submit_label": submit_label,
        "opts": opts,
    }
    return TemplateResponse(request, "admin/billing/staff_form.html", context)


def _single(modeladmin, request, queryset, url_name: str):
    if queryset.count() != 1:
        modeladmin.message_user(request, _("Choisissez une seule ligne."), messages.ERROR)
        return None
    return redirect(url_name, queryset.get().pk)


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
    actions = ["allocate_credit", "refund_credit"]

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
            path(
                "releve-de-compte/",
                self.admin_site.admin_view(self.account_statement_view),
                name="billing_payment_account_statement",
            ),
            path(
                "<int:pk>/affecter/",
                self.admin_site.admin_view(self.allocate_view),
                name="billing_payment_allocate",
            ),
            path(
                "<int:pk>/rembourser/",
                self.admin_site.admin_view(self.refund_view),
                name="billing_payment_refund",
            ),
            *super().get_urls(),
        ]

    def account_statement_view(self, request):
        """A company's statement of account, as a page, or a PDF with `?pdf=1`."""
        if not self.has_view_permission(request):
            return redirect("admin:index")
        form = AccountStatementForm(request.GET or None)
        statement = None
        if form.is_valid():
            date_from, date_to = form.period(business_today())
            statement = account_statement(
                company=form.cleaned_data["company"], date_from=date_from, date_to=date_to
            )
            if request.GET.get("pdf"):
                response = HttpResponse(
                    account_statement_pdf(statement), content_type="application/pdf"
                )
                response["Content-Disposition"] = 'attachment; filename="releve-de-compte.pdf"'
                return response
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "statement": statement,
            "pdf_url": f"?{request.GET.urlencode()}&pdf=1",
            "title": _("Relevé de compte d'un client"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/account_statement.html", context)

    @admin.action(description=_("Affecter le crédit à des factures"))
    def allocate_credit(self, request, queryset):
        return _single(self, request, queryset, "admin:billing_payment_allocate")

    @admin.action(description=_("Rembourser le crédit au client"))
    def refund_credit(self, request, queryset):
        return _single(self, request, queryset, "admin:billing_payment_refund")

    def _credit_summary(self, payment: Payment) -> str:
        return _("%(payment)s — %(company)s ; crédit disponible : %(left)s.") % {
            "payment": payment,
            "company": payment.company,
            "left": format_eur(payment_unallocated(payment=payment)),
        }

    def allocate_view(self, request, pk: int):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        payment = get_object_or_404(Payment.objects.select_related("company"), pk=pk)
        form = PaymentAllocateForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                payment_allocate_many(
                    payment=payment,
                    allocations=form.cleaned_data["allocations"],
                    actor=Actor.of_user(request.user),
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                messages.success(request, _("Affectations enregistrées."))
                return redirect("admin:billing_payment_change", payment.pk)
        return _staff_form(
            self.admin_site,
            request,
            form=form,
            title=_("Affecter un paiement"),
            summary=self._credit_summary(payment),
            submit_label=_("Affecter"),
            opts=self.model._meta,
        )

    def refund_view(self, request, pk: int):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        payment = get_object_or_404(Payment.objects.select_related("company"), pk=pk)
        form = CreditRefundForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                payment_credit_refund(
                    payment=payment, actor=Actor.of_user(request.user), **form.cleaned_data
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                messages.success(request, _("Remboursement enregistré."))
                return redirect("admin:billing_payment_change", payment.pk)
        return _staff_form(
            self.admin_site,
            request,
            form=form,
            title=_("Rembourser le crédit d'un paiement"),
            summary=self._credit_summary(payment),
            submit_label=_("Rembourser"),
            opts=self.model._meta,
        )

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
    actions = ["confirm_proposals", "allocate_by_hand"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/affecter/",
                self.admin_site.admin_view(self.allocate_view),
                name="billing_bankstatementline_allocate",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Affecter à la main"))
    def allocate_by_hand(self, request, queryset):
        return _single(self, request, queryset, "admin:billing_bankstatementline_allocate")

    def allocate_view(self, request, pk: int):
        if not request.user.has_perm("billing.add_payment"):
            return redirect("admin:index")
        line = get_object_or_404(BankStatementLine, pk=pk)
        form = LineAllocateForm(request.POST or None, initial={"company": line.company_id})
        if request.method == "POST" and form.is_valid():
            try:
                statement_line_allocate(
                    line=line,
                    company=form.cleaned_data["company"],
                    allocations=form.cleaned_data["allocations"],
                    actor=Actor.of_user(request.user),
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                messages.success(request, _("Ligne affectée."))
                return redirect("admin:billing_bankstatementline_changelist")
        return _staff_form(
            self.admin_site,
            request,
            form=form,
            title=_("Affecter une ligne de relevé"),
            summary=f"{line} — {line.structured_reference or line.free_text}",
            submit_label=_("Affecter"),
            opts=self.model._meta,
        )

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
