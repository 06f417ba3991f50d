"""What the back office adds to the screens that the apps registered: run once they all
have (BackofficeAdminConfig.ready)."""

from django.contrib.admin import AdminSite

from backoffice.filters import list_filters_install
from backoffice.queues import queue_filters_install
from backoffice.users import user_admin_guard_email


def screens_complete(site: AdminSite) -> None:
    user_admin_guard_email(site)
    queue_filters_install(site)
    list_filters_install(site)
