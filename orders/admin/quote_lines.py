"""The lines sales enter on a draft quote: a catalogue product and a quantity, or a
special (off-catalogue) line, each with an optional line discount or net price; checked
by the service's own rule."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from orders.admin.common import seller_country
from orders.models import ENTERED_KINDS, QuoteLine, QuoteStatus
from orders.services import LineSpec, quote_line_check
from shop.models import VAT_RATES_BY_COUNTRY


class QuoteLineForm(forms.ModelForm):
    """An entered line: a catalogue product and a quantity, or a special (off-catalogue)
    line with reference, designation, unit price HT and VAT rate. Checked by the service's
    own rule (`quote_line_check`), so the admin shows the same refusals."""

    vat_rate = forms.TypedChoiceField(
        label=_("taux de TVA (%)"),
        required=False,
        coerce=Decimal,
        empty_value=None,
        help_text=_("Ligne hors catalogue seulement."),
    )

    class Meta:
        model = QuoteLine
        fields = (
            "product",
            "quantity",
            "reference",
            "designation",
            "list_price_ht",
            "vat_rate",
            "discount_percent",
            "net_price_ht",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rates = VAT_RATES_BY_COUNTRY[seller_country()]
        self.fields["vat_rate"].choices = [("", "—")] + [
            (str(rate), f"{rate:f}".rstrip("0").rstrip(".")) for rate in rates
        ]
        for name in ("reference", "designation", "list_price_ht"):
            self.fields[name].required = False
        for name in ("discount_percent", "net_price_ht"):
            self.fields[name].localize = True  # "12,5" as French people type it
            self.fields[name].widget.is_localized = True

    def spec(self) -> LineSpec:
        data = self.cleaned_data
        return LineSpec(
            quantity=data.get("quantity") or 0,
            product=data.get("product"),
            reference=data.get("reference") or "",
            designation=data.get("designation") or "",
            list_price_ht=data.get("list_price_ht"),
            vat_rate=data.get("vat_rate"),
            discount_percent=data.get("discount_percent"),
            net_price_ht=data.get("net_price_ht"),
        )

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE") or (not self.has_changed() and self.instance.pk is None):
            return cleaned
        try:
            quote_line_check(spec=self.spec(), seller_country=seller_country())
        except BusinessError as error:
            raise ValidationError(error.message, code=error.code) from error
        return cleaned


class EnteredLineInline(admin.TabularInline):
    model = QuoteLine
    form = QuoteLineForm
    extra = 1
    autocomplete_fields = ("product",)
    fields = (
        "product",
        "quantity",
        "reference",
        "designation",
        "list_price_ht",
        "vat_rate",
        "discount_percent",
        "net_price_ht",
        "unit_price_ht",
        "line_total_ht",
    )
    readonly_fields = ("unit_price_ht", "line_total_ht")
    verbose_name = _("ligne saisie")
    verbose_name_plural = _(
        "Lignes du devis (produit du catalogue et quantité, ou ligne hors catalogue)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).filter(kind__in=ENTERED_KINDS)

    def _editable(self, obj) -> bool:
        return obj is None or obj.status == QuoteStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)
