"""Staff second factor: TOTP (an authenticator application) with single-use recovery codes,
and passkeys (WebAuthn, through django-otp-webauthn) as a second option.

Rules (docs/rules/staff-back-office.md): outside demo mode no staff member reaches an
admin page before proving a second factor in the session; enrolling is the only thing a
staff member without one may do; replacing it, or the recovery codes, needs the password
typed again within the last minutes (`reauthentication_*`).
"""

from __future__ import annotations

import base64
from datetime import timedelta

import segno
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import Actor, audit_record
from core.errors import BusinessError

TOTP_NAME = "Application d'authentification"
RECOVERY_NAME = "Codes de secours"
RECOVERY_CODES = 10
REAUTHENTICATED_AT = "backoffice_reauthenticated_at"


def _signed_in(request: HttpRequest):
    user = request.user
    assert not isinstance(user, AnonymousUser), "the back office serves signed-in staff only"
    return user


def second_factor_required(*, user) -> bool:
    """Staff must prove a second factor, except in demo mode (STAFF_TWO_FACTOR_REQUIRED)."""
    return bool(user.is_authenticated and user.is_staff and settings.STAFF_TWO_FACTOR_REQUIRED)


def second_factor_enrolled(*, user) -> bool:
    return bool(user_has_device(user, confirmed=True))


def totp_enrolment_start(*, user) -> TOTPDevice:
    """The unconfirmed authenticator device the user is enrolling (a new secret the first
    time). A confirmed device stays in force until a new one is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_qr_code_data_uri(*, device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code in a data: URI (no request to any other
    server, allowed by the content security policy)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def totp_secret_display(*, device: TOTPDevice) -> str:
    """The secret in base 32, by groups of four, for typing into an application."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_enrolment_confirm(*, request: HttpRequest, device: TOTPDevice, token: str) -> list[str]:
    """Confirm `device` with a code it generated: it replaces the user's previous
    authenticator, new recovery codes replace the old ones, and the session counts as
    verified. Returns the recovery codes, shown once.

    Raises BusinessError `reauthentication_needed` when the user already has a second
    factor and did not type the password again lately; `otp_invalid` when the code is
    wrong (or throttled).
    """
    user = _signed_in(request)
    if second_factor_enrolled(user=user):
        reauthentication_check(request=request)
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not locked.verify_token(token.strip().replace(" ", "")):
            raise BusinessError("otp_invalid", _("Ce code n'est pas valide."), field="token")
        TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user=user)
        audit_record(
            obj=user,
            actor=Actor.of_user(user),
            field="second_factor",
            from_state="",
            to_state="totp",
            reason=str(_("Application d'authentification enregistrée")),
        )
    otp_login(request, locked)
    return codes


def recovery_codes_regenerate(*, request: HttpRequest) -> list[str]:
    """New recovery codes for the signed-in user; the old ones stop working.

    Raises BusinessError `reauthentication_needed` unless the password was typed again
    within the last STAFF_REAUTHENTICATION_MINUTES."""
    reauthentication_check(request=request)
    user = _signed_in(request)
    with transaction.atomic():
        codes = _recovery_codes_replace(user=user)
        audit_record(
            obj=user,
            actor=Actor.of_user(user),
            field="second_factor",
            to_state="recovery_codes",
            reason=str(_("Nouveaux codes de secours")),
        )
    return codes


def _recovery_codes_replace(*, user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def second_factor_verify(*, request: HttpRequest, token: str) -> None:
    """Prove the second factor of the signed-in user with an authenticator code or a
    recovery code (used once); the session then counts as verified.

    Raises BusinessError `otp_invalid` when no device accepts the code (each device
    throttles repeated failures)."""
    user = request.user
    token = token.strip().replace(" ", "")
    for device in devices_for_user(user, confirmed=True):
        if not isinstance(device, TOTPDevice | StaticDevice):
            continue  # passkeys are proven by their own ceremony
        verified = otp_verify_token(user, device.persistent_id, token)
        if verified is not None:
            otp_login(request, verified)
            return
    raise BusinessError("otp_invalid", _("Ce code n'est pas valide."), field="token")


def second_factor_devices(*, user) -> list:
    return list(devices_for_user(user, confirmed=True))


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- re-authentication ----------------------------------------------------------------------


def reauthentication_record(*, request: HttpRequest, password: str) -> None:
    """The signed-in user typed their password again: sensitive changes are allowed for
    STAFF_REAUTHENTICATION_MINUTES. Raises BusinessError `password_invalid` otherwise."""
    if not request.user.check_password(password):
        raise BusinessError(
            "password_invalid", _("Ce mot de passe n'est pas le vôtre."), field="password"
        )
    request.session[REAUTHENTICATED_AT] = timezone.now().timestamp()


def reauthentication_recent(*, request: HttpRequest) -> bool:
    at = request.session.get(REAUTHENTICATED_AT)
    if at is None:
        return False
    window = timedelta(minutes=settings.STAFF_REAUTHENTICATION_MINUTES).total_seconds()
    return 0 <= timezone.now().timestamp() - float(at) <= window


def reauthentication_check(*, request: HttpRequest) -> None:
    if not reauthentication_recent(request=request):
        raise BusinessError(
            "reauthentication_needed",
            _("Confirmez d'abord votre mot de passe."),
        )
