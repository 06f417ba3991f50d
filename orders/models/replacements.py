"""Free replacements of sold units (after-sales: an item replaced or exchanged under
warranty, a missing item sent again), docs/rules/order-lifecycle.md.

A replacement belongs to the original order and its line, reserves stock when created,
and leaves in a shipment of that order marked free of charge: never invoiced. The
after-sales reference (the RMA number) says why it was sent.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class ReplacementStatus(models.TextChoices):
    RESERVED = "reserved", _("à expédier")
    SHIPPED = "shipped", _("expédié")
    CANCELLED = "cancelled", _("annulé")


class Replacement(models.Model):
    TRANSITIONS = {
        ReplacementStatus.RESERVED: {ReplacementStatus.SHIPPED, ReplacementStatus.CANCELLED}
    }

    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="replacements",
        verbose_name=_("commande d'origine"),
    )
    order_line = models.ForeignKey(
        "orders.OrderLine",
        on_delete=models.PROTECT,
        related_name="replacements",
        verbose_name=_("ligne de commande"),
    )
    quantity = models.PositiveIntegerField(_("quantité"))
    quantity_reserved = models.PositiveIntegerField(_("quantité réservée"), default=0)
    reference = models.CharField(_("référence après-vente"), max_length=40)
    reason = models.CharField(_("motif"), max_length=255)
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=ReplacementStatus.choices,
        default=ReplacementStatus.RESERVED,
        editable=False,
    )
    shipment = models.OneToOneField(
        "orders.Shipment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replacement",
        editable=False,
        verbose_name=_("expédition"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    created_by = models.CharField(_("créé par"), max_length=200, editable=False)

    class Meta:
        verbose_name = _("remplacement")
        verbose_name_plural = _("remplacements")
        ordering = ["-created_at", "-id"]
        constraints = [
            state_check_constraint("replacement", "status", ReplacementStatus),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="replacement_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity_reserved__lte=models.F("quantity")),
                name="replacement_reserved_at_most_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.order_line.reference} × {self.quantity}"
