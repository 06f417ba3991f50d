"""What billing issued and orders sent for a return. Links live on the right: neither
billing nor orders knows returns."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from returns.models.requests import ReturnRequest


class ReturnCreditNote(models.Model):
    request = models.ForeignKey(
        ReturnRequest, on_delete=models.PROTECT, related_name="credit_notes"
    )
    credit_note = models.OneToOneField(
        "billing.CreditNote", on_delete=models.PROTECT, related_name="+", verbose_name=_("avoir")
    )

    class Meta:
        verbose_name = _("avoir du retour")
        verbose_name_plural = _("avoirs du retour")

    def __str__(self) -> str:
        return self.credit_note.number


class ReturnFeeInvoice(models.Model):
    request = models.ForeignKey(
        ReturnRequest, on_delete=models.PROTECT, related_name="fee_invoices"
    )
    invoice = models.OneToOneField(
        "billing.Invoice", on_delete=models.PROTECT, related_name="+", verbose_name=_("facture")
    )

    class Meta:
        verbose_name = _("facture de frais du retour")
        verbose_name_plural = _("factures de frais du retour")

    def __str__(self) -> str:
        return self.invoice.number


class ReturnReplacement(models.Model):
    """The free replacement orders sends for a line replaced or exchanged."""

    line = models.OneToOneField(
        "returns.ReturnLine", on_delete=models.PROTECT, related_name="replacement"
    )
    replacement = models.OneToOneField(
        "orders.Replacement",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("remplacement"),
    )

    class Meta:
        verbose_name = _("remplacement du retour")
        verbose_name_plural = _("remplacements du retour")

    def __str__(self) -> str:
        return str(self.replacement)
