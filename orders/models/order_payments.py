"""Which payments paid which order: the link lives on the right (billing knows no order)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrderPayment(models.Model):
    """A validated payment counted towards an order; one row per payment, so a payment
    notified twice is counted once."""

    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("commande"),
    )
    payment = models.OneToOneField(
        "billing.Payment",
        on_delete=models.PROTECT,
        related_name="order_link",
        verbose_name=_("paiement"),
    )
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    recorded_at = models.DateTimeField(_("enregistré le"), default=timezone.now)

    class Meta:
        verbose_name = _("paiement de commande")
        verbose_name_plural = _("paiements de commande")
        ordering = ["order", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.order} ← {self.payment}"
