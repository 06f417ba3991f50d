"""Reminders (dunning): the schedule staff set per seller, and each notice sent once.

A step is "N days from the due date" (negative: before it). A formal notice starts a term
in hours after which staff may terminate the sale (000 art. 10, 001 art. 14). Without a
configured step the default schedule applies (`billing.services.dunning.DEFAULT_SCHEDULE`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DunningKind(models.TextChoices):
    REMINDER = "reminder", _("relance")
    FORMAL_NOTICE = "formal_notice", _("mise en demeure")


class DunningStep(models.Model):
    seller = models.ForeignKey(
        "shop.Seller",
        on_delete=models.CASCADE,
        related_name="dunning_steps",
        verbose_name=_("vendeur"),
    )
    offset_days = models.SmallIntegerField(
        _("jours après l'échéance"),
        help_text=_("Négatif : avant l'échéance (-5 : cinq jours avant)."),
    )
    kind = models.CharField(_("nature"), max_length=16, choices=DunningKind)
    term_hours = models.PositiveSmallIntegerField(
        _("délai laissé (heures)"),
        null=True,
        blank=True,
        help_text=_("Mise en demeure : délai après lequel la vente peut être résolue (48)."),
    )

    class Meta:
        verbose_name = _("étape de relance")
        verbose_name_plural = _("calendrier des relances")
        ordering = ["seller", "offset_days"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "offset_days"], name="dunningstep_unique"),
            models.CheckConstraint(
                condition=models.Q(kind__in=DunningKind.values), name="dunningstep_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=DunningKind.REMINDER, term_hours__isnull=True)
                | models.Q(kind=DunningKind.FORMAL_NOTICE, term_hours__gt=0, offset_days__gt=0),
                name="dunningstep_formal_notice_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} J{self.offset_days:+d}"


class DunningNotice(models.Model):
    """One step sent (or passed over for a later one) for one invoice: never twice."""

    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="dunning_notices",
        verbose_name=_("facture"),
    )
    offset_days = models.SmallIntegerField(_("jours après l'échéance"))
    kind = models.CharField(_("nature"), max_length=16, choices=DunningKind)
    on = models.DateField(_("date"))
    skipped = models.BooleanField(
        _("non envoyée"),
        default=False,
        help_text=_("Étape dépassée : une étape plus tardive était déjà due ce jour-là."),
    )
    term_ends_at = models.DateTimeField(_("fin du délai de la mise en demeure"), null=True)
    created_at = models.DateTimeField(_("enregistrée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("relance envoyée")
        verbose_name_plural = _("relances envoyées")
        ordering = ["-on", "invoice_id", "offset_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "offset_days"], name="dunningnotice_once_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id} J{self.offset_days:+d}"
