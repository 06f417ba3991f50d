"""What the customer reports about a delivery: reserves and complaints per line, with
photos, within the pinned Terms' window; and a parcel that never came (002 art. 12).

A complaint never suspends payment (000 art. 5): it changes no invoice and no status.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ComplaintKind(models.TextChoices):
    DAMAGED = "damaged", _("colis ou article endommagé")
    MISSING = "missing", _("article manquant")
    NON_CONFORMING = "non_conforming", _("article non conforme à la commande")
    NON_DELIVERY = "non_delivery", _("commande non reçue")


class Complaint(models.Model):
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("commande"),
    )
    shipment = models.ForeignKey(
        "orders.Shipment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("expédition"),
    )
    order_line = models.ForeignKey(
        "orders.OrderLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("ligne"),
    )
    kind = models.CharField(_("nature"), max_length=20, choices=ComplaintKind.choices)
    quantity = models.PositiveIntegerField(_("quantité concernée"), null=True, blank=True)
    description = models.TextField(_("description"))
    deadline = models.DateTimeField(_("délai de réclamation"), editable=False)
    created_at = models.DateTimeField(_("reçue le"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("déposée par"),
    )

    class Meta:
        verbose_name = _("réclamation")
        verbose_name_plural = _("réclamations")
        ordering = ["order", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ComplaintKind.values), name="complaint_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=ComplaintKind.NON_DELIVERY)
                | models.Q(shipment__isnull=False),
                name="complaint_on_a_shipment",
            ),
            models.CheckConstraint(
                condition=models.Q(created_at__lt=models.F("deadline")),
                name="complaint_within_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.order_id}"


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="photos", verbose_name=_("réclamation")
    )
    document = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("photo"),
    )

    class Meta:
        verbose_name = _("photo de réclamation")
        verbose_name_plural = _("photos de réclamation")
        ordering = ["complaint", "id"]

    def __str__(self) -> str:
        return self.document.filename
