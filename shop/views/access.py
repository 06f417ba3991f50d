"""Who may use the buying pages (cart, quick order, quote requests): a buyer.

Shop does not know companies: it asks `user.has_perm(BUY_FOR_COMPANY)` and the
authentication backends answer (accounts grants it with the company's buyer role).
Browsing the catalogue and product pages needs nothing.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from shop.permissions import BUY_FOR_COMPANY


def buyer_required(view):
    """Anonymous visitors go to the sign-in page; signed-in users who may not buy get a
    page (403) saying who may and what to do."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(BUY_FOR_COMPANY):
            return render(request, "shop/buyers_only.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
