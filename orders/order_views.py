"""Customer portal, "Mes commandes": the filtered list, the order page (lines, parcels and
tracking, documents, timeline, actions open now with deadline and cost), and the actions
themselves (cancel, request a modification, complain about a parcel with photos, report a
non-delivery). Every read goes through a selector that takes the user's company: another
company's order or parcel is a 404. Only a signatory commits the company (cancellation,
modification); any member may report a problem with a delivery.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.views.access import company_member_required
from core.documents import document_response
from core.errors import BusinessError
from core.forms import add_business_error
from core.uploads import upload_check
from orders.forms import (
    ComplaintForm,
    ModificationRequestForm,
    NonDeliveryForm,
    OrderCancelForm,
    OrderFilterForm,
    PickupAppointmentForm,
)
from orders.portal import order_customer_actions
from orders.presentation import validity_text
from orders.rules import complaint_decision
from orders.selectors import (
    OrderFilters,
    order_confirmed_on,
    order_get_for_company,
    order_invoice_get_for_company,
    order_invoices,
    order_list_for_company,
    order_revision_to_sign,
    shipment_get_for_company,
)
from orders.services.cancellations import order_cancel_by_customer
from orders.services.complaints import complaint_record, non_delivery_report
from orders.services.modifications import order_modification_request
from orders.services.pickups import order_pickup_appointment_set
from orders.timeline import order_timeline


def _order_or_404(request, number: str):
    order = order_get_for_company(company=request.company, number=number)
    if order is None:
        raise Http404
    return order


def _signatory(request) -> bool:
    return request.membership.has_role(Role.SIGNATORY)


@company_member_required
def order_list(request):
    form = OrderFilterForm(request.GET or None)
    filters = OrderFilters()
    if form.is_bound and form.is_valid():
        filters = OrderFilters(**{k: v for k, v in form.cleaned_data.items() if v not in ("",)})
    return render(
        request,
        "orders/order_list.html",
        {
            "orders": order_list_for_company(company=request.company, filters=filters),
            "form": form,
            "filtered": filters != OrderFilters(),
        },
    )


def _order_context(request, order, **forms) -> dict:
    now = timezone.now()
    actions = order_customer_actions(
        order=order, now=now, confirmed_on=order_confirmed_on(order=order)
    )
    return {
        "order": order,
        "shipments": list(order.shipments.all()),
        "complaints": list(order.complaints.all()),
        "invoices": list(order_invoices(order=order)),
        "timeline": order_timeline(order=order),
        "revision_to_sign": order_revision_to_sign(order=order),
        "actions": actions,
        "is_signatory": _signatory(request),
        "cancel_form": forms.get("cancel_form") or OrderCancelForm(),
        "modification_form": forms.get("modification_form") or ModificationRequestForm(),
        "non_delivery_form": forms.get("non_delivery_form") or NonDeliveryForm(),
        "pickup_form": forms.get("pickup_form") or PickupAppointmentForm(),
    }


@company_member_required
def order_detail(request, number: str):
    order = _order_or_404(request, number)
    return render(request, "orders/order_detail.html", _order_context(request, order))


@company_member_required
@require_POST
def order_cancel(request, number: str):
    order = _order_or_404(request, number)
    form = OrderCancelForm(request.POST)
    if not _signatory(request):
        form.add_error(None, _("Seul un signataire peut annuler une commande."))
    elif form.is_valid():
        try:
            order_cancel_by_customer(
                order=order, user=request.user, reason=form.cleaned_data["reason"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(request, _("Votre demande d'annulation est enregistrée."))
            return redirect("orders:order_detail", number=number)
    context = _order_context(request, order, cancel_form=form)
    return render(request, "orders/order_detail.html", context, status=400)


@company_member_required
@require_POST
def order_modify(request, number: str):
    order = _order_or_404(request, number)
    form = ModificationRequestForm(request.POST)
    if not _signatory(request):
        form.add_error(None, _("Seul un signataire peut demander une modification."))
    elif form.is_valid():
        try:
            order_modification_request(
                order=order, user=request.user, message=form.cleaned_data["message"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Votre demande de modification est transmise : un nouveau devis vous sera "
                    "proposé à la signature."
                ),
            )
            return redirect("orders:order_detail", number=number)
    context = _order_context(request, order, modification_form=form)
    return render(request, "orders/order_detail.html", context, status=400)


@company_member_required
@require_POST
def order_pickup(request, number: str):
    order = _order_or_404(request, number)
    form = PickupAppointmentForm(request.POST)
    if form.is_valid():
        try:
            order_pickup_appointment_set(
                order=order, appointment_at=form.cleaned_data["appointment_at"], user=request.user
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(request, _("Votre rendez-vous d'enlèvement est enregistré."))
            return redirect("orders:order_detail", number=number)
    context = _order_context(request, order, pickup_form=form)
    return render(request, "orders/order_detail.html", context, status=400)


@company_member_required
@require_POST
def order_non_delivery(request, number: str):
    order = _order_or_404(request, number)
    form = NonDeliveryForm(request.POST)
    if form.is_valid():
        try:
            non_delivery_report(
                order=order, user=request.user, description=form.cleaned_data["description"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(request, _("Votre signalement est enregistré."))
            return redirect("orders:order_detail", number=number)
    context = _order_context(request, order, non_delivery_form=form)
    return render(request, "orders/order_detail.html", context, status=400)


def _shipment_or_404(request, number: str, shipment_number: str):
    shipment = shipment_get_for_company(company=request.company, number=shipment_number)
    if shipment is None or shipment.order.number != number:
        raise Http404
    return shipment


def _photo_check(photo):
    """A photo judged by its content (core.uploads): a JPEG or PNG image only."""
    checked = upload_check(uploaded_file=photo, field="photos")
    if not checked.content_type.startswith("image/"):
        raise BusinessError(
            "complaint_photo_not_image",
            gettext_lazy("%(name)s n'est pas une photo (JPEG ou PNG)."),
            field="photos",
            params={"name": checked.original_name},
        )
    return checked


@company_member_required
@require_http_methods(["GET", "POST"])
def shipment_complaint(request, number: str, shipment_number: str):
    shipment = _shipment_or_404(request, number, shipment_number)
    lines = list(shipment.lines.select_related("order_line"))
    form = ComplaintForm(request.POST or None, request.FILES or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            photos = [_photo_check(photo) for photo in data["photos"]]
            complaint_record(
                shipment=shipment,
                order_line_id=data["order_line"],
                kind=data["kind"],
                quantity=data["quantity"],
                description=data["description"],
                photos=photos,
                user=request.user,
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(request, _("Votre réclamation est enregistrée."))
            return redirect("orders:order_detail", number=number)
    decision = complaint_decision(shipment=shipment, now=timezone.now())
    return render(
        request,
        "orders/shipment_complaint.html",
        {
            "shipment": shipment,
            "order": shipment.order,
            "form": form,
            "decision": decision,
            "deadline_text": validity_text(decision.deadline) if decision.deadline else "",
        },
        status=400 if request.method == "POST" else 200,
    )


@company_member_required
def shipment_delivery_note(request, number: str, shipment_number: str):
    shipment = _shipment_or_404(request, number, shipment_number)
    if shipment.delivery_note is None:
        messages.info(
            request,
            _("Le bon de livraison est en cours de préparation : réessayez dans un instant."),
        )
        return redirect("orders:order_detail", number=number)
    return document_response(doc=shipment.delivery_note, as_attachment=False)


@company_member_required
def order_invoice_pdf(request, number: str, invoice_number: str):
    order = _order_or_404(request, number)
    invoice = order_invoice_get_for_company(
        company=request.company, order=order, number=invoice_number
    )
    if invoice is None:
        raise Http404
    if invoice.pdf is None:
        messages.info(
            request, _("La facture (PDF) est en cours de préparation : réessayez dans un instant.")
        )
        return redirect("orders:order_detail", number=number)
    return document_response(doc=invoice.pdf, as_attachment=False)
