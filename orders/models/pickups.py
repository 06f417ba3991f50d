"""Pickup at the seller's by appointment (003 art. 5.7): the goods are held for the
pinned Terms' number of days from the appointment, then the sale is cancelled."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PickupAppointment(models.Model):
    """The appointment to collect an order at the seller's; one per order, moved by a new
    appointment (each change is on the order's timeline)."""

    order = models.OneToOneField(
        "orders.Order",
        on_delete=models.PROTECT,
        related_name="pickup",
        verbose_name=_("commande"),
    )
    appointment_at = models.DateTimeField(_("rendez-vous le"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fixé par"),
    )
    set_at = models.DateTimeField(_("fixé le"), default=timezone.now)

    class Meta:
        verbose_name = _("rendez-vous d'enlèvement")
        verbose_name_plural = _("rendez-vous d'enlèvement")

    def __str__(self) -> str:
        return f"{self.order} — {self.appointment_at:%d/%m/%Y %H:%M}"
