from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Comptes clients et KYC")

    def ready(self):
        # Shop prices each visitor for its VAT regime but never imports accounts:
        # accounts tells it who the buyer is.
        from accounts.selectors import buyer_tax_profile_for_user
        from shop.services.tax import buyer_tax_profile_resolver_register

        buyer_tax_profile_resolver_register(buyer_tax_profile_for_user)
