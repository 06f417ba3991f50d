"""The lines of a return: one invoice line each, with what the customer said, what the
coverage rules decided at the request, what staff found at intake and what they decided."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from returns.choices import Outcome, ReturnReason
from returns.models.requests import ReturnRequest
from shop.models import WarrantyClass


class LineDecision(models.TextChoices):
    PENDING = "pending", _("à examiner")
    AUTHORISED = "authorised", _("autorisée")
    REFUSED = "refused", _("refusée")


class ReturnLine(models.Model):
    request = models.ForeignKey(
        ReturnRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("retour")
    )
    invoice_line = models.ForeignKey(
        "billing.InvoiceLine",
        on_delete=models.PROTECT,
        related_name="return_lines",
        verbose_name=_("ligne de facture"),
    )
    quantity = models.PositiveIntegerField(_("quantité"))
    serial_numbers = ArrayField(
        models.CharField(max_length=64), verbose_name=_("numéros de série"), default=list
    )
    reason = models.CharField(_("motif"), max_length=20, choices=ReturnReason.choices)
    description = models.TextField(_("description"))
    discovered_on = models.DateField(_("défaut découvert le"), null=True, blank=True)
    # What the product was at the request (a later edit of the product changes nothing).
    warranty_class = models.CharField(
        _("classe de garantie"), max_length=20, choices=WarrantyClass.choices
    )
    manufacturer_warranty = models.BooleanField(_("garantie constructeur"), default=False)
    is_own_product = models.BooleanField(_("produit du vendeur"), default=False)
    brand_warranty_months = models.PositiveSmallIntegerField(
        _("garantie de la marque (mois)"), null=True, blank=True
    )
    coverage_rule = models.CharField(_("règle de couverture"), max_length=40)
    covered_until = models.DateField(_("couvert jusqu'au"), null=True, blank=True)
    decision = models.CharField(
        _("décision"), max_length=12, choices=LineDecision.choices, default=LineDecision.PENDING
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    serials_received = ArrayField(
        models.CharField(max_length=64), verbose_name=_("numéros de série reçus"), default=list
    )
    diagnosis = models.TextField(_("diagnostic"), blank=True)
    modified_by_customer = models.BooleanField(_("modifié par le client"), default=False)
    outcome = models.CharField(_("solution"), max_length=20, choices=Outcome.choices, blank=True)
    goods_refused = models.BooleanField(_("marchandise refusée (à reprendre)"), default=False)
    value_at_intake_ht = models.DecimalField(
        _("valeur à la réception (HT)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    credit_ht = models.DecimalField(
        _("avoir (HT)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    immobilised_days = models.PositiveIntegerField(
        _("immobilisation (jours)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("ligne de retour")
        verbose_name_plural = _("lignes de retour")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="returnline_quantity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(reason__in=ReturnReason.values), name="returnline_reason_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=LineDecision.values),
                name="returnline_decision_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_line.reference} × {self.quantity}"


class ReturnPhoto(models.Model):
    """A photo (or PDF) the customer sent with a line, checked by content (core.uploads)."""

    line = models.ForeignKey(ReturnLine, on_delete=models.CASCADE, related_name="photos")
    document = models.ForeignKey("core.StoredDocument", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.document.filename
