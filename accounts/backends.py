"""Company roles as Django permissions, so that apps to the left of accounts can check them.

Shop never imports accounts: its cart, quick order and quote-request views ask
`request.user.has_perm("shop.buy_for_company")`, and `CompanyRoleBackend` (listed in
`AUTHENTICATION_BACKENDS` before Django's `ModelBackend`, so that a buyer's check costs
the one membership query and not ModelBackend's two) answers from the user's membership:

| role | permissions |
|---|---|
| buyer | `shop.buy_for_company` |

The backend never signs anyone in (`authenticate` returns None). It grants nothing to an
inactive user, to a user without an active membership, or to a membership without the
role. Superusers need nothing from it: Django gives an active superuser every permission,
so a superuser may use carts like a buyer (a deliberate, standard choice: staff accounts
without a membership and without the superuser flag are refused).
"""

from __future__ import annotations

from accounts.models import Role
from accounts.selectors import membership_of_request_user
from shop.permissions import BUY_FOR_COMPANY

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.BUYER: frozenset({BUY_FOR_COMPANY}),
}

# The permissions are computed once per user object, which Django builds once per request
# (`request.user`), from the membership that the VAT profile and the customer pages read too:
# at most one query per request. A change of roles shows from the next request on.
_CACHE_ATTRIBUTE = "_company_role_perm_cache"


class CompanyRoleBackend:
    """Grants the permissions of the roles of the user's active membership.

    Not a `BaseBackend`: without `get_user` it can never restore a session, so it never
    becomes the backend a session names (Django's test client picks the first backend
    offering `get_user`, and this one is listed before `ModelBackend`).
    """

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        """The permissions of the roles held in the user's active membership; an empty set
        for an anonymous or inactive user, and for any object-level check (`obj`)."""
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cached = getattr(user_obj, _CACHE_ATTRIBUTE, None)
        if cached is None:
            membership = membership_of_request_user(user=user_obj)
            roles = membership.roles if membership is not None and membership.is_active else []
            cached = frozenset(perm for role in roles for perm in ROLE_PERMISSIONS.get(role, ()))
            setattr(user_obj, _CACHE_ATTRIBUTE, cached)
        return set(cached)

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj=obj)
