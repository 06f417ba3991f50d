"""Staff sessions: a second factor before any admin page, an idle timeout, the language."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from backoffice.impersonation import impersonating, impersonation_end_on_idle
from backoffice.services.second_factor import second_factor_enrolled, second_factor_required

# Admin pages a staff member may open before proving a second factor.
OPEN_BEFORE_SECOND_FACTOR = {
    "login",
    "logout",
    "jsi18n",
    "backoffice_second_factor_verify",
    "backoffice_second_factor_enrol",
}
SEEN_AT = "backoffice_seen_at"


class BackofficeLanguageMiddleware:
    """The back office's pages have no language prefix, so the locale middleware would
    serve them in the default language: here the language the staff member chose with
    the switch (its cookie), else their browser's, else French. The back office's address
    is looked up once, not on every request."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix: str | None = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("admin:index")
        if request.path_info.startswith(self.admin_prefix):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class StaffSecondFactorMiddleware:
    """Outside demo mode, a staff member reaches admin pages (and impersonation) only after
    proving a second factor in this session; without one, they are led to enrol it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace not in {"admin", "hijack"}:
            return None
        if match.namespace == "admin" and match.url_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        user = request.user
        if not second_factor_required(user=user) or user.is_verified():
            return None
        name = (
            "admin:backoffice_second_factor_verify"
            if second_factor_enrolled(user=user)
            else "admin:backoffice_second_factor_enrol"
        )
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")


class StaffIdleTimeoutMiddleware:
    """A staff session left idle for STAFF_IDLE_TIMEOUT_MINUTES is closed: the next request
    is served signed out, so the password (and the second factor) are asked again. A staff
    member seeing the portal as a customer (impersonation) is timed out the same way."""

    # The last-seen time is written at most this often (one session write a minute).
    RESOLUTION_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if signed_in and (user.is_staff or impersonating(request)):
            now = timezone.now().timestamp()
            seen_at = request.session.get(SEEN_AT)
            idle_limit = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            if seen_at is not None and now - float(seen_at) > idle_limit:
                # Signed out; the request goes on as anonymous (a page asks for the
                # password again, a sign-in form posted now signs in afresh).
                if impersonating(request):
                    impersonation_end_on_idle(request)
                logout(request)
                messages.info(request, _("Session fermée après une période d'inactivité."))
            elif seen_at is None or now - float(seen_at) > self.RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)


def _session_starts_active(sender, request, user, **kwargs):
    """A fresh sign-in counts as activity: the session kept from before (Django keeps its
    data when the same person signs in again) must not look idle."""
    if request is not None and hasattr(request, "session"):
        request.session[SEEN_AT] = timezone.now().timestamp()


user_logged_in.connect(_session_starts_active, dispatch_uid="backoffice.session_starts_active")
