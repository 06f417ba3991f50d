from django.apps import AppConfig
from django.conf import settings
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from PIL import Image


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Noyau")

    def ready(self):
        # Any image opened anywhere (product pictures too) is refused by Pillow past twice
        # this many pixels (DecompressionBombError), before its pixels are decoded.
        Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS
        # Every app declares its daily jobs in <app>/jobs.py.
        autodiscover_modules("jobs")
        # ... and what it holds on a person in <app>/personal_data.py (core.personal_data).
        autodiscover_modules("personal_data")
        # The outbox's resend job.
        import core.outbox  # noqa: F401
