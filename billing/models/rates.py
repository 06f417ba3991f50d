"""The public interest-rate tables that late-payment penalties are computed from.

Staff keep them current in admin (docs/rules/late-payment.md); django-pghistory keeps
every value with who changed it and when, so a penalty computed last month can be
explained with the table as it stood. A data migration seeds them with the published
values (DOMAIN appendix "Rates"):

- the French legal interest rate for a professional creditor, one value per half-year
  (base of 000's x5 and 004's x3);
- the ECB main refinancing rate by effective date (the French statutory default is the
  rate in force on 1 January or 1 July + 10 points, L441-10);
- the Belgian rate for commercial transactions (law of 2 August 2002), per half-year
  (002 and 003).
"""

from __future__ import annotations

import pghistory
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class HalfYear(models.IntegerChoices):
    FIRST = 1, _("1er semestre (1er janvier)")
    SECOND = 2, _("2e semestre (1er juillet)")


def _rate_field():
    return models.DecimalField(
        _("taux annuel (%)"),
        max_digits=7,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )


class HalfYearRate(models.Model):
    """A rate published for one half-year (1 January to 30 June, 1 July to 31 December)."""

    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    half = models.PositiveSmallIntegerField(_("semestre"), choices=HalfYear.choices)
    rate = _rate_field()

    class Meta:
        abstract = True
        ordering = ["-year", "-half"]

    def __str__(self) -> str:
        return f"{self.year} S{self.half} : {self.rate} %"


@pghistory.track()
class FrenchLegalRate(HalfYearRate):
    class Meta(HalfYearRate.Meta):
        verbose_name = _("taux d'intérêt légal français (créancier professionnel)")
        verbose_name_plural = _("taux d'intérêt légal français (créancier professionnel)")
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="french_legal_rate_unique"),
            models.CheckConstraint(
                condition=models.Q(half__in=[1, 2], rate__gte=0),
                name="french_legal_rate_valid",
            ),
        ]


@pghistory.track()
class BelgianCommercialRate(HalfYearRate):
    class Meta(HalfYearRate.Meta):
        verbose_name = _("taux belge des transactions commerciales")
        verbose_name_plural = _("taux belge des transactions commerciales")
        constraints = [
            models.UniqueConstraint(fields=["year", "half"], name="belgian_rate_unique"),
            models.CheckConstraint(
                condition=models.Q(half__in=[1, 2], rate__gte=0),
                name="belgian_rate_valid",
            ),
        ]


@pghistory.track()
class EcbRefinancingRate(models.Model):
    """The ECB main refinancing rate, in force from `effective_from` until the next row."""

    effective_from = models.DateField(_("en vigueur à partir du"), unique=True)
    rate = _rate_field()

    class Meta:
        verbose_name = _("taux de refinancement de la BCE")
        verbose_name_plural = _("taux de refinancement de la BCE")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(condition=models.Q(rate__gte=0), name="ecb_rate_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.effective_from:%d/%m/%Y} : {self.rate} %"
