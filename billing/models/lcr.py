"""LCR drafts (lettres de change) and payment incidents.

An invoice paid by LCR has one draft: sent with the invoice, to be returned accepted by
the customer within the Terms' period (000 art. 4: 8 days; 004 art. 5: 30 days), then
paid or rejected by the bank at maturity. A draft not returned in time, or rejected, is
a `PaymentIncident` of the company, which lets staff require prepayment where the Terms
allow it (003 art. 4.6, 004 art. 5). Rules: docs/rules/payments.md.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class LcrStatus(models.TextChoices):
    AWAITING_RETURN = "awaiting_return", _("envoyée, retour accepté attendu")
    ACCEPTED = "accepted", _("retournée acceptée")
    NOT_RETURNED = "not_returned", _("non retournée dans le délai")
    PAID = "paid", _("payée à l'échéance")
    REJECTED = "rejected", _("rejetée par la banque")


class LcrDraft(models.Model):
    Status = LcrStatus
    TRANSITIONS = {
        LcrStatus.AWAITING_RETURN: {
            LcrStatus.ACCEPTED,
            LcrStatus.NOT_RETURNED,
            LcrStatus.PAID,
            LcrStatus.REJECTED,
        },
        LcrStatus.ACCEPTED: {LcrStatus.PAID, LcrStatus.REJECTED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="lcr_drafts",
        verbose_name=_("entreprise cliente"),
    )
    invoice = models.OneToOneField(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="lcr_draft",
        verbose_name=_("facture"),
    )
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    maturity_date = models.DateField(_("échéance"))
    sent_on = models.DateField(_("envoyée le"))
    return_by = models.DateField(
        _("à retourner acceptée au plus tard le"),
        null=True,
        blank=True,
        help_text=_("Vide : les CGV ne fixent aucun délai de retour."),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=LcrStatus.choices,
        default=LcrStatus.AWAITING_RETURN,
        editable=False,
    )
    returned_on = models.DateField(_("retournée le"), null=True, blank=True)
    settled_on = models.DateField(_("payée ou rejetée le"), null=True, blank=True)
    payment = models.ForeignKey(
        "billing.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paiement"),
    )
    fee_invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facture des frais de rejet"),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("LCR (lettre de change)")
        verbose_name_plural = _("LCR (lettres de change)")
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["status", "return_by"], name="lcr_status_return_by")]
        constraints = [
            state_check_constraint("lcr_draft", "status", LcrStatus),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="lcr_draft_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"LCR {self.invoice.number}"


class IncidentKind(models.TextChoices):
    LCR_NOT_RETURNED = "lcr_not_returned", _("LCR non retournée acceptée (défaut de paiement)")
    LCR_REJECTED = "lcr_rejected", _("LCR rejetée")


class PaymentIncident(models.Model):
    """A payment incident of a company, recorded once per draft and kind."""

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="payment_incidents",
        verbose_name=_("entreprise cliente"),
    )
    kind = models.CharField(_("nature"), max_length=20, choices=IncidentKind.choices)
    occurred_on = models.DateField(_("survenu le"))
    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="payment_incidents",
        verbose_name=_("facture"),
    )
    lcr = models.ForeignKey(
        LcrDraft, on_delete=models.PROTECT, related_name="incidents", verbose_name=_("LCR")
    )
    recorded_by = models.CharField(_("enregistré par"), max_length=200)
    created_at = models.DateTimeField(_("enregistré le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("incident de paiement")
        verbose_name_plural = _("incidents de paiement")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            state_check_constraint("payment_incident", "kind", IncidentKind),
            models.UniqueConstraint(fields=["lcr", "kind"], name="payment_incident_once"),
        ]

    def __str__(self) -> str:
        return f"{self.company} — {self.get_kind_display()} ({self.occurred_on:%d/%m/%Y})"
