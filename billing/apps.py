from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = _("Facturation et paiements")

    def ready(self) -> None:
        from billing.payments.provider import payment_provider_check
        from billing.services.invoice_card import invoice_card_payment_allocate
        from billing.signals import payment_validated

        payment_provider_check()
        payment_validated.connect(
            invoice_card_payment_allocate, dispatch_uid="billing.invoice_card_payment"
        )
