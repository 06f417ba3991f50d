"""django-otp-webauthn's endpoints (same names, so its scripts find them), with one more
rule for registering a passkey: a staff member who already has a second factor must have
typed the password again lately (backoffice.services.second_factor)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn import exceptions
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from backoffice.services.second_factor import reauthentication_recent, second_factor_enrolled

app_name = "otp_webauthn"


class ReauthenticationNeeded(exceptions.OTPWebAuthnApiError):
    status_code = 403
    default_code = "reauthentication_needed"
    default_detail = _("Confirmez d'abord votre mot de passe.")


class ReauthenticatedRegistration:
    def check_can_register(self):
        request = self.request
        if second_factor_enrolled(user=request.user) and not reauthentication_recent(
            request=request
        ):
            raise ReauthenticationNeeded()


class BeginRegistration(ReauthenticatedRegistration, BeginCredentialRegistrationView):
    pass


class CompleteRegistration(ReauthenticatedRegistration, CompleteCredentialRegistrationView):
    pass


urlpatterns = [
    path("registration/begin/", BeginRegistration.as_view(), name="credential-registration-begin"),
    path(
        "registration/complete/",
        CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        BeginCredentialAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        CompleteCredentialAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
