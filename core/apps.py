from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Noyau")

    def ready(self):
        # Every app declares its daily jobs in <app>/jobs.py.
        autodiscover_modules("jobs")
