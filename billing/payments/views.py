"""The payment provider's webhook endpoint, and the sandbox provider's hosted pages.

Thin: the provider verifies the notification, `payment_notice_apply` applies it. The
sandbox pages exist only while the sandbox is the configured provider (404 otherwise).
"""

from __future__ import annotations

import logging
from contextlib import suppress

from django import forms
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from billing.payments import sandbox
from billing.payments.provider import SANDBOX, NotificationRefused, payment_provider
from billing.services import payment_notice_apply
from core.errors import BusinessError
from core.forms import add_business_error

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def payment_webhook(request):
    """Acknowledge (200) every verified notification, applied or already seen; refuse
    (400) one whose signature is wrong or stale, so a forger learns nothing more."""
    provider = payment_provider()
    try:
        notice = provider.notification_verify(
            body=request.body, headers=request.headers, now=timezone.now()
        )
    except NotificationRefused as refused:
        logger.warning("Payment notification refused: %s", refused.code)
        return HttpResponseBadRequest(refused.code)
    event = payment_notice_apply(provider=provider.name, notice=notice, at=timezone.now())
    return HttpResponse("duplicate" if event is None else event.outcome)


class CardForm(forms.Form):
    card_number = forms.CharField(label=_("Numéro de carte"), max_length=23)
    expiry = forms.RegexField(
        label=_("Expiration (MM/AA)"), regex=r"^(0[1-9]|1[0-2])/\d{2}$", max_length=5
    )
    cvc = forms.RegexField(label=_("Cryptogramme"), regex=r"^\d{3,4}$", max_length=4)


def _checkout_or_404(token: str):
    if settings.PAYMENT_PROVIDER != SANDBOX:
        raise Http404
    checkout = sandbox.sandbox_checkout_get(token=token[:48])
    if checkout is None:
        raise Http404
    return checkout


def _back(checkout):
    return redirect(checkout.return_url)


@require_http_methods(["GET", "POST"])
def sandbox_checkout(request, token: str):
    checkout = _checkout_or_404(token)
    if checkout.status == sandbox.SandboxCheckoutStatus.CHALLENGE:
        return redirect("billing:sandbox_challenge", token=checkout.token)
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            checkout = sandbox.sandbox_checkout_pay(
                token=checkout.token, card_number=form.cleaned_data["card_number"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            if checkout.status == sandbox.SandboxCheckoutStatus.CHALLENGE:
                return redirect("billing:sandbox_challenge", token=checkout.token)
            return _back(checkout)
    return render(
        request,
        "billing/sandbox/checkout.html",
        {"checkout": checkout, "form": form, "test_cards": sandbox.TEST_CARDS},
    )


@require_http_methods(["GET", "POST"])
def sandbox_challenge(request, token: str):
    checkout = _checkout_or_404(token)
    if request.method == "POST":
        with suppress(BusinessError):  # answered already: the buyer just goes back
            checkout = sandbox.sandbox_challenge_answer(
                token=checkout.token, approve=request.POST.get("answer") == "approve"
            )
        return _back(checkout)
    if checkout.status != sandbox.SandboxCheckoutStatus.CHALLENGE:
        return redirect("billing:sandbox_checkout", token=checkout.token)
    return render(request, "billing/sandbox/challenge.html", {"checkout": checkout})


@require_POST
def sandbox_abandon(request, token: str):
    checkout = _checkout_or_404(token)
    with suppress(BusinessError):  # finished already: the buyer just goes back
        checkout = sandbox.sandbox_checkout_abandon(token=checkout.token)
    return _back(checkout)
