"""The warehouse's screen of free replacements (after-sales): the list to ship, and the
page that ships one (`orders.services.replacements.replacement_ship`)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_read_only import ReadOnlyAdminMixin
from core.errors import BusinessError
from core.forms import add_business_error, serials_parse
from orders.admin.order_moves import PREPARE_PERMISSION
from orders.models import Order, Replacement, ReplacementStatus
from orders.services.replacements import replacement_ship


class ReplacementShipForm(forms.Form):
    carrier = forms.CharField(label=_("Transporteur"), max_length=80)
    tracking_number = forms.CharField(label=_("Numéro de suivi"), max_length=80, required=False)
    tracking_url = forms.URLField(label=_("Lien de suivi"), required=False, assume_scheme="https")
    shipped_on = forms.DateField(label=_("Date d'expédition"))
    serials = forms.CharField(
        label=_("Numéros de série"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Un par unité expédiée, séparés par des virgules ou à la ligne."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipped_on"].initial = timezone.localdate()


@admin.register(Replacement)
class ReplacementAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("reference", "order", "order_line", "quantity", "status", "shipment", "ship")
    list_filter = ("status",)
    search_fields = ("reference", "order__number", "order_line__reference")
    list_select_related = ("order", "order_line", "shipment")

    @admin.display(description=_("Expédier"))
    def ship(self, obj: Replacement) -> str:
        if obj.status != ReplacementStatus.RESERVED:
            return "—"
        url = reverse("admin:orders_replacement_ship", args=[obj.pk])
        return format_html('<a href="{}" class="replacement-ship">{}</a>', url, _("Expédier"))

    def get_urls(self):
        return [
            path(
                "<int:pk>/ship/",
                self.admin_site.admin_view(self.ship_view),
                name="orders_replacement_ship",
            ),
            *super().get_urls(),
        ]

    def ship_view(self, request, pk: int):
        if not request.user.has_perm(PREPARE_PERMISSION):
            raise PermissionDenied
        replacement = Replacement.objects.select_related("order__company").filter(pk=pk).first()
        if replacement is None:
            raise Http404
        form = ReplacementShipForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                shipment = replacement_ship(
                    replacement=replacement,
                    carrier=data["carrier"],
                    tracking_number=data["tracking_number"],
                    tracking_url=data["tracking_url"],
                    shipped_on=data["shipped_on"],
                    serial_numbers=serials_parse(data["serials"]),
                    user=request.user,
                )
            except BusinessError as error:
                add_business_error(form, error)
            else:
                self.message_user(
                    request,
                    _("Expédition gratuite %(number)s enregistrée.") % {"number": shipment.number},
                    level=messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:orders_replacement_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": Order._meta,
            "original": replacement.order,
            "form": form,
            "title": _("Expédier le remplacement %(item)s") % {"item": replacement},
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, "admin/orders/order/move.html", context, status=status)
