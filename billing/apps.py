from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Facturation et paiements")

    def ready(self) -> None:
        from billing.payments.provider import payment_provider_check

        payment_provider_check()
