"""What the customer reports about a delivery: reserves and complaints per line, with
photos, within the pinned Terms' window; and a parcel that never came (002 art. 12).

A complaint never suspends payment (000 art. 5): it changes no invoice and no order
status. After-sales mark it handled once answered (its own status: open, handled).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class ComplaintKind(models.TextChoices):
    DAMAGED = "damaged", _("colis ou article endommagé")
    MISSING = "missing", _("article manquant")
    NON_CONFORMING = "non_conforming", _("article non conforme à la commande")
    NON_DELIVERY = "non_delivery", _("commande non reçue")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("ouverte, à traiter")
    HANDLED = "handled", _("traitée")


class Complaint(models.Model):
    """Status moves: core.transitions only (orders.services.complaints.complaint_handle)."""

    TRANSITIONS = {ComplaintStatus.OPEN: {ComplaintStatus.HANDLED}}

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
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.OPEN,
        editable=False,
    )
    handled_at = models.DateTimeField(_("traitée le"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("traitée par"),
    )
    answer = models.TextField(_("réponse apportée"), blank=True, editable=False)

    class Meta:
        verbose_name = _("réclamation")
        verbose_name_plural = _("réclamations")
        ordering = ["order", "created_at", "id"]
        permissions = [("handle_complaint", _("Traiter les réclamations"))]
        indexes = [models.Index(fields=["status", "created_at"], name="complaint_status_created")]
        constraints = [
            state_check_constraint("complaint", "status", ComplaintStatus),
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
