from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "backoffice"
    verbose_name = _("Back-office")

    def ready(self) -> None:
        post_migrate.connect(_staff_groups_after_migrate, sender=self)


def _staff_groups_after_migrate(sender, apps, **kwargs) -> None:
    """After every `migrate`, and after a flush (which Django follows with post_migrate, as
    transactional tests do), the staff groups exist with their permissions: Django restores
    its own permissions the same way."""
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
