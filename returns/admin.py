"""After-sales back office: the queue of returns by status and age, and the decisions on
each (approve, approve in part, refuse, record the parcel, decide, process, close), each
a thin view over a service; nothing is edited by hand."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.audit import Actor, audit_history_html
from core.calendar import localdate
from core.documents import document_response
from core.errors import BusinessError
from core.forms import add_business_error
from returns.documents import return_form_pdf_response
from returns.forms import (
    OUTCOME_CHOICES,
    AuthoriseForm,
    DecideForm,
    IntakeForm,
    RefuseForm,
    serials_parse,
)
from returns.models import LineDecision, ReturnLine, ReturnPhoto, ReturnRequest, ReturnStatus
from returns.selectors import queue_since
from returns.services import (
    IntakeLineInput,
    LineOutcomeInput,
    return_authorise,
    return_close,
    return_decide,
    return_goods_collected,
    return_intake_record,
    return_process,
    return_refuse,
)
from shop.models.terms_choices import RmaDeadlineMode

HANDLE = "returns.handle_returns"


class ReturnLineInline(admin.TabularInline):
    model = ReturnLine
    extra = 0
    can_delete = False
    fields = (
        "invoice_line",
        "quantity",
        "serial_numbers",
        "reason",
        "description",
        "discovered_on",
        "coverage_rule",
        "covered_until",
        "decision",
        "refusal_reason",
        "serials_received",
        "diagnosis",
        "outcome",
        "credit_ht",
        "photo_links",
    )
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photos"))
    def photo_links(self, line):
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (
                    reverse("admin:returns_returnrequest_photo", args=[line.request_id, photo.pk]),
                    photo.document.filename,
                )
                for photo in line.photos.select_related("document")
            ),
        )


# (parameter value, label, fewest days, most days or None): bands of the queue's age.
AGE_BANDS = (
    ("0-6", _("moins de 7 jours"), 0, 6),
    ("7-14", _("7 à 14 jours"), 7, 14),
    ("15-30", _("15 à 30 jours"), 15, 30),
    ("31-", _("plus de 30 jours"), 31, None),
)


class AgeFilter(admin.SimpleListFilter):
    """Returns by the days they have waited (see `returns.selectors.queue_since`)."""

    title = _("âge")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _fewest, _most in AGE_BANDS]

    def queryset(self, request, queryset):
        today = localdate(timezone.now())
        for value, _label, fewest, most in AGE_BANDS:
            if value == self.value():
                queryset = queryset.filter(queue_since__lte=today - timedelta(days=fewest))
                if most is not None:
                    queryset = queryset.filter(queue_since__gte=today - timedelta(days=most))
        return queryset


@admin.register(ReturnRequest)
class ReturnRequestAdmin(admin.ModelAdmin):
    change_form_template = "admin/returns/returnrequest/change_form.html"
    list_display = (
        "__str__",
        "company",
        "status",
        "requested_at",
        "age_days",
        "arrival_deadline",
        "received_on",
    )
    list_filter = ("status", AgeFilter)
    search_fields = ("rma_number", "company__legal_name", "lines__invoice_line__invoice__number")
    ordering = ("requested_at",)
    inlines = [ReturnLineInline]
    exclude = ("requested_by",)
    readonly_fields = (
        "company",
        "terms",
        "status",
        "requested_at",
        "rma_number",
        "authorised_on",
        "arrival_deadline",
        "return_address",
        "refusal_reason",
        "received_on",
        "packaging_ok",
        "intake_notes",
        "customer_caused",
        "packaging_fee_ht",
        "handling_fee_ht",
        "reshipping_fee_ht",
        "fees_deducted",
        "decided_on",
        "goods_to_collect_until",
        "goods_collected_on",
        "goods_forfeited_on",
        "history",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(queue_since=queue_since())

    @admin.display(description=_("âge (jours)"), ordering="queue_since")
    def age_days(self, obj):
        """Days since the request, or since the authorisation while the parcel is awaited."""
        return (localdate(timezone.now()) - obj.queue_since).days

    @admin.display(description=_("historique"))
    def history(self, obj):
        return audit_history_html(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        found = self.get_object(request, object_id)
        may = request.user.has_perm(HANDLE)
        status = found.status if found else None
        extra_context = {
            **(extra_context or {}),
            "may_handle": may,
            "can_decide_request": may and status == ReturnStatus.REQUESTED,
            "can_intake": may
            and status in (ReturnStatus.AUTHORISED, ReturnStatus.PARTLY_AUTHORISED),
            "can_decide": may and status == ReturnStatus.RECEIVED,
            "can_process": may and status == ReturnStatus.DECIDED,
            "can_close": may and status == ReturnStatus.PROCESSED,
            "can_collect": may
            and found is not None
            and found.goods_to_collect_until is not None
            and found.goods_collected_on is None
            and found.goods_forfeited_on is None,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- staff actions ----------------------------------------------------------------------

    def get_urls(self):
        def view(func, name):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(func),
                name=f"returns_returnrequest_{name}",
            )

        return [
            view(self.authorise_view, "authorise"),
            view(self.refuse_view, "refuse"),
            view(self.intake_view, "intake"),
            view(self.decide_view, "decide"),
            view(self.process_view, "process"),
            view(self.close_view, "close"),
            view(self.collected_view, "collected"),
            view(self.form_pdf_view, "form_pdf"),
            path(
                "<int:pk>/photo/<int:photo>/",
                self.admin_site.admin_view(self.photo_view),
                name="returns_returnrequest_photo",
            ),
            *super().get_urls(),
        ]

    def _get(self, request, pk) -> ReturnRequest:
        if not request.user.has_perm(HANDLE):
            raise PermissionDenied
        found = ReturnRequest.objects.select_related("company", "terms").filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def _back(self, pk):
        return HttpResponseRedirect(reverse("admin:returns_returnrequest_change", args=[pk]))

    def _page(self, request, rma, template, title, **context):
        return TemplateResponse(
            request,
            f"admin/returns/returnrequest/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": rma,
                "title": title,
                "lines": rma.lines.select_related("invoice_line__invoice"),
                **context,
            },
        )

    def _run(self, request, pk, action, success, form=None):
        """Run `action`; a BusinessError goes back to the form (or the change page)."""
        try:
            action()
        except BusinessError as error:
            if form is not None:
                add_business_error(form, error)
                return None
            self.message_user(request, error.message, level=messages.ERROR)
            return self._back(pk)
        self.message_user(request, success, level=messages.SUCCESS)
        return self._back(pk)

    def _form_page(self, request, rma, form, *, action, title, success, run, **context):
        """The page of one form action: on a valid POST, `run(cleaned_data)`, then back to
        the return; a BusinessError is shown on the form, the input kept."""
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            response = self._run(request, rma.pk, lambda: run(data), success, form)
            if response:
                return response
        return self._page(
            request, rma, "action_form.html", title, form=form, action=action, **context
        )

    def authorise_view(self, request, pk):
        rma = self._get(request, pk)
        lines = list(rma.lines.select_related("invoice_line__invoice"))
        form = AuthoriseForm(request.POST if request.method == "POST" else None)
        for line in lines:
            form.fields[f"refuse_{line.pk}"] = forms.CharField(
                label=_("Refuser %(line)s : motif") % {"line": line}, required=False
            )
        return self._form_page(
            request,
            rma,
            form,
            action="authorise",
            title=_("Autoriser le retour"),
            success=_("Retour autorisé : numéro, adresse et date limite envoyés au client."),
            run=lambda data: return_authorise(
                request=rma,
                actor=Actor.of_user(request.user),
                on=localdate(timezone.now()),
                refused_lines={
                    line.pk: data[f"refuse_{line.pk}"]
                    for line in lines
                    if data[f"refuse_{line.pk}"].strip()
                },
                deadline=data["deadline"],
            ),
            staff_deadline=rma.terms.rma_deadline_mode == RmaDeadlineMode.STAFF_SET,
        )

    def refuse_view(self, request, pk):
        rma = self._get(request, pk)
        form = RefuseForm(request.POST if request.method == "POST" else None)
        return self._form_page(
            request,
            rma,
            form,
            action="refuse",
            title=_("Refuser la demande"),
            success=_("Demande refusée ; le client en est averti."),
            run=lambda data: return_refuse(
                request=rma, actor=Actor.of_user(request.user), reason=data["reason"]
            ),
        )

    def intake_view(self, request, pk):
        rma = self._get(request, pk)
        lines = list(rma.lines.filter(decision=LineDecision.AUTHORISED))
        form = IntakeForm(
            request.POST if request.method == "POST" else None,
            initial={"received_on": localdate(timezone.now())},
        )
        for line in lines:
            form.fields[f"line_{line.pk}_serials"] = forms.CharField(
                label=_("%(line)s : numéros de série reçus") % {"line": line},
                required=False,
                initial=" ".join(line.serial_numbers),
            )
            form.fields[f"line_{line.pk}_diagnosis"] = forms.CharField(
                label=_("%(line)s : diagnostic") % {"line": line},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            form.fields[f"line_{line.pk}_modified"] = forms.BooleanField(
                label=_("%(line)s : modifié par le client") % {"line": line}, required=False
            )
        return self._form_page(
            request,
            rma,
            form,
            action="intake",
            title=_("Enregistrer la réception"),
            success=_("Réception du colis enregistrée."),
            run=lambda data: return_intake_record(
                request=rma,
                actor=Actor.of_user(request.user),
                received_on=data["received_on"],
                packaging_ok=data["packaging_ok"],
                notes=data["notes"],
                lines=[
                    IntakeLineInput(
                        line_id=line.pk,
                        serials_received=serials_parse(data[f"line_{line.pk}_serials"]),
                        diagnosis=data[f"line_{line.pk}_diagnosis"],
                        modified_by_customer=data[f"line_{line.pk}_modified"],
                    )
                    for line in lines
                ],
            ),
        )

    def decide_view(self, request, pk):
        rma = self._get(request, pk)
        lines = list(rma.lines.filter(decision=LineDecision.AUTHORISED))
        form = DecideForm(
            request.POST if request.method == "POST" else None,
            reshipping_charged=rma.terms.reshipping_charged_to_customer,
        )
        for line in lines:
            form.fields[f"line_{line.pk}_outcome"] = forms.ChoiceField(
                label=_("%(line)s : solution") % {"line": line},
                choices=OUTCOME_CHOICES,
                required=False,
            )
            form.fields[f"line_{line.pk}_value"] = forms.DecimalField(
                label=_("%(line)s : valeur à la réception (HT), pour un avoir") % {"line": line},
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=Decimal("0"),
            )
        return self._form_page(
            request,
            rma,
            form,
            action="decide",
            title=_("Décider de la solution"),
            success=_("Décision enregistrée : exécutez-la (avoir, frais, réparation)."),
            run=lambda data: return_decide(
                request=rma,
                actor=Actor.of_user(request.user),
                on=localdate(timezone.now()),
                customer_caused=data["customer_caused"],
                return_costs_ht=data["return_costs_ht"],
                reshipping_costs_ht=data.get("reshipping_costs_ht"),
                lines=[
                    LineOutcomeInput(
                        line_id=line.pk,
                        outcome=data[f"line_{line.pk}_outcome"],
                        value_at_intake_ht=data[f"line_{line.pk}_value"],
                    )
                    for line in lines
                ],
            ),
        )

    @method_decorator(require_POST)
    def process_view(self, request, pk):
        rma = self._get(request, pk)
        return self._run(
            request,
            pk,
            lambda: return_process(
                request=rma, actor=Actor.of_user(request.user), on=localdate(timezone.now())
            ),
            _("Retour traité : avoirs, factures de frais et remplacements émis."),
        )

    @method_decorator(require_POST)
    def close_view(self, request, pk):
        rma = self._get(request, pk)
        return self._run(
            request,
            pk,
            lambda: return_close(request=rma, actor=Actor.of_user(request.user)),
            _("Retour clos."),
        )

    @method_decorator(require_POST)
    def collected_view(self, request, pk):
        rma = self._get(request, pk)
        return self._run(
            request,
            pk,
            lambda: return_goods_collected(request=rma, on=localdate(timezone.now())),
            _("Reprise de la marchandise par le client enregistrée."),
        )

    def photo_view(self, request, pk, photo):
        rma = self._get(request, pk)
        found = ReturnPhoto.objects.filter(pk=photo, line__request=rma).select_related("document")
        if not found.exists():
            raise Http404
        return document_response(doc=found.get().document, as_attachment=False)

    def form_pdf_view(self, request, pk):
        rma = self._get(request, pk)
        if not rma.rma_number:
            raise Http404
        return return_form_pdf_response(request=rma)
