from django.db import models
from django.utils.translation import gettext_lazy as _


class SequenceCounter(models.Model):
    """The last number given in one series for one year (see core.sequences)."""

    series = models.CharField(max_length=32)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("compteur de numérotation")
        verbose_name_plural = _("compteurs de numérotation")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="sequence_series_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last_value}"
