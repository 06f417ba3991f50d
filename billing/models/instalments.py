"""Instalment plans staff agree for an invoice (000 art. 4, 001 art. 7).

The plan splits what the invoice leaves due into instalments with their own due dates;
each instalment keeps the running total due by its date (`cumulative`), so one query
finds a plan whose payments by an instalment's date fall short of it. One instalment
unpaid at its due date makes the whole remaining price due at once (the plan is
accelerated). Rules: docs/rules/payments.md.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class PlanStatus(models.TextChoices):
    ACTIVE = "active", _("en cours")
    ACCELERATED = "accelerated", _("échéance impayée : solde exigible")


class InstalmentPlan(models.Model):
    Status = PlanStatus
    TRANSITIONS = {PlanStatus.ACTIVE: {PlanStatus.ACCELERATED}}

    invoice = models.OneToOneField(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="instalment_plan",
        verbose_name=_("facture"),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=PlanStatus.choices,
        default=PlanStatus.ACTIVE,
        editable=False,
    )
    agreed_by = models.CharField(_("accordé par"), max_length=200)
    agreed_at = models.DateTimeField(_("accordé le"), default=timezone.now, editable=False)
    accelerated_on = models.DateField(_("solde exigible depuis le"), null=True, blank=True)

    class Meta:
        verbose_name = _("échéancier")
        verbose_name_plural = _("échéanciers")
        ordering = ["-agreed_at", "-id"]
        constraints = [state_check_constraint("instalment_plan", "status", PlanStatus)]

    def __str__(self) -> str:
        return f"{_('Échéancier')} {self.invoice.number}"


class Instalment(models.Model):
    plan = models.ForeignKey(
        InstalmentPlan,
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("échéancier"),
    )
    position = models.PositiveSmallIntegerField(_("n°"))
    due_date = models.DateField(_("échéance"))
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    cumulative = models.DecimalField(
        _("cumul dû à cette échéance"), max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("échéance")
        verbose_name_plural = _("échéances")
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["due_date"], name="instalment_due_date")]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="instalment_position_once"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="instalment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}: {self.amount} ({self.due_date:%d/%m/%Y})"
