"""Shipments of an order: what left the warehouse, when, with which carrier, and what
became of it at the customer's (docs/rules/order-lifecycle.md).

A shipment holds one or more order lines with the quantity picked for each; its delivery
note is a PDF stored once. Its delivery (or the customer's refusal) is recorded by staff;
the complaint window of the pinned Terms runs from the delivery date.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class ShipmentStatus(models.TextChoices):
    SHIPPED = "shipped", _("expédié")
    DELIVERED = "delivered", _("livré")
    REFUSED = "refused", _("livraison refusée")


class Shipment(models.Model):
    Status = ShipmentStatus
    TRANSITIONS = {
        ShipmentStatus.SHIPPED: {ShipmentStatus.DELIVERED, ShipmentStatus.REFUSED},
    }

    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="shipments",
        verbose_name=_("commande"),
    )
    number = models.CharField(_("numéro"), max_length=40, unique=True, editable=False)
    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=ShipmentStatus.choices,
        default=ShipmentStatus.SHIPPED,
        editable=False,
    )
    carrier = models.CharField(_("transporteur"), max_length=80)
    tracking_number = models.CharField(_("numéro de suivi"), max_length=80, blank=True)
    tracking_url = models.URLField(_("lien de suivi"), blank=True)
    parcels = models.PositiveSmallIntegerField(_("nombre de colis"), default=1)
    shipped_on = models.DateField(_("expédié le"))
    free_of_charge = models.BooleanField(
        _("envoi gratuit (remplacement après-vente)"),
        default=False,
        editable=False,
        help_text=_("Un article de remplacement : jamais facturé."),
    )
    delivered_on = models.DateField(_("livré le"), null=True, blank=True, editable=False)
    delivery_note = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("bon de livraison (PDF)"),
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("préparé par"),
    )

    class Meta:
        verbose_name = _("expédition")
        verbose_name_plural = _("expéditions")
        ordering = ["order", "shipped_on", "id"]
        constraints = [
            state_check_constraint("shipment", "status", ShipmentStatus),
            models.CheckConstraint(condition=models.Q(parcels__gte=1), name="shipment_parcels"),
            models.CheckConstraint(
                condition=~models.Q(status=ShipmentStatus.DELIVERED)
                | models.Q(delivered_on__isnull=False),
                name="shipment_delivered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Expédition')} {self.number}"


class ShipmentLine(models.Model):
    shipment = models.ForeignKey(
        Shipment, on_delete=models.CASCADE, related_name="lines", verbose_name=_("expédition")
    )
    order_line = models.ForeignKey(
        "orders.OrderLine",
        on_delete=models.PROTECT,
        related_name="shipment_lines",
        verbose_name=_("ligne de commande"),
    )
    quantity = models.PositiveIntegerField(_("quantité"))
    serial_numbers = ArrayField(
        models.CharField(max_length=64),
        verbose_name=_("numéros de série"),
        default=list,
        blank=True,
        help_text=_("Relevés par l'entrepôt ; repris sur la facture, vérifiés aux retours."),
    )

    class Meta:
        verbose_name = _("ligne d'expédition")
        verbose_name_plural = _("lignes d'expédition")
        ordering = ["shipment", "order_line__position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="shipment_line_quantity"
            ),
            models.UniqueConstraint(fields=["shipment", "order_line"], name="shipment_line_once"),
        ]

    def __str__(self) -> str:
        return f"{self.order_line.reference} × {self.quantity}"
