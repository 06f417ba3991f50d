import pghistory
from django.db import models
from django.utils.translation import gettext_lazy as _


@pghistory.track()
class Product(models.Model):
    """An article of the catalogue, priced excluding VAT (HT)."""

    reference = models.CharField(_("référence"), max_length=64, unique=True)
    designation = models.CharField(_("désignation"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    brand = models.CharField(_("marque"), max_length=100, blank=True)
    price_ht = models.DecimalField(_("prix unitaire HT"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2)
    stock_on_hand = models.PositiveIntegerField(_("stock physique"), default=0)
    is_active = models.BooleanField(_("en vente"), default=True)

    class Meta:
        verbose_name = _("produit")
        verbose_name_plural = _("produits")
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_ht__gte=0), name="product_price_ht_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(vat_rate__gte=0), name="product_vat_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.designation}"
