from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Devis et commandes")

    def ready(self) -> None:
        from orders.receivers import on_quote_request_submitted
        from shop.signals import quote_request_submitted

        quote_request_submitted.connect(
            on_quote_request_submitted, dispatch_uid="orders.quote_request_company"
        )
