"""Paying an order by card: the "pay" button sends the buyer to the provider's page; the
provider sends them back here. The order is confirmed by the provider's notification
(billing's webhook), never by this return: the return only says where things stand.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from accounts.views.access import company_member_required
from billing.models import PaymentStatus
from core.errors import BusinessError
from orders.selectors import order_card_payment_latest, order_get_for_company
from orders.services.order_payments import order_card_payment_start

VALIDATED = _("Paiement accepté : votre commande est confirmée.")
PENDING = _(
    "Paiement en cours de confirmation par la banque : actualisez la page dans quelques instants."
)
FAILED = _(
    "Paiement refusé par la banque : rien n'a été débité. "
    "Vous pouvez réessayer avec une autre carte."
)
ABANDONED = _("Paiement abandonné : rien n'a été débité. Vous pouvez le reprendre à tout moment.")
RETURN_MESSAGES = {
    PaymentStatus.VALIDATED: (messages.SUCCESS, VALIDATED),
    PaymentStatus.PENDING: (messages.INFO, PENDING),
    PaymentStatus.FAILED: (messages.ERROR, FAILED),
    PaymentStatus.ABANDONED: (messages.WARNING, ABANDONED),
}


def _order_or_404(request, number: str):
    order = order_get_for_company(company=request.company, number=number)
    if order is None:
        raise Http404
    return order


@company_member_required
@require_POST
def order_card_pay(request, number: str):
    order = _order_or_404(request, number)
    return_url = request.build_absolute_uri(
        reverse("orders:order_payment_return", kwargs={"number": order.number})
    )
    try:
        payment = order_card_payment_start(order=order, return_url=return_url)
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("orders:order_detail", number=order.number)
    return redirect(payment.checkout_url)


@company_member_required
@require_GET
def order_payment_return(request, number: str):
    order = _order_or_404(request, number)
    payment = order_card_payment_latest(order=order)
    if payment is not None and payment.status in RETURN_MESSAGES:
        level, text = RETURN_MESSAGES[PaymentStatus(payment.status)]
        messages.add_message(request, level, text)
    return redirect("orders:order_detail", number=order.number)
