"""The invoices billing issued for orders: links live on the right (billing never points to
orders; its invoice copies the order reference it prints)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShipmentInvoice(models.Model):
    """The invoice of what one shipment contains."""

    shipment = models.OneToOneField(
        "orders.Shipment",
        on_delete=models.PROTECT,
        related_name="invoice_link",
        verbose_name=_("expédition"),
    )
    invoice = models.OneToOneField(
        "billing.Invoice", on_delete=models.PROTECT, related_name="+", verbose_name=_("facture")
    )

    class Meta:
        verbose_name = _("facture d'une expédition")
        verbose_name_plural = _("factures des expéditions")

    def __str__(self) -> str:
        return f"{self.shipment_id} → {self.invoice_id}"


class FeeCause(models.TextChoices):
    CANCELLATION = "cancellation", _("Indemnité d'annulation")
    REFUSED_DELIVERY = "refused_delivery", _("Indemnité pour refus de livraison injustifié")


class OrderFeeInvoice(models.Model):
    """An invoice of a fee the pinned Terms charge on an order (cancellation, refusal)."""

    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="fee_invoices",
        verbose_name=_("commande"),
    )
    cause = models.CharField(_("motif"), max_length=20, choices=FeeCause.choices)
    invoice = models.OneToOneField(
        "billing.Invoice", on_delete=models.PROTECT, related_name="+", verbose_name=_("facture")
    )

    class Meta:
        verbose_name = _("facture de frais d'une commande")
        verbose_name_plural = _("factures de frais des commandes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cause__in=FeeCause.values), name="order_fee_cause_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_id} → {self.invoice_id}"
