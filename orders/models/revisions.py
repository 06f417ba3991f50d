"""A new version of an order's quote, prepared for the customer's modification request
(001 art. 5: a new signed order, with the price adjustment). Once signed, the order
follows it (`orders.services.modifications`)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrderRevision(models.Model):
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="revisions",
        verbose_name=_("commande"),
    )
    quote = models.OneToOneField(
        "orders.Quote",
        on_delete=models.PROTECT,
        related_name="order_revision",
        verbose_name=_("nouvelle version du devis"),
    )
    request = models.TextField(_("demande du client"), blank=True)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    applied_at = models.DateTimeField(
        _("appliquée à la commande le"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("modification de commande")
        verbose_name_plural = _("modifications de commande")
        ordering = ["order", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.order} → {self.quote}"
