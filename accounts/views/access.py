"""Who may see a customer page: a signed-in, verified, active user of a company.

`company_member_required` sets `request.membership` and `request.company`; every read
of the view then goes through a selector that takes `request.company`, so a row of
another company is a 404.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render

from accounts.selectors import membership_of_request_user


def company_member_required(view=None, *, administrator: bool = False):
    def decorator(func):
        @wraps(func)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = membership_of_request_user(user=user)
            if membership is None:
                raise Http404
            if user.email_verified_at is None:
                return redirect("email_unverified")
            if administrator and not membership.is_administrator:
                return render(request, "accounts/administrators_only.html", status=403)
            request.membership = membership
            request.company = membership.company
            return func(request, *args, **kwargs)

        return wrapped

    return decorator(view) if view is not None else decorator


def base_url(request) -> str:
    """The shop's address as this request reached it, for links in e-mails."""
    return request.build_absolute_uri("/")
