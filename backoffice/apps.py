from django.apps import AppConfig
from django.apps import apps as global_apps
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back-office")

    def ready(self) -> None:
        # Django sends post_migrate only for apps with a models module, which the back
        # office has not: listen for the auth app's (groups and permissions live there).
        post_migrate.connect(
            _staff_groups_after_migrate,
            sender=self.apps.get_app_config("auth"),
            dispatch_uid="backoffice.staff_groups_after_migrate",
        )


def _staff_groups_after_migrate(sender, apps=global_apps, **kwargs) -> None:
    """After every `migrate`, and after a flush (which Django follows with post_migrate, as
    transactional tests do), the staff groups exist with their permissions: Django restores
    its own permissions the same way. A flush sends no `apps`: the project's are meant."""
    from backoffice.groups import staff_groups_sync

    staff_groups_sync(apps)


class BackofficeAdminConfig(AdminConfig):
    """Django's admin with the back office's site: every `@admin.register` of the apps lands
    on it, so no app needs to know the site exists."""

    default_site = "backoffice.site.BackofficeSite"

    def ready(self) -> None:
        super().ready()  # every app's admin module registered its screens
        from backoffice.wiring import screens_complete

        screens_complete(self.module.site)
