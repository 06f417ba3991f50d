"""Support staff see the portal as a customer user (django-hijack), read-only unless
their permission says they may act, with a banner on every page, each session's start and
end written to the audit journal of the customer user.

- Who: an active staff member holding `accounts.impersonate_member`, verified by their
  second factor (StaffSecondFactorMiddleware covers the hijack views), may impersonate an
  active customer user (a member of a company, never staff).
- Read-only: while impersonating, `ImpersonationReadOnlyMiddleware` refuses every unsafe
  request (POST, PUT, PATCH, DELETE) unless the staff member holds
  `accounts.act_as_member`; only ending the session and choosing a language stay open.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from hijack.signals import hijack_ended, hijack_started

from accounts.models import Company
from accounts.selectors import membership_get_for_user
from core.audit import Actor, audit_record

IMPERSONATE = "accounts.impersonate_member"
ACT = "accounts.act_as_member"
# Session keys: django-hijack's stack of the impersonating users, and whether they may act.
HISTORY = "hijack_history"
MAY_ACT = "impersonation_may_act"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Views an impersonating staff member may post to even when read-only.
OPEN_WHILE_READ_ONLY = {("hijack", "release"), ("", "set_language")}
AUDIT_FIELD = "impersonation"


def may_impersonate(*, hijacker, hijacked) -> bool:
    """django-hijack's permission check (HIJACK_PERMISSION_CHECK)."""
    if hijacked is None or not hijacked.is_active or hijacked.is_staff or hijacked.is_superuser:
        return False
    if not (hijacker.is_active and hijacker.is_staff and hijacker.has_perm(IMPERSONATE)):
        return False
    membership = membership_get_for_user(user=hijacked)
    return membership is not None and membership.is_active


def impersonating(request: HttpRequest) -> bool:
    return bool(request.session.get(HISTORY))


class ImpersonationReadOnlyMiddleware:
    """Refuses unsafe requests made while impersonating, unless the staff member may act."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or not impersonating(request):
            return None
        if request.session.get(MAY_ACT):
            return None
        match = request.resolver_match
        if match is not None and (match.namespace, match.url_name) in OPEN_WHILE_READ_ONLY:
            return None
        return render(request, "backoffice/impersonation_read_only.html", status=403)


def _started(sender, request, hijacker, hijacked, **kwargs) -> None:
    may_act = hijacker.has_perm(ACT)
    request.session[MAY_ACT] = may_act
    audit_record(
        obj=hijacked,
        actor=Actor.of_user(hijacker),
        field=AUDIT_FIELD,
        to_state="ouverte",
        reason="Consultation du portail en tant que ce client"
        + (" (actions permises)" if may_act else " (lecture seule)"),
        data={"may_act": may_act},
        at=timezone.now(),
    )


def _ended(sender, request, hijacker, hijacked, **kwargs) -> None:
    request.session.pop(MAY_ACT, None)
    _record_end(hijacker=hijacker, hijacked=hijacked, reason="Fin de la consultation du portail")


def impersonation_end_on_idle(request: HttpRequest) -> None:
    """Before an idle session is closed (StaffIdleTimeoutMiddleware): the impersonation
    ends with it, and the audit says so."""
    hijacker = get_user_model().objects.filter(pk=request.session[HISTORY][-1]).first()
    if hijacker is not None:
        _record_end(
            hijacker=hijacker,
            hijacked=request.user,
            reason="Fin de la consultation du portail : session fermée après inactivité",
        )


def _record_end(*, hijacker, hijacked, reason: str) -> None:
    audit_record(
        obj=hijacked,
        actor=Actor.of_user(hijacker),
        field=AUDIT_FIELD,
        from_state="ouverte",
        to_state="fermée",
        reason=reason,
        at=timezone.now(),
    )


hijack_started.connect(_started, dispatch_uid="backoffice.impersonation_started")
hijack_ended.connect(_ended, dispatch_uid="backoffice.impersonation_ended")


def impersonation_start_view(request, user_pk, site):
    """The confirmation page before seeing the portal as a customer user: who, which
    company, and whether the staff member may act; its form posts to django-hijack."""
    user = get_object_or_404(get_user_model(), pk=user_pk)
    if not may_impersonate(hijacker=request.user, hijacked=user):
        raise PermissionDenied
    membership = membership_get_for_user(user=user)
    return TemplateResponse(
        request,
        "backoffice/impersonation_start.html",
        {
            **site.each_context(request),
            "title": _("Voir le portail en tant que %(user)s") % {"user": user},
            "customer": user,
            "membership": membership,
            "may_act": request.user.has_perm(ACT),
            "portal_url": reverse("company"),
            "back_url": reverse("admin:accounts_company_change", args=[membership.company_id]),
        },
    )


def impersonation_candidates(*, staff, obj) -> list:
    """The customer users of `obj` (a user or a company) that `staff` may impersonate."""
    if not staff.has_perm(IMPERSONATE):
        return []
    if isinstance(obj, Company):
        users = [member.user for member in obj.memberships.select_related("user")]
    elif isinstance(obj, get_user_model()):
        users = [obj]
    else:
        return []
    return [user for user in users if may_impersonate(hijacker=staff, hijacked=user)]
