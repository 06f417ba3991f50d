"""Payments of imported invoices, as the previous system recorded them (opening balances).

Each row of a payments file is kept once under its key (invoice number, date, amount and
its rank among identical rows), so importing the same file twice settles nothing twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpeningPayment(models.Model):
    key = models.CharField(_("clé d'import"), max_length=120, unique=True)
    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="opening_payments",
        verbose_name=_("facture"),
    )
    paid_on = models.DateField(_("payée le"))
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    imported_at = models.DateTimeField(_("importé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("paiement repris")
        verbose_name_plural = _("paiements repris")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="openingpayment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.key
