from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = _("Devis et commandes")

    def ready(self) -> None:
        from billing.signals import payment_disputed, payment_validated
        from orders.receivers import (
            on_payment_disputed,
            on_payment_validated,
            on_quote_request_submitted,
        )
        from shop.signals import quote_request_submitted

        quote_request_submitted.connect(
            on_quote_request_submitted, dispatch_uid="orders.quote_request_company"
        )
        payment_validated.connect(on_payment_validated, dispatch_uid="orders.payment_validated")
        payment_disputed.connect(on_payment_disputed, dispatch_uid="orders.payment_disputed")
        # --- order lifecycle: arrears suspend and resume deliveries ---
        from billing.signals import company_arrears_changed
        from orders.receivers import on_company_arrears_changed

        company_arrears_changed.connect(
            on_company_arrears_changed, dispatch_uid="orders.company_arrears_changed"
        )
        from billing.signals import sale_terminated
        from orders.receivers import on_sale_terminated

        sale_terminated.connect(on_sale_terminated, dispatch_uid="orders.sale_terminated")
