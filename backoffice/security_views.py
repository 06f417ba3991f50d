"""The staff's second-factor pages: prove it, enrol it, manage it, confirm the password.

Served by the back office's site (`BackofficeSite.get_urls`), so only signed-in staff
reach them; the services decide everything (backoffice.services.second_factor).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp_webauthn.models import WebAuthnCredential

from backoffice.forms import PasswordForm, TokenForm
from backoffice.services.second_factor import (
    reauthentication_recent,
    reauthentication_record,
    recovery_codes_left,
    recovery_codes_regenerate,
    second_factor_devices,
    second_factor_enrolled,
    second_factor_verify,
    totp_enrolment_confirm,
    totp_enrolment_start,
    totp_qr_code_data_uri,
    totp_secret_display,
)
from core.errors import BusinessError
from core.forms import add_business_error


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _render(request, site, template: str, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request,
        f"backoffice/security/{template}",
        {**site.each_context(request), "title": title, **context},
    )


@never_cache
@csrf_protect
def second_factor_verify_view(request: HttpRequest, site) -> HttpResponse:
    next_url = _next_url(request)
    if not second_factor_enrolled(user=request.user):
        return redirect(_with_next("admin:backoffice_second_factor_enrol", next_url))
    if request.user.is_verified():
        return HttpResponseRedirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            second_factor_verify(request=request, token=form.cleaned_data["token"])
        except BusinessError as error:
            add_business_error(form, error)
        else:
            return HttpResponseRedirect(next_url)
    has_passkey = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).exists()
    return _render(
        request,
        site,
        "verify.html",
        _("Vérification en deux étapes"),
        form=form,
        next=next_url,
        has_passkey=has_passkey,
    )


@never_cache
@csrf_protect
def second_factor_enrol_view(request: HttpRequest, site) -> HttpResponse:
    next_url = _next_url(request)
    enrolled = second_factor_enrolled(user=request.user)
    if enrolled and not request.user.is_verified():
        return redirect(_with_next("admin:backoffice_second_factor_verify", next_url))
    here = _with_next("admin:backoffice_second_factor_enrol", next_url)
    if enrolled and not reauthentication_recent(request=request):
        return redirect(_with_next("admin:backoffice_reauthenticate", here))
    device = totp_enrolment_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_enrolment_confirm(
                request=request, device=device, token=form.cleaned_data["token"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            return _render(
                request,
                site,
                "recovery_codes.html",
                _("Vos codes de secours"),
                codes=codes,
                next=next_url,
            )
    return _render(
        request,
        site,
        "enrol.html",
        _("Activer la vérification en deux étapes"),
        form=form,
        next=next_url,
        qr_code=totp_qr_code_data_uri(device=device),
        secret=totp_secret_display(device=device),
        enrolled=enrolled,
    )


@never_cache
@csrf_protect
def security_view(request: HttpRequest, site) -> HttpResponse:
    here = reverse("admin:backoffice_security")
    if request.method == "POST":
        try:
            codes = recovery_codes_regenerate(request=request)
        except BusinessError:
            return redirect(_with_next("admin:backoffice_reauthenticate", here))
        return _render(
            request, site, "recovery_codes.html", _("Vos codes de secours"), codes=codes, next=here
        )
    return _render(
        request,
        site,
        "security.html",
        _("Sécurité de mon compte"),
        devices=second_factor_devices(user=request.user),
        codes_left=recovery_codes_left(user=request.user),
        reauthenticated=reauthentication_recent(request=request),
        reauthenticate_url=_with_next("admin:backoffice_reauthenticate", here),
    )


@never_cache
@csrf_protect
def reauthenticate_view(request: HttpRequest, site) -> HttpResponse:
    next_url = _next_url(request)
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reauthentication_record(request=request, password=form.cleaned_data["password"])
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(request, _("Mot de passe confirmé pour quelques minutes."))
            return HttpResponseRedirect(next_url)
    return _render(
        request,
        site,
        "reauthenticate.html",
        _("Confirmez votre mot de passe"),
        form=form,
        next=next_url,
    )
