"""A period archive requested by an accountant, built by a Celery worker.

The worker streams the ZIP to a file under PRIVATE_STORAGE_ROOT/exports/ and records its
progress here, so the page shows it while it is built; the file is served only to the
company's accountants (or staff) through the portal's view.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("prête")
    FAILED = "failed", _("échec")


class AccountingExport(models.Model):
    Status = ExportStatus
    TRANSITIONS = {
        ExportStatus.PENDING: {ExportStatus.RUNNING, ExportStatus.FAILED},
        ExportStatus.RUNNING: {ExportStatus.DONE, ExportStatus.FAILED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entreprise"),
        help_text=_("Vide : toutes les factures du vendeur, avec le FEC."),
    )
    date_from = models.DateField(_("du"))
    date_to = models.DateField(_("au"))
    status = models.CharField(
        _("statut"), max_length=16, choices=ExportStatus, default=ExportStatus.PENDING
    )
    done_count = models.PositiveIntegerField(_("documents traités"), default=0)
    total_count = models.PositiveIntegerField(_("documents"), default=0)
    storage_path = models.CharField(_("fichier"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("demandée par"),
    )
    requested_at = models.DateTimeField(_("demandée le"), default=timezone.now)

    class Meta:
        verbose_name = _("archive comptable")
        verbose_name_plural = _("archives comptables")
        ordering = ["-requested_at", "-id"]
        constraints = [
            state_check_constraint("accountingexport", "status", ExportStatus),
            models.CheckConstraint(
                condition=models.Q(date_to__gte=models.F("date_from")),
                name="accountingexport_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date_from} – {self.date_to}"

    @property
    def waiting(self) -> bool:
        """Not counted yet: queued, or the worker has not recorded the total (never "0 sur 0")."""
        return self.status in (ExportStatus.PENDING, ExportStatus.RUNNING) and not self.total_count

    @property
    def percent(self) -> int:
        return 100 if not self.total_count else self.done_count * 100 // self.total_count
