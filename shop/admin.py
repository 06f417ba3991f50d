"""Staff screens: the seller's identity, the versions of its terms of sale, the catalogue
(products with tiers, images, price history, CSV import and export), exchange rates, the
shipping fee table and the quote requests received."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.errors import BusinessError
from shop.forms import (
    CatalogueImportForm,
    ExchangeRateAdminForm,
    ProductAdminForm,
    ProductImageForm,
    QuantityTierInlineFormSet,
)
from shop.legal_mentions import seller_legal_mentions_missing
from shop.models import (
    Brand,
    Category,
    ExchangeRate,
    Product,
    ProductImage,
    QuantityTier,
    Seller,
    ShippingRate,
    Terms,
    TermsStatus,
)
from shop.selectors import seller_get_current, terms_in_force
from shop.services import terms_draft_create, terms_publish
from shop.services.catalogue_import import COLUMNS as CATALOGUE_COLUMNS
from shop.services.catalogue_import import catalogue_export_csv, catalogue_import
from shop.services.currency import exchange_rate_record
from shop.services.shipping import shipping_uses_table


def _history_link(obj) -> str:
    """A link to the pghistory events of `obj` (every saved value, who and when)."""
    if obj is None or obj.pk is None:
        return "—"
    query = urlencode({"method": "tracks", "obj": f"{obj._meta.label}:{obj.pk}"})
    url = f"{reverse('admin:pghistory_events_changelist')}?{query}"
    return format_html('<a href="{}">{}</a>', url, _("Voir l'historique des modifications"))


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("legal_name", "trade_name", "country", "siren", "enterprise_number")
    readonly_fields = ("legal_mentions_missing", "history")
    fieldsets = (
        (_("Mentions légales"), {"fields": ("legal_mentions_missing",)}),
        (_("Identité"), {"fields": ("legal_name", "trade_name", "legal_form", "share_capital")}),
        (
            _("Immatriculation"),
            {
                "fields": (
                    "siren",
                    "siret",
                    "rcs_city",
                    "enterprise_number",
                    "rpm_court",
                    "vat_number",
                )
            },
        ),
        (
            _("Adresse"),
            {"fields": ("address_line1", "address_line2", "postal_code", "city", "country")},
        ),
        (_("Contact"), {"fields": ("email", "phone", "website", "logo")}),
        (_("Banque"), {"fields": ("iban", "bic")}),
        (_("Catalogue"), {"fields": ("show_prices_to_anonymous",)}),
        (_("Historique"), {"fields": ("history",)}),
    )

    @admin.display(description=_("mentions manquantes"))
    def legal_mentions_missing(self, obj):
        """The same list that refuses issuing documents (`shop.legal_mentions`)."""
        if obj is None or obj.pk is None:
            return "—"
        missing = seller_legal_mentions_missing(seller=obj)
        if not missing:
            return _("Aucune : le vendeur peut émettre devis et factures.")
        return format_html(
            '<p class="errornote">{}</p><ul>{}</ul>',
            _(
                "Devis et factures sont refusés tant que ces mentions manquent à la fiche "
                "(enregistrez la fiche pour mettre la liste à jour) :"
            ),
            format_html_join(
                "", "<li>{} <small>({})</small></li>", ((m.label, m.basis) for m in missing)
            ),
        )

    @admin.display(description=_("historique"))
    def history(self, obj):
        return _history_link(obj)

    def has_add_permission(self, request):
        # One seller per deployment.
        return super().has_add_permission(request) and not Seller.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


TERMS_FIELDSETS = (
    (
        _("Version"),
        {"fields": ("seller", "version", "effective_date", "status", "published_at", "history")},
    ),
    (_("Ouverture de compte (KYC)"), {"fields": ("kbis_max_age_months", "dormancy_months")}),
    (
        _("Devis"),
        {
            "fields": (
                ("quote_validity_value", "quote_validity_unit"),
                ("special_order_offer_validity_value", "special_order_offer_validity_unit"),
                ("special_order_payment_value", "special_order_payment_unit"),
            )
        },
    ),
    (
        _("Commandes"),
        {
            "fields": (
                ("unpaid_transfer_cancel_value", "unpaid_transfer_cancel_unit"),
                ("cancellation_free_before", "cancellation_after"),
                ("cancellation_fee_percent", "cancellation_fee_base"),
                "deposit_kept_on_cancellation",
                ("modification_rule", "modification_notice_days"),
                "modification_requires_new_signed_order",
                "price_basis",
                "currency_indexed_threshold_percent",
            )
        },
    ),
    (
        _("Paiements"),
        {
            "fields": (
                ("standard_payment_term", "standard_payment_days", "standard_payment_from"),
                ("deferred_payment_days", "deferred_payment_from", "deferred_payment_method"),
                "overseas_term_start_latest_day",
                "payment_methods",
                "payment_methods_by_agreement",
                "cash_on_delivery_fee_charged",
                "credit_min_monthly_order_ht",
                ("lcr_return_days", "lcr_not_returned_effect"),
                "lcr_rejection_fee",
                ("invoice_dispute_days", "invoice_dispute_from"),
                "credit_note_validity_months",
            )
        },
    ),
    (
        _("Retards de paiement"),
        {
            "fields": (
                "late_penalty_mode",
                ("late_penalty_multiplier", "late_penalty_daily_percent"),
                "late_penalty_from_day_after_delivery",
                "late_penalty_month_started_due_in_full",
                ("recovery_indemnity_amount", "collection_fee_percent"),
                "litigation_penalty_percent",
                "acceleration_on_overdue",
                "arrears_suspend_deliveries",
                "prepayment_after_incident",
            )
        },
    ),
    (
        _("Livraison et frais de port"),
        {
            "fields": (
                "delivery_zones",
                "shipping_fee_mode",
                ("shipping_free_from_ht", "shipping_free_from_with_consoles_ht"),
                ("shipping_reduced_fee_from_ht", "shipping_reduced_fee_ht"),
                "shipping_base_fee_ht",
                "non_delivery_report_days",
                "pickup_hold_days",
                "unjustified_refusal_fee_percent",
            )
        },
    ),
    (
        _("Réclamations"),
        {"fields": (("complaint_window_value", "complaint_window_unit"),)},
    ),
    (
        _("Retours et garantie"),
        {
            "fields": (
                ("rma_deadline_mode", "rma_arrival_days"),
                "commercial_returns_by_agreement",
                "missing_packaging_fee_ht",
                ("customer_return_fee_mode", "customer_return_fee_ht"),
                ("customer_return_extra_percent", "customer_return_extra_over_ht"),
                "reshipping_charged_to_customer",
                ("warranty_mode", "warranty_months", "warranty_from"),
                "warranty_own_products_only",
                "warranty_monitors_per_brand",
                "bare_electronics_warranty_days",
                ("low_value_warranty_months", "low_value_threshold_ht"),
                "warranty_exclusions",
                "manufacturer_warranty_policy",
                "standard_exchange_window_days",
                "immobilisation_extension_over_days",
                ("hidden_defect_use_months", "hidden_defect_notice_days"),
                "refused_goods_forfeit_months",
            )
        },
    ),
    (
        _("Textes"),
        {
            "description": _(
                "Le texte français fait foi ; les autres langues sont données pour "
                "information. Indiquez « traduit de » pour un texte qui est une traduction."
            ),
            "fields": (
                "text_fr",
                "text_fr_translated_from",
                "text_en",
                "text_en_translated_from",
                "text_nl",
                "text_nl_translated_from",
            ),
        },
    ),
)


def _fieldset_names(fieldsets) -> set[str]:
    names: set[str] = set()
    for _title, options in fieldsets:
        for entry in options["fields"]:
            names.update(entry if isinstance(entry, tuple) else (entry,))
    return names


@admin.register(Terms)
class TermsAdmin(admin.ModelAdmin):
    list_display = ("__str__", "seller", "version", "effective_date", "status", "published_at")
    list_filter = ("status",)
    ordering = ("seller", "-version")
    fieldsets = TERMS_FIELDSETS
    readonly_fields = ("status", "published_at", "history")
    actions = ("publish_selected", "new_draft_from_selected")

    @admin.display(description=_("historique"))
    def history(self, obj):
        return _history_link(obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status == TermsStatus.PUBLISHED:
            return sorted(_fieldset_names(self.fieldsets))
        if obj is not None:
            return (*self.readonly_fields, "seller")
        return self.readonly_fields

    def has_change_permission(self, request, obj=None):
        # A published version is shown read-only (the database refuses any change anyway).
        if obj is not None and obj.status == TermsStatus.PUBLISHED:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status == TermsStatus.PUBLISHED:
            return False
        return super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        seller = seller_get_current()
        if seller is not None:
            highest = seller.terms_versions.order_by("-version").first()
            initial.setdefault("seller", seller.pk)
            initial.setdefault("version", highest.version + 1 if highest else 1)
        initial.setdefault("effective_date", timezone.localdate())
        return initial

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.has_change_permission(request):
            actions.pop("publish_selected", None)
        if not self.has_add_permission(request):
            actions.pop("new_draft_from_selected", None)
        return actions

    @admin.action(description=_("Publier la version (définitif)"))
    def publish_selected(self, request, queryset):
        actor = Actor.of_user(request.user)
        now = timezone.now()
        for terms in queryset.order_by("effective_date", "version"):
            try:
                terms_publish(terms=terms, actor=actor, at=now)
            except BusinessError as error:
                self.message_user(request, f"{terms} : {error.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(terms)s publiée.") % {"terms": terms},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Nouveau brouillon à partir de cette version"))
    def new_draft_from_selected(self, request, queryset):
        actor = Actor.of_user(request.user)
        for source in queryset.select_related("seller"):
            try:
                draft = terms_draft_create(seller=source.seller, actor=actor, source=source)
            except BusinessError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Brouillon %(draft)s créé à partir de la version %(version)s.")
                    % {"draft": draft, "version": source.version},
                    messages.SUCCESS,
                )


# --- catalogue -------------------------------------------------------------------------------


class QuantityTierInline(admin.TabularInline):
    model = QuantityTier
    formset = QuantityTierInlineFormSet
    extra = 0
    ordering = ("min_quantity",)


class ProductImageInline(admin.TabularInline):
    model = ProductImage
    form = ProductImageForm
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    form = ProductAdminForm
    change_list_template = "admin/shop/product/change_list.html"
    list_display = (
        "reference",
        "designation",
        "brand",
        "category",
        "price_ht",
        "vat_rate",
        "stock_on_hand",
        "stock_reserved",
        "pack_multiple",
        "discount_class",
        "is_active",
    )
    list_filter = (
        "is_active",
        "category",
        "discount_class",
        "order_separately",
        "is_console",
        "is_currency_indexed",
        "warranty_class",
    )
    list_select_related = ("brand", "category")
    search_fields = ("reference", "designation", "brand__name")
    autocomplete_fields = ("brand", "category")
    readonly_fields = ("history", "created_at", "updated_at")
    inlines = (QuantityTierInline, ProductImageInline)
    fieldsets = (
        (
            _("Article"),
            {
                "fields": (
                    "reference",
                    "designation",
                    "description",
                    "category",
                    "brand",
                    "is_active",
                )
            },
        ),
        (
            _("Prix"),
            {
                "fields": (
                    ("price_ht", "vat_rate"),
                    "discount_class",
                    ("eco_tax_ht", "packaging_ht"),
                    ("is_currency_indexed", "indexed_currency"),
                )
            },
        ),
        (
            _("Stock et conditionnement"),
            {"fields": (("stock_on_hand", "stock_reserved"), ("pack_multiple", "lot_size"))},
        ),
        (
            _("Garantie et logistique"),
            {
                "fields": (
                    ("warranty_class", "brand_warranty_months"),
                    ("manufacturer_warranty", "is_own_product", "custom_configuration"),
                    ("order_separately", "is_console"),
                )
            },
        ),
        (_("Historique"), {"fields": ("history", "created_at", "updated_at")}),
    )

    @admin.display(description=_("historique des prix"))
    def history(self, obj):
        return _history_link(obj)

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="shop_product_import",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="shop_product_export",
            ),
        ]
        return custom + super().get_urls()

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = CatalogueImportForm(request.POST, request.FILES)
            if form.is_valid():
                seller = seller_get_current()
                report = catalogue_import(
                    content=form.cleaned_data["file"].read(),
                    seller_country=seller.country if seller else "FR",
                )
                if report.ok:
                    self.message_user(
                        request,
                        _("Import terminé : %(created)s produits créés, %(updated)s mis à jour.")
                        % {"created": report.created, "updated": report.updated},
                        messages.SUCCESS,
                    )
                    return redirect("admin:shop_product_changelist")
        else:
            form = CatalogueImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer le catalogue (CSV)"),
            "form": form,
            "report": report,
            "columns": list(CATALOGUE_COLUMNS),
        }
        return TemplateResponse(request, "admin/shop/product/import.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = HttpResponse(catalogue_export_csv(), content_type="text/csv; charset=utf-8")
        filename = f"catalogue-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "parent", "position")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    """Rates are recorded by `exchange_rate_record`; a recorded rate is corrected in place
    (its currency and day are then fixed; another day is a new rate)."""

    form = ExchangeRateAdminForm
    list_display = ("currency", "day", "rate", "recorded_by", "created_at")
    list_filter = ("currency",)
    date_hierarchy = "day"
    readonly_fields = ("recorded_by", "created_at", "history")

    def get_readonly_fields(self, request, obj=None):
        fixed = ("currency", "day") if obj is not None else ()
        return (*fixed, *self.readonly_fields)

    @admin.display(description=_("historique"))
    def history(self, obj):
        return _history_link(obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("day", timezone.localdate())
        return initial

    def save_model(self, request, obj, form, change):
        record = exchange_rate_record(
            currency=obj.currency, day=obj.day, rate=obj.rate, user=request.user
        )
        obj.pk, obj.recorded_by, obj.created_at = record.pk, record.recorded_by, record.created_at


@admin.register(ShippingRate)
class ShippingRateAdmin(admin.ModelAdmin):
    """The table, with the rule of the terms in force above it: under terms with their own
    thresholds (004) or fees quoted by sales, the table is not read, and staff are told."""

    list_display = ("zone", "carrier", "from_amount_ht", "fee_ht")
    list_filter = ("zone", "carrier")
    readonly_fields = ("history",)

    def _rule_context(self, extra_context):
        seller = seller_get_current()
        terms = terms_in_force(seller=seller, on=timezone.localdate()) if seller else None
        return {
            **(extra_context or {}),
            "shipping_terms": terms,
            "shipping_uses_table": terms is not None and shipping_uses_table(terms),
        }

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, self._rule_context(extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(
            request, object_id, form_url, self._rule_context(extra_context)
        )

    @admin.display(description=_("historique"))
    def history(self, obj):
        return _history_link(obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        seller = seller_get_current()
        if seller is not None:
            initial.setdefault("seller", seller.pk)
        return initial
