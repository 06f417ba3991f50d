"""The seller's shipping fee table, used when the terms say the fee comes from a table.

The terms in force choose the mode (`Terms.shipping_fee_mode`); the table rows are the
seller's price list for the "zone", "order" and "carrier" modes (presets 000, 002,
003), edited by staff with their history kept. A row applies from `from_amount_ht`
(inclusive) of goods HT; for one zone and carrier the row with the highest lower
bound not above the amount wins.
"""

from __future__ import annotations

import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.models.catalogue import catalogue_version_trigger
from shop.models.terms_choices import DeliveryZone


@pghistory.track()
class ShippingRate(models.Model):
    seller = models.ForeignKey(
        "shop.Seller",
        on_delete=models.CASCADE,
        related_name="shipping_rates",
        verbose_name=_("vendeur"),
    )
    zone = models.CharField(
        _("zone de livraison"),
        max_length=20,
        choices=DeliveryZone.choices,
        blank=True,
        help_text=_("Vide : toutes les zones (barème par commande ou par transporteur)."),
    )
    carrier = models.CharField(
        _("transporteur"),
        max_length=60,
        blank=True,
        help_text=_("Barème par transporteur : nom du transporteur. Vide sinon."),
    )
    from_amount_ht = models.DecimalField(
        _("à partir de (HT, inclus)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Montant HT des marchandises à partir duquel ce tarif s'applique."),
    )
    fee_ht = models.DecimalField(
        _("frais de port HT"),
        max_digits=14,
        decimal_places=2,
        help_text=_("0 : livraison gratuite."),
    )

    class Meta:
        verbose_name = _("tarif de livraison")
        verbose_name_plural = _("barème des frais de port")
        ordering = ["zone", "carrier", "from_amount_ht"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "zone", "carrier", "from_amount_ht"],
                name="shipping_rate_unique_bracket",
            ),
            models.CheckConstraint(
                condition=models.Q(from_amount_ht__gte=0, fee_ht__gte=0),
                name="shipping_rate_amounts_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(zone__in=[*DeliveryZone.values, ""]),
                name="shipping_rate_zone_valid",
            ),
        ]
        # The cart keeps its rendered totals under the catalogue version.
        triggers = [catalogue_version_trigger("shipping_rate_bumps_catalogue_version")]

    def __str__(self) -> str:
        where = self.get_zone_display() if self.zone else _("toutes zones")
        return f"{where} {self.carrier} ≥ {self.from_amount_ht} : {self.fee_ht}".replace("  ", " ")
