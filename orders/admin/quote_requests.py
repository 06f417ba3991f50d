"""Customers' quote requests in the admin: the company each was made for, the customer's
message, the estimate; sales create the draft quote from a request in one action, or
decline it with a reason the customer reads in "Mes devis".

Registered here rather than in shop: the company and the quotes are on orders' side.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.audit import audit_history_html
from core.errors import BusinessError
from core.money import format_eur
from orders.admin.common import ISSUE_PERMISSION
from orders.presentation import quote_request_extras
from orders.selectors import quote_request_get_for_staff
from orders.services import quote_create_from_request
from orders.services.quote_requests import quote_request_decline
from shop.models import QuoteRequest, QuoteRequestLine, QuoteRequestStatus


class QuoteRequestLineInline(admin.TabularInline):
    model = QuoteRequestLine
    extra = 0
    can_delete = False
    readonly_fields = (
        "reference",
        "designation",
        "quantity",
        "unit_price_ht",
        "vat_rate",
        "line_total_ht",
        "exchange_rate",
    )
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(QuoteRequest)
class QuoteRequestAdmin(admin.ModelAdmin):
    change_form_template = "admin/shop/quoterequest/change_form.html"
    list_display = ("__str__", "company_display", "user", "status", "total_ht", "created_at")
    list_filter = ("status",)
    search_fields = ("=id", "user__email", "company_link__company__legal_name")
    readonly_fields = (
        "company_display",
        "user",
        "status",
        "message_display",
        "estimate_display",
        "quotes_display",
        "decline_reason",
        "created_at",
        "audit",
    )
    fields = readonly_fields
    inlines = (QuoteRequestLineInline,)
    actions = ("create_quotes",)

    class Media:
        css = {"all": ("css/orders.css",)}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "company_link__company")

    def get_fields(self, request, obj=None):
        if obj is not None and obj.status == QuoteRequestStatus.DECLINED:
            return self.fields
        return [name for name in self.fields if name != "decline_reason"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- displays -------------------------------------------------------------------------

    @admin.display(description=_("entreprise"), ordering="company_link__company__legal_name")
    def company_display(self, obj):
        link = getattr(obj, "company_link", None)
        if link is None:
            return _("aucune (demandeur sans entreprise)")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:accounts_company_change", args=[link.company_id]),
            link.company.legal_name,
        )

    @admin.display(description=_("message du client"))
    def message_display(self, obj):
        if not obj.message:
            return "—"
        return format_html(
            '<blockquote class="customer-message">{}</blockquote><p class="help">{}</p>',
            linebreaksbr(obj.message, autoescape=True),
            _("À lire pour préparer le devis : il n'en fait pas partie."),
        )

    @admin.display(description=_("estimation au panier"))
    def estimate_display(self, obj):
        rows = [(_("Marchandises HT"), format_eur(obj.goods_ht))] + [
            (label, format_eur(amount) if amount is not None else _("à chiffrer"))
            for label, amount in quote_request_extras(obj)
        ]
        return format_html(
            "<table class='quote-admin-lines'><tbody>{}"
            "<tr><th>{}</th><td class='num'><strong>{}</strong></td></tr></tbody></table>",
            format_html_join(
                "", "<tr><td>{}</td><td class='num'>{}</td></tr>", ((k, v) for k, v in rows)
            ),
            _("Total HT estimé"),
            format_eur(obj.total_ht),
        )

    @admin.display(description=_("devis"))
    def quotes_display(self, obj):
        quotes = list(obj.quotes.order_by("id"))
        if not quotes:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}">{}</a> ({})',
            (
                (
                    reverse("admin:orders_quote_change", args=[quote.pk]),
                    quote.reference
                    if quote.number
                    else _("brouillon n° %(pk)s") % {"pk": quote.pk},
                    quote.get_status_display(),
                )
                for quote in quotes
            ),
        )

    @admin.display(description=_("historique des statuts"))
    def audit(self, obj):
        return audit_history_html(obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        quote_request = self.get_object(request, object_id)
        pending = (
            quote_request is not None
            and quote_request.status == QuoteRequestStatus.SUBMITTED
            and request.user.has_perm(ISSUE_PERMISSION)
        )
        extra_context = {**(extra_context or {}), "can_quote": pending, "can_decline": pending}
        return super().change_view(request, object_id, form_url, extra_context)

    # --- actions: create the quote, decline ----------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<int:pk>/create-quote/",
                self.admin_site.admin_view(self.create_quote_view),
                name="shop_quoterequest_create_quote",
            ),
            path(
                "<int:pk>/decline/",
                self.admin_site.admin_view(self.decline_view),
                name="shop_quoterequest_decline",
            ),
            *super().get_urls(),
        ]

    def _request(self, request, pk) -> QuoteRequest:
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        quote_request = quote_request_get_for_staff(user=request.user, pk=pk)
        if quote_request is None:
            raise Http404
        return quote_request

    def _create(self, request, quote_request):
        quote = quote_create_from_request(quote_request=quote_request, user=request.user)
        self.message_user(
            request,
            _(
                "Brouillon créé depuis la %(request)s pour %(company)s : vérifiez les lignes "
                "et les prix du jour, puis émettez le devis."
            )
            % {"request": quote_request, "company": quote.company.legal_name},
            level=messages.SUCCESS,
        )
        return quote

    @method_decorator(require_POST)
    def create_quote_view(self, request, pk):
        quote_request = self._request(request, pk)
        try:
            quote = self._create(request, quote_request)
        except BusinessError as error:
            self.message_user(request, error.message, level=messages.ERROR)
            return HttpResponseRedirect(reverse("admin:shop_quoterequest_change", args=[pk]))
        return HttpResponseRedirect(reverse("admin:orders_quote_change", args=[quote.pk]))

    @admin.action(description=_("Créer le devis de chaque demande choisie"))
    def create_quotes(self, request, queryset):
        if not request.user.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied
        for quote_request in queryset.order_by("created_at", "id"):
            try:
                self._create(request, quote_request)
            except BusinessError as error:
                self.message_user(
                    request, f"{quote_request} : {error.message}", level=messages.ERROR
                )

    def decline_view(self, request, pk):
        quote_request = self._request(request, pk)
        reason = request.POST.get("reason", "")
        error = None
        if request.method == "POST":
            try:
                quote_request_decline(quote_request=quote_request, user=request.user, reason=reason)
            except BusinessError as refused:
                error = refused.message
            else:
                self.message_user(
                    request,
                    _("%(request)s refusée : le client voit le motif dans « Mes devis ».")
                    % {"request": quote_request},
                    level=messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:shop_quoterequest_change", args=[pk]))
        return TemplateResponse(
            request,
            "admin/shop/quoterequest/decline.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": quote_request,
                "title": _("Refuser la %(request)s") % {"request": quote_request},
                "reason": reason,
                "error": error,
            },
            status=400 if error else 200,
        )
