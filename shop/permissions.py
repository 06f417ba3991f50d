"""Permissions that shop checks and other apps grant.

Shop never imports accounts: it asks `request.user.has_perm(BUY_FOR_COMPANY)`, and the
authentication backends answer. Accounts' `CompanyRoleBackend` grants it to the users
holding a company's buyer role; Django's `ModelBackend` grants it to a user or group
given the permission by hand (tests, demonstrations) and to every active superuser.
"""

BUY_FOR_COMPANY = "shop.buy_for_company"
