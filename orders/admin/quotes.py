"""Quotes in the admin: the pipeline (status and value filters), drafts created from
scratch or from a customer's request, issue, revise, abandon, PDFs and verification."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.models import DeliveryAddress
from core.audit import audit_history_html
from core.documents import document_response
from core.errors import BusinessError
from core.money import format_eur
from orders.admin.common import ISSUE_PERMISSION
from orders.admin.quote_lines import EnteredLineInline
from orders.models import Quote, QuoteStatus
from orders.presentation import payment_method_labels, validity_text
from orders.selectors import (
    quote_get_for_staff,
    quote_lines,
    quote_pipeline,
    quote_requests_pending,
    quote_verify,
    quote_versions,
)
from orders.services import (
    quote_create,
    quote_create_from_request,
    quote_draft_cancel,
    quote_draft_lines_set,
    quote_draft_update,
    quote_issue,
    quote_issue_preview,
    quote_revise,
)


class ValueFilter(admin.SimpleListFilter):
    """The pipeline by value (total HT)."""

    title = _("montant HT")
    parameter_name = "valeur"
    RANGES = {
        "lt1000": (None, Decimal("1000")),
        "1000-10000": (Decimal("1000"), Decimal("10000")),
        "gte10000": (Decimal("10000"), None),
    }

    def lookups(self, request, model_admin):
        return [
            ("lt1000", _("moins de 1 000 € HT")),
            ("1000-10000", _("de 1 000 à 10 000 € HT")),
            ("gte10000", _("10 000 € HT et plus")),
        ]

    def queryset(self, request, queryset):
        bounds = self.RANGES.get(self.value())
        if bounds is None:
            return queryset
        low, high = bounds
        condition = Q()
        if low is not None:
            condition &= Q(total_ht__gte=low)
        if high is not None:
            condition &= Q(total_ht__lt=high)
        return queryset.filter(condition)


def _line_terms(line) -> str:
    if line.net_price_ht is not None:
        return _("prix net %(price)s") % {"price": format_eur(line.net_price_ht)}
    if line.discount_percent is not None:
        return _("remise %(percent)s %%") % {
            "percent": f"{line.discount_percent:f}".rstrip("0").rstrip(".")
        }
    return ""


def _request_label(quote_request) -> str:
    link = getattr(quote_request, "company_link", None)
    company = link.company.legal_name if link else "?"
    return f"{quote_request} — {company} — {format_eur(quote_request.total_ht)} HT"


class QuoteAdminForm(forms.ModelForm):
    class Meta:
        model = Quote
        fields = (
            "company",
            "quote_request",
            "delivery_address",
            "discount_percent",
            "shipping_fee_ht",
            "free_text",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "quote_request" in self.fields:
            self.fields["quote_request"].queryset = quote_requests_pending()
            self.fields["quote_request"].label_from_instance = _request_label
            self.fields["quote_request"].help_text = _(
                "Choisissez une demande faite par un client depuis son panier : l'entreprise "
                "et les lignes en sont reprises, aux prix du jour."
            )
        if "company" in self.fields:
            self.fields["company"].required = False
        if "delivery_address" in self.fields:
            company = self.instance.company if self.instance.company_id else None
            self.fields["delivery_address"].queryset = (
                DeliveryAddress.objects.filter(company=company)
                if company
                else DeliveryAddress.objects.none()
            )

    def clean(self):
        cleaned = super().clean()
        if (
            self.instance.pk is None
            and not cleaned.get("company")
            and not cleaned.get("quote_request")
        ):
            raise ValidationError(
                _("Choisissez l'entreprise cliente, ou une demande de devis d'un client.")
            )
        request = cleaned.get("quote_request")
        if request is not None and getattr(request, "company_link", None) is None:
            raise ValidationError(
                _(
                    "Cette demande n'a été faite pour aucune entreprise cliente : impossible "
                    "de la chiffrer."
                )
            )
        return cleaned


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    form = QuoteAdminForm
    change_form_template = "admin/orders/quote/change_form.html"
    change_list_template = "admin/orders/quote/change_list.html"
    inlines = [EnteredLineInline]
    list_display = (
        "reference_display",
        "company",
        "status",
        "total_ht",
        "total_ttc",
        "issued_at",
        "valid_until",
        "is_special_order",
    )
    list_filter = ("status", ValueFilter, "is_special_order", "issued_at")
    search_fields = ("number", "company__legal_name", "company__siren")
    autocomplete_fields = ("company",)
    list_select_related = ("company",)
    ordering = ("-created_at", "-id")
    readonly_fields = (
        "reference_display",
        "status",
        "version",
        "customer_request",
        "priced_lines",
        "validity",
        "terms",
        "payment_methods_display",
        "content_sha256",
        "documents",
        "signature_display",
        "order_display",
        "versions_display",
        "audit",
    )

    class Media:
        css = {"all": ("css/orders.css",)}

    # --- which fields -----------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return (
                (
                    _("Nouveau devis"),
                    {
                        "fields": (
                            "company",
                            "quote_request",
                            "discount_percent",
                            "shipping_fee_ht",
                            "free_text",
                        )
                    },
                ),
            )
        header = ["company", "delivery_address", "discount_percent", "shipping_fee_ht", "free_text"]
        if obj.quote_request_id:
            header.insert(1, "customer_request")
        return (
            (_("Devis"), {"fields": ("reference_display", "status", "version", *header)}),
            (_("Montants (moteur de prix)"), {"fields": ("priced_lines",)}),
            (
                _("Émission"),
                {
                    "fields": (
                        "validity",
                        "terms",
                        "payment_methods_display",
                        "content_sha256",
                        "documents",
                    )
                },
            ),
            (
                _("Bon pour accord et commande"),
                {"fields": ("signature_display", "order_display", "versions_display")},
            ),
            (_("Historique"), {"fields": ("audit",)}),
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None:
            fields.append("company")
            if obj.status != QuoteStatus.DRAFT:
                fields += ["delivery_address", "discount_percent", "shipping_fee_ht", "free_text"]
        return fields

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != QuoteStatus.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    # --- saving through the services ----------------------------------------------------

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                quote_draft_update(
                    quote=obj,
                    user=request.user,
                    delivery_address=data.get("delivery_address"),
                    discount_percent=data.get("discount_percent") or Decimal("0"),
                    shipping_fee_ht=data.get("shipping_fee_ht"),
                    free_text=data.get("free_text") or "",
                )
                return
            if data.get("quote_request"):
                created = quote_create_from_request(
                    quote_request=data["quote_request"], user=request.user
                )
                quote_draft_update(
                    quote=created,
                    user=request.user,
                    delivery_address=None,
                    discount_percent=data.get("discount_percent") or Decimal("0"),
                    shipping_fee_ht=data.get("shipping_fee_ht"),
                    free_text=data.get("free_text") or "",
                )
            else:
                created = quote_create(
                    company=data["company"],
                    user=request.user,
                    discount_percent=data.get("discount_percent") or Decimal("0"),
                    shipping_fee_ht=data.get("shipping_fee_ht"),
                    free_text=data.get("free_text") or "",
                )
        except BusinessError as error:
            raise ValidationError(error.message) from error
        obj.pk = created.pk
        obj.refresh_from_db()
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        """Entered lines go through `quote_draft_lines_set` (priced by the engine)."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        quote = form.instance
        if quote.status != QuoteStatus.DRAFT or not formset.has_changed():
            return
        specs = [
            line_form.spec()
            for line_form in formset.forms
            if line_form.cleaned_data
            and not line_form.cleaned_data.get("DELETE")
            and (line_form.instance.pk is not None or line_form.has_changed())
        ]
        quote_draft_lines_set(quote=quote, user=request.user, lines=specs)

    def response_add(self, request, obj, post_url_continue=None):
        if "_addanother" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        self.message_user(
            request,
            _("Brouillon créé : vérifiez les lignes et les prix calculés, puis émettez le devis."),
            level=messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:orders_quote_change", args=[obj.pk]))

    # --- displays -------------------------------------------------------------------------

    @admin.display(description=_("devis"), ordering="number")
    def reference_display(self, obj):
        if not obj.number:
            return _("brouillon n° %(pk)s") % {"pk": obj.pk}
        return obj.reference

    @admin.display(description=_("demande du client"))
    def customer_request(self, obj):
        """The request and the customer's message, for sales to read beside the draft: the
        message is never part of the quote (only sales write its conditions)."""
        request = obj.quote_request
        if request is None:
            return "—"
        link = format_html(
            '<a href="{}">{}</a> — {}',
            reverse("admin:shop_quoterequest_change", args=[request.pk]),
            request,
            timezone.localtime(request.created_at).strftime("%d/%m/%Y %H:%M"),
        )
        if not request.message:
            return format_html("{}<br>{}", link, _("Sans message."))
        return format_html(
            '{}<blockquote class="customer-message">{}</blockquote>',
            link,
            linebreaksbr(request.message, autoescape=True),
        )

    @admin.display(description=_("lignes et totaux calculés"))
    def priced_lines(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td class='num'>{}</td><td>{}</td><td class='num'>{}</td>"
            "<td class='num'>{} %</td><td class='num'>{}</td></tr>",
            (
                (
                    line.reference,
                    line.designation or line.get_kind_display(),
                    line.quantity,
                    _line_terms(line),
                    format_eur(line.unit_price_ht),
                    f"{line.vat_rate or 0:f}".rstrip("0").rstrip("."),
                    format_eur(line.line_total_ht),
                )
                for line in quote_lines(quote=obj)
            ),
        )
        return format_html(
            "<table class='quote-admin-lines'><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
            "<th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>{}</tbody></table>"
            "<p><strong>{}</strong> {} · <strong>{}</strong> {} · <strong>{}</strong> {}</p>",
            _("Référence"),
            _("Désignation"),
            _("Qté"),
            _("Conditions de la ligne"),
            _("P.U. HT"),
            _("TVA"),
            _("Total HT"),
            rows,
            _("Total HT"),
            format_eur(obj.total_ht),
            _("TVA"),
            format_eur(obj.total_vat),
            _("Total TTC"),
            format_eur(obj.total_ttc),
        )

    @admin.display(description=_("validité"))
    def validity(self, obj):
        if not obj.valid_until:
            return _("fixée à l'émission par les CGV en vigueur")
        return validity_text(obj.valid_until)

    @admin.display(description=_("moyens de paiement proposés"))
    def payment_methods_display(self, obj):
        return (
            ", ".join(label for _code, label in payment_method_labels(obj.payment_methods)) or "—"
        )

    @admin.display(description=_("documents"))
    def documents(self, obj):
        if obj.pk is None or obj.pdf_id is None:
            return "—"
        links = [
            (reverse("admin:orders_quote_pdf", args=[obj.pk]), _("PDF émis")),
            (reverse("admin:orders_quote_verify", args=[obj.pk]), _("Vérifier les empreintes")),
        ]
        if obj.status == QuoteStatus.SIGNED:
            links.insert(
                1, (reverse("admin:orders_quote_signed_pdf", args=[obj.pk]), _("PDF signé"))
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description=_("bon pour accord"))
    def signature_display(self, obj):
        signature = getattr(obj, "signature", None) if obj.status == QuoteStatus.SIGNED else None
        if signature is None:
            return "—"
        return format_html(
            "{} ({}) — {} — {} — IP {} — CGV v{}",
            signature.signer_name,
            signature.signer_title,
            timezone.localtime(signature.signed_at).strftime("%d/%m/%Y %H:%M:%S"),
            signature.get_payment_method_display(),
            signature.ip_address or "?",
            signature.terms_version,
        )

    @admin.display(description=_("commande"))
    def order_display(self, obj):
        order = getattr(obj, "order", None) if obj.status == QuoteStatus.SIGNED else None
        if order is None:
            return "—"
        url = reverse("admin:orders_order_change", args=[order.pk])
        hold = f" — {order.hold_label} : {order.hold_detail}" if order.hold_code else ""
        return format_html(
            '<a href="{}">{}</a> — {}{}', url, order.number, order.get_status_display(), hold
        )

    @admin.display(description=_("versions"))
    def versions_display(self, obj):
        versions = quote_versions(quote=obj, customer=False)
        return format_html_join(
            " · ",
            '<a href="{}">v{}</a> ({})',
            (
                (
                    reverse("admin:orders_quote_change", args=[v.pk]),
                    v.version,
                    v.get_status_display(),
                )
                for v in versions
            ),
        )

    @admin.display(description=_("historique des statuts"))
    def audit(self, obj):
        return audit_history_html(obj)

    # --- pipeline -------------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "pipeline": quote_pipeline()}
        return super().changelist_view(request, extra_context=extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        quote = self.get_object(request, object_id)
        may_issue = request.user.has_perm(ISSUE_PERMISSION)
        extra_context = {
            **(extra_context or {}),
            "can_issue": quote is not None and may_issue and quote.status == QuoteStatus.DRAFT,
            "can_revise": quote is not None
            and may_issue
            and quote.status in (QuoteStatus.ISSUED, QuoteStatus.EXPIRED),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- actions: issue, revise, abandon; PDFs; verification --------------------------------

    def get_urls(self):
        def view(func, name):
            return path(
                f"<int:pk>/{name}/",
                self.admin_site.admin_view(func),
                name=f"orders_quote_{name.replace('-', '_')}",
            )

        return [
            view(self.issue_view, "issue"),
            view(self.revise_view, "revise"),
            view(self.cancel_view, "cancel"),
            view(self.pdf_view, "pdf"),
            view(self.signed_pdf_view, "signed-pdf"),
            view(self.verify_view, "verify"),
            *super().get_urls(),
        ]

    def _quote(self, request, pk) -> Quote:
        quote = quote_get_for_staff(user=request.user, pk=pk)
        if quote is None:
            raise Http404
        return quote

    def _action(self, request, pk, action, success):
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        quote = self._quote(request, pk)
        try:
            result = action(quote)
        except BusinessError as error:
            self.message_user(request, error.message, level=messages.ERROR)
            return HttpResponseRedirect(reverse("admin:orders_quote_change", args=[pk]))
        self.message_user(request, success(result), level=messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:orders_quote_change", args=[result.pk]))

    def issue_view(self, request, pk):
        """GET: the confirmation page (what issuing will do); POST: issue."""
        if request.method != "POST":
            return self._issue_confirmation(request, pk)
        return self._action(
            request,
            pk,
            lambda quote: quote_issue(quote=quote, user=request.user),
            lambda quote: (
                _("Devis %(reference)s émis et envoyé au client, valable %(validity)s.")
                % {"reference": quote.reference, "validity": validity_text(quote.valid_until)}
            ),
        )

    def _issue_confirmation(self, request, pk):
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        quote = self._quote(request, pk)
        if quote.status != QuoteStatus.DRAFT:
            self.message_user(
                request,
                _("Ce devis n'est plus un brouillon (%(status)s).")
                % {"status": quote.get_status_display()},
                level=messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:orders_quote_change", args=[pk]))
        preview = quote_issue_preview(quote=quote)
        return TemplateResponse(
            request,
            "admin/orders/quote/issue_confirm.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": quote,
                "title": _("Émettre le devis ?"),
                "preview": preview,
                "validity": validity_text(preview.valid_until) if preview.valid_until else "",
                "lines": quote_lines(quote=quote),
            },
        )

    @method_decorator(require_POST)
    def revise_view(self, request, pk):
        return self._action(
            request,
            pk,
            lambda quote: quote_revise(quote=quote, user=request.user),
            lambda quote: (
                _(
                    "Révision %(reference)s créée en brouillon : modifiez-la puis émettez-la ; "
                    "elle remplacera alors la version précédente."
                )
                % {"reference": quote.reference}
            ),
        )

    @method_decorator(require_POST)
    def cancel_view(self, request, pk):
        return self._action(
            request,
            pk,
            lambda quote: quote_draft_cancel(quote=quote, user=request.user),
            lambda quote: _("Brouillon abandonné."),
        )

    def pdf_view(self, request, pk):
        quote = self._quote(request, pk)
        if quote.pdf is None:
            raise Http404
        return document_response(doc=quote.pdf, as_attachment=False)

    def signed_pdf_view(self, request, pk):
        quote = self._quote(request, pk)
        # Not yet rendered by the worker (a few seconds after the signature): nothing to show.
        if quote.status != QuoteStatus.SIGNED or quote.signature.signed_pdf is None:
            raise Http404
        return document_response(doc=quote.signature.signed_pdf, as_attachment=False)

    def verify_view(self, request, pk):
        quote = self._quote(request, pk)
        return TemplateResponse(
            request,
            "admin/orders/quote/verify.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": quote,
                "title": _("Vérification du devis %(reference)s") % {"reference": quote.reference},
                "verification": quote_verify(quote=quote),
            },
        )
