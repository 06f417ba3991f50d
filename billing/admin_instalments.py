"""Instalment plans in the staff admin (imported by billing.admin): staff agree a plan for
an open invoice; the daily job accelerates it when an instalment is missed."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from billing.models import Instalment, InstalmentPlan, Invoice
from billing.services.instalments import instalment_plan_agree
from core.audit import Actor
from core.errors import BusinessError
from core.forms import add_business_error


class InstalmentInline(admin.TabularInline):
    model = Instalment
    fields = ("position", "due_date", "amount", "cumulative")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class InstalmentPlanForm(forms.Form):
    invoice = forms.CharField(label=_("Facture (numéro)"), max_length=32)
    instalments = forms.CharField(
        label=_("Échéances"),
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "10/04/2026 120,00"}),
        help_text=_("Une échéance par ligne : la date (JJ/MM/AAAA) puis le montant TTC."),
    )

    def clean_invoice(self):
        number = self.cleaned_data["invoice"].strip()
        invoice = Invoice.objects.filter(number=number).first()
        if invoice is None:
            raise forms.ValidationError(_("Aucune facture ne porte ce numéro."))
        return invoice

    def clean_instalments(self):
        schedule = []
        for row, text in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not text.strip():
                continue
            try:
                day_text, amount_text = text.split(maxsplit=1)
                day = datetime.strptime(day_text, "%d/%m/%Y").date()
                amount = Decimal(amount_text.replace(" ", "").replace(",", "."))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Ligne %(row)s illisible : écrivez la date JJ/MM/AAAA puis le montant.")
                    % {"row": row}
                ) from None
            schedule.append((day, amount))
        return schedule


@admin.register(InstalmentPlan)
class InstalmentPlanAdmin(admin.ModelAdmin):
    list_display = ("invoice", "status", "agreed_by", "agreed_at", "accelerated_on")
    list_filter = ("status",)
    search_fields = ("invoice__number", "invoice__company__legal_name")
    readonly_fields = [f.name for f in InstalmentPlan._meta.fields]
    inlines = [InstalmentInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        form = InstalmentPlanForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                plan = instalment_plan_agree(
                    invoice=form.cleaned_data["invoice"],
                    schedule=form.cleaned_data["instalments"],
                    actor=Actor.of_user(request.user),
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                messages.success(request, _("Échéancier accordé."))
                return redirect("admin:billing_instalmentplan_change", plan.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Accorder un échéancier"),
            "summary": _(
                "Une échéance impayée à sa date rend exigible la totalité du solde "
                "(000 art. 4, 001 art. 7)."
            ),
            "submit_label": _("Accorder"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/billing/staff_form.html", context)
