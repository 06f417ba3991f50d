"""Staff moves of an order in the admin (warehouse and sales): each page parses a small
form and calls one service; the service decides, under the order's lock.

Warehouse (`orders.prepare_order`): start preparation, ship picked quantities, record a
delivery or a refusal. Sales (`orders.manage_order`): substitute or remove an unavailable
article, set a pickup appointment, hold, release, cancel, close.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.errors import BusinessError
from core.forms import add_business_error, serials_parse
from orders.models import HoldCode, LineKind, Order, Shipment
from orders.services.cancellations import order_cancel_by_staff
from orders.services.holds import order_hold, order_release
from orders.services.lifecycle import order_close, order_prepare
from orders.services.order_payments import order_deposit_require
from orders.services.pickups import order_pickup_appointment_set
from orders.services.shipments import (
    SHIPPED_KINDS,
    Pick,
    shipment_create,
    shipment_deliver,
    shipment_refusal_record,
)
from orders.services.substitutions import order_line_substitute
from orders.services.unavailable import order_line_unavailable_remove

PREPARE_PERMISSION = "orders.prepare_order"
MANAGE_PERMISSION = "orders.manage_order"


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motif (visible par le client)"), max_length=500)


class CancelForm(ReasonForm):
    fee = forms.DecimalField(
        label=_("Frais facturés (frais engagés), HT"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Laissez vide pour une annulation sans frais."),
    )


class DepositForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Montant à payer à la commande (TTC)"), max_digits=14, decimal_places=2
    )


class NoteForm(forms.Form):
    reason = forms.CharField(label=_("Note (facultative)"), max_length=500, required=False)


class ShipForm(forms.Form):
    carrier = forms.CharField(label=_("Transporteur"), max_length=80)
    tracking_number = forms.CharField(label=_("Numéro de suivi"), max_length=80, required=False)
    tracking_url = forms.URLField(label=_("Lien de suivi"), required=False, assume_scheme="https")
    parcels = forms.IntegerField(label=_("Nombre de colis"), min_value=1, max_value=999, initial=1)
    shipped_on = forms.DateField(label=_("Date d'expédition"))

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipped_on"].initial = timezone.localdate()
        self.order_lines = [line for line in order.lines.all() if line.kind in SHIPPED_KINDS]
        for line in self.order_lines:
            self.fields[f"line_{line.pk}"] = forms.IntegerField(
                label=f"{line.reference} — {line.designation}",
                min_value=0,
                max_value=100_000,
                initial=line.quantity_to_ship,
                help_text=_(
                    "commandé %(ordered)s, expédié %(shipped)s, réservé à expédier %(ready)s"
                )
                % {
                    "ordered": line.quantity,
                    "shipped": line.quantity_shipped,
                    "ready": line.quantity_to_ship,
                },
            )
            self.fields[f"serials_{line.pk}"] = forms.CharField(
                label=_("Numéros de série — %(reference)s") % {"reference": line.reference},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Un par unité expédiée, séparés par des virgules ou à la ligne."),
            )

    def picks(self) -> list[Pick]:
        return [
            Pick(
                order_line_id=line.pk,
                quantity=self.cleaned_data[f"line_{line.pk}"] or 0,
                serial_numbers=serials_parse(self.cleaned_data[f"serials_{line.pk}"]),
            )
            for line in self.order_lines
        ]


class _OpenLineForm(forms.Form):
    """A form about one goods line with units not yet shipped."""

    order_line = forms.TypedChoiceField(label=_("Ligne"), coerce=int)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order_line"].choices = [
            (line.pk, f"{line.reference} — {line.designation} × {line.quantity}")
            for line in order.lines.all()
            if line.kind == LineKind.GOODS and line.quantity > line.quantity_shipped
        ]


class SubstituteForm(_OpenLineForm):
    reference = forms.CharField(label=_("Référence du produit équivalent"), max_length=64)
    agreement = forms.CharField(
        label=_("Accord du client (qui, quand, comment)"), max_length=500, widget=forms.Textarea
    )


class UnavailableForm(_OpenLineForm):
    quantity = forms.IntegerField(label=_("Quantité indisponible retirée"), min_value=1)
    agreement = forms.CharField(
        label=_("Accord du client (qui, quand, comment)"), max_length=500, widget=forms.Textarea
    )


class PickupForm(forms.Form):
    appointment_at = forms.DateTimeField(
        label=_("Rendez-vous d'enlèvement (date et heure)"),
        help_text=_("Format : JJ/MM/AAAA HH:MM, heure de Paris."),
    )


class DeliveryForm(forms.Form):
    delivered_on = forms.DateField(label=_("Livré le"))


class RefusalForm(forms.Form):
    reason = forms.CharField(label=_("Motif donné par le client"), max_length=500)
    unjustified = forms.BooleanField(
        label=_("Refus injustifié : facturer l'indemnité prévue par les CGV"), required=False
    )


def _done(admin, request, order: Order, text) -> HttpResponseRedirect:
    admin.message_user(request, text, level=messages.SUCCESS)
    return HttpResponseRedirect(reverse("admin:orders_order_change", args=[order.pk]))


def _page(admin, request, order, form, title, *, status=200):
    context = {
        **admin.admin_site.each_context(request),
        "opts": Order._meta,
        "original": order,
        "form": form,
        "title": title,
    }
    return TemplateResponse(request, "admin/orders/order/move.html", context, status=status)


def order_move(admin, request, pk: int, move: str):
    """One staff move of the order `pk`: GET shows its form, POST calls its service."""
    spec = MOVES.get(move)
    if spec is None:
        raise Http404
    permission, form_class, title, run = spec
    if not request.user.has_perm(permission):
        raise PermissionDenied
    order = Order.objects.filter(pk=pk).prefetch_related("lines").first()
    if order is None:
        raise Http404
    kwargs = {"order": order} if issubclass(form_class, (ShipForm, _OpenLineForm)) else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            text = run(order, form, request.user)
        except BusinessError as error:
            add_business_error(form, error)
        else:
            return _done(admin, request, order, text)
    return _page(admin, request, order, form, title, status=400 if form.is_bound else 200)


def _prepare(order, form, user):
    order_prepare(order=order, actor=Actor.of_user(user), reason=form.cleaned_data["reason"])
    return _("Préparation de la commande %(number)s commencée.") % {"number": order.number}


def _ship(order, form, user):
    data = form.cleaned_data
    shipment = shipment_create(
        order=order,
        picks=form.picks(),
        carrier=data["carrier"],
        tracking_number=data["tracking_number"],
        tracking_url=data["tracking_url"],
        parcels=data["parcels"],
        shipped_on=data["shipped_on"],
        user=user,
    )
    return _("Expédition %(number)s enregistrée.") % {"number": shipment.number}


def _substitute(order, form, user):
    data = form.cleaned_data
    line = order.lines.get(pk=data["order_line"])
    order_line_substitute(
        line=line, reference=data["reference"], agreement=data["agreement"], user=user
    )
    return _("Ligne %(reference)s remplacée.") % {"reference": line.reference}


def _unavailable(order, form, user):
    data = form.cleaned_data
    line = order.lines.get(pk=data["order_line"])
    order_line_unavailable_remove(
        line=line, quantity=data["quantity"], agreement=data["agreement"], user=user
    )
    return _("%(quantity)s × %(reference)s retiré(s) de la commande.") % {
        "quantity": data["quantity"],
        "reference": line.reference,
    }


def _pickup(order, form, user):
    order_pickup_appointment_set(
        order=order, appointment_at=form.cleaned_data["appointment_at"], user=user
    )
    return _("Rendez-vous d'enlèvement de la commande %(number)s enregistré.") % {
        "number": order.number
    }


def _hold(order, form, user):
    order_hold(
        order=order,
        code=HoldCode.STAFF,
        detail=form.cleaned_data["reason"],
        actor=Actor.of_user(user),
    )
    return _("Commande %(number)s mise en attente.") % {"number": order.number}


def _release(order, form, user):
    order_release(order=order, actor=Actor.of_user(user), reason=form.cleaned_data["reason"])
    return _("Commande %(number)s débloquée.") % {"number": order.number}


def _cancel(order, form, user):
    data = form.cleaned_data
    order_cancel_by_staff(order=order, user=user, reason=data["reason"], fee=data["fee"] or 0)
    return _("Commande %(number)s annulée.") % {"number": order.number}


def _deposit(order, form, user):
    order_deposit_require(
        order=order, amount=form.cleaned_data["amount"], actor=Actor.of_user(user)
    )
    return _("Paiement à la commande de %(number)s fixé.") % {"number": order.number}


def _close(order, form, user):
    order_close(order=order, actor=Actor.of_user(user), reason=form.cleaned_data["reason"])
    return _("Commande %(number)s clôturée.") % {"number": order.number}


MOVES = {
    "prepare": (PREPARE_PERMISSION, NoteForm, _("Commencer la préparation"), _prepare),
    "ship": (PREPARE_PERMISSION, ShipForm, _("Expédier"), _ship),
    "substitute": (MANAGE_PERMISSION, SubstituteForm, _("Remplacer un article"), _substitute),
    "unavailable": (
        MANAGE_PERMISSION,
        UnavailableForm,
        _("Retirer un article indisponible"),
        _unavailable,
    ),
    "pickup": (MANAGE_PERMISSION, PickupForm, _("Fixer le rendez-vous d'enlèvement"), _pickup),
    "deposit": (
        MANAGE_PERMISSION,
        DepositForm,
        _("Exiger un paiement à la commande (acompte)"),
        _deposit,
    ),
    "hold": (MANAGE_PERMISSION, ReasonForm, _("Mettre en attente"), _hold),
    "release": (MANAGE_PERMISSION, NoteForm, _("Débloquer"), _release),
    "cancel": (MANAGE_PERMISSION, CancelForm, _("Annuler la commande"), _cancel),
    "close": (MANAGE_PERMISSION, NoteForm, _("Clôturer"), _close),
}


def _deliver(shipment, form, user):
    shipment_deliver(shipment=shipment, delivered_on=form.cleaned_data["delivered_on"], user=user)
    return _("Livraison de %(number)s enregistrée.") % {"number": shipment.number}


def _refuse(shipment, form, user):
    data = form.cleaned_data
    shipment_refusal_record(
        shipment=shipment, unjustified=data["unjustified"], reason=data["reason"], user=user
    )
    return _("Refus de livraison de %(number)s enregistré.") % {"number": shipment.number}


SHIPMENT_MOVES = {
    "deliver": (DeliveryForm, _("Livraison de %(number)s"), _deliver),
    "refuse": (RefusalForm, _("Refus de livraison de %(number)s"), _refuse),
}


def shipment_move(admin, request, pk: int, move: str):
    """Record the delivery of the shipment `pk`, or its refusal (warehouse)."""
    if move not in SHIPMENT_MOVES or not request.user.has_perm(PREPARE_PERMISSION):
        raise Http404 if move not in SHIPMENT_MOVES else PermissionDenied
    form_class, title, run = SHIPMENT_MOVES[move]
    shipment = Shipment.objects.select_related("order").filter(pk=pk).first()
    if shipment is None:
        raise Http404
    form = form_class(
        request.POST if request.method == "POST" else None,
        initial={"delivered_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            text = run(shipment, form, request.user)
        except BusinessError as error:
            add_business_error(form, error)
        else:
            return _done(admin, request, shipment.order, text)
    title = title % {"number": shipment.number}
    return _page(admin, request, shipment.order, form, title, status=400 if form.is_bound else 200)
