from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back-office")


class BackofficeAdminConfig(AdminConfig):
    """Django's admin with the back office's site: every `@admin.register` of the apps lands
    on it, so no app needs to know the site exists."""

    default_site = "backoffice.site.BackofficeSite"

    def ready(self) -> None:
        super().ready()  # every app's admin module registered its screens
        from backoffice.wiring import screens_complete

        screens_complete(self.module.site)
