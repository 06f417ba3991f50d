"""Orders in the admin: read only fields; every move through a service (`order_moves`):
preparation, shipments and deliveries for the warehouse, holds, cancellations and closing
for sales."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import audit_history_html
from core.documents import document_response
from orders.admin.order_moves import MOVES, order_move, shipment_move
from orders.models import (
    Complaint,
    ComplaintPhoto,
    ComplaintStatus,
    Order,
    OrderLine,
    OrderRevision,
    OrderStatus,
    PickupAppointment,
    Shipment,
    ShipmentStatus,
)
from orders.services.complaints import complaint_handle

HANDLE_PERMISSION = "orders.handle_complaint"

# Which moves the order page offers in each state (the services check again).
MOVES_BY_STATUS = {
    OrderStatus.AWAITING_PAYMENT: ("deposit", "unavailable", "hold", "cancel"),
    OrderStatus.CONFIRMED: ("prepare", "substitute", "unavailable", "pickup", "hold", "cancel"),
    OrderStatus.IN_PREPARATION: ("ship", "substitute", "unavailable", "pickup", "hold", "cancel"),
    OrderStatus.PARTIALLY_SHIPPED: ("ship", "substitute", "unavailable", "hold", "cancel"),
    OrderStatus.SHIPPED: ("cancel",),
    OrderStatus.DELIVERED: ("close",),
    OrderStatus.ON_HOLD: ("release", "cancel"),
}


class OrderLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderLine
    extra = 0
    can_delete = False
    fields = (
        "kind",
        "reference",
        "designation",
        "quantity",
        "unit_price_ht",
        "vat_rate",
        "line_total_ht",
        "quantity_reserved",
        "quantity_backordered",
        "quantity_shipped",
    )
    readonly_fields = fields


class PickupAppointmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The appointment to collect the order (003 art. 5.7), set by the "pickup" move."""

    model = PickupAppointment
    extra = 0
    fields = ("appointment_at", "set_by", "set_at")
    readonly_fields = fields


class OrderRevisionInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The customer's modification requests and the quote versions that answer them (sales
    edit and issue the draft from the quote's page)."""

    model = OrderRevision
    extra = 0
    fields = ("quote", "request", "created_at", "applied_at")
    readonly_fields = fields


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    change_form_template = "admin/orders/order/change_form.html"
    list_display = (
        "number",
        "company",
        "status",
        "hold_code",
        "payment_method",
        "payment_term",
        "total_ht",
        "total_ttc",
        "placed_at",
    )
    list_filter = ("status", "hold_code", "payment_term", "payment_method")
    search_fields = ("number", "company__legal_name", "quote__number")
    list_select_related = ("company",)
    inlines = [OrderLineInline, PickupAppointmentInline, OrderRevisionInline]
    readonly_fields = (
        "number",
        "company",
        "quote",
        "terms",
        "status",
        "hold_code",
        "hold_detail",
        "payment_method",
        "payment_term",
        "deferred_days",
        "delivery_address",
        "goods_ht",
        "total_ht",
        "total_vat",
        "total_ttc",
        "placed_at",
        "placed_by",
        "acknowledged_at",
        "shipments_display",
        "audit",
    )
    fields = readonly_fields

    @admin.display(description=_("historique des statuts"))
    def audit(self, obj):
        return audit_history_html(obj)

    @admin.display(description=_("expéditions"))
    def shipments_display(self, obj):
        rows = []
        for shipment in obj.shipments.all():
            deliver = (
                format_html(
                    ' — <a href="{}">{}</a> — <a href="{}">{}</a>',
                    reverse("admin:orders_shipment_move", args=[shipment.pk, "deliver"]),
                    _("Enregistrer la livraison"),
                    reverse("admin:orders_shipment_move", args=[shipment.pk, "refuse"]),
                    _("Refus de livraison"),
                )
                if shipment.status == ShipmentStatus.SHIPPED
                else ""
            )
            rows.append(
                (
                    shipment.number,
                    shipment.get_status_display(),
                    shipment.carrier,
                    shipment.tracking_number or "—",
                    deliver,
                )
            )
        if not rows:
            return "—"
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{} — {} — {} — {}{}</li>", rows)
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/move/<str:move>/",
                self.admin_site.admin_view(self.move_view),
                name="orders_order_move",
            ),
            path(
                "shipment/<int:pk>/<str:move>/",
                self.admin_site.admin_view(self.shipment_view),
                name="orders_shipment_move",
            ),
            *super().get_urls(),
        ]

    def move_view(self, request, pk: int, move: str):
        return order_move(self, request, pk, move)

    def shipment_view(self, request, pk: int, move: str):
        return shipment_move(self, request, pk, move)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        order = Order.objects.filter(pk=object_id).first()
        moves = []
        if order is not None:
            for move in MOVES_BY_STATUS.get(order.status, ()):
                permission, _form, title, _run = MOVES[move]
                if request.user.has_perm(permission):
                    moves.append((move, title))
        extra_context = {**(extra_context or {}), "order_moves": moves}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Shipment)
class ShipmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "order",
        "status",
        "carrier",
        "tracking_number",
        "shipped_on",
        "delivered_on",
    )
    list_filter = ("status", "carrier")
    search_fields = ("number", "order__number", "tracking_number")
    list_select_related = ("order",)
    readonly_fields = (
        "number",
        "order",
        "status",
        "carrier",
        "tracking_number",
        "tracking_url",
        "parcels",
        "shipped_on",
        "delivered_on",
        "delivery_note",
        "created_by",
        "created_at",
    )
    fields = readonly_fields


class ComplaintAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Réponse apportée au client"), widget=forms.Textarea(attrs={"rows": 4})
    )


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Customers' reserves and complaints, read only; after-sales mark them handled with
    the answer given (`complaint_handle`)."""

    list_display = (
        "order",
        "shipment",
        "kind",
        "order_line",
        "quantity",
        "created_at",
        "status",
    )
    list_filter = ("status", "kind", "created_at")
    search_fields = ("order__number", "shipment__number", "description")
    list_select_related = ("order", "shipment", "order_line")
    readonly_fields = (
        "order",
        "shipment",
        "order_line",
        "kind",
        "quantity",
        "description",
        "deadline",
        "created_at",
        "created_by",
        "photos_display",
        "status",
        "handled_at",
        "handled_by",
        "answer",
    )
    fields = readonly_fields
    actions = ("handle_selected",)

    def has_handle_complaint_permission(self, request):
        return request.user.has_perm(HANDLE_PERMISSION)

    @admin.action(
        description=_("Marquer comme traitées (réponse apportée)"),
        permissions=["handle_complaint"],
    )
    def handle_selected(self, request, queryset):
        """Asks for the answer given, then marks each selected open complaint handled."""
        open_complaints = queryset.filter(status=ComplaintStatus.OPEN)
        form = ComplaintAnswerForm(request.POST if "answer" in request.POST else None)
        if form.is_valid():
            handled = list(open_complaints)
            for complaint in handled:
                complaint_handle(
                    complaint=complaint, answer=form.cleaned_data["answer"], user=request.user
                )
            self.message_user(
                request,
                _("Réclamations marquées comme traitées : %(count)d.") % {"count": len(handled)},
                messages.SUCCESS,
            )
            return None
        return TemplateResponse(
            request,
            "admin/orders/complaint/handle.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Marquer des réclamations comme traitées"),
                "opts": self.model._meta,
                "complaints": open_complaints,
                "form": form,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.display(description=_("photos"))
    def photos_display(self, obj):
        rows = [
            (reverse("admin:orders_complaint_photo", args=[photo.pk]), photo.document.filename)
            for photo in obj.photos.select_related("document")
        ]
        if not rows:
            return "—"
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', rows)
        )

    def get_urls(self):
        return [
            path(
                "photo/<int:pk>/",
                self.admin_site.admin_view(self.photo_view),
                name="orders_complaint_photo",
            ),
            *super().get_urls(),
        ]

    def photo_view(self, request, pk: int):
        """A complaint's photo, for staff who may read complaints (shown inline, an image
        checked by content at upload)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(ComplaintPhoto.objects.select_related("document"), pk=pk)
        return document_response(doc=photo.document, as_attachment=False)
