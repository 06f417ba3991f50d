"""What invoices and credit notes share: the copied parties, the totals, the frozen content.

An issued document prints what it copied at issue (seller and buyer identity, addresses,
order reference, VAT regime): a later change of the company or of the seller never changes
a document already issued. Content columns are frozen twice: `save()` and the queryset
refuse to write them once the row exists, and a database trigger (in each model's Meta)
refuses an UPDATE that changes them or a DELETE, whoever sends it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError


class DocumentFrozen(BusinessError):
    """An attempt to change or delete an issued invoice or credit note."""

    def __init__(self, label: str):
        super().__init__(
            "document_frozen",
            _(
                "Un document émis ne se modifie pas et ne se supprime pas (%(document)s) : "
                "corrigez-le par un avoir."
            ),
            params={"document": label},
        )


class LineKind(models.TextChoices):
    GOODS = "goods", _("marchandise")
    SERVICE = "service", _("prestation de services")
    SHIPPING = "shipping", _("frais de port")
    ECO_FEE = "eco_fee", _("éco-participation")
    PACKAGING = "packaging", _("emballage")
    FEE = "fee", _("frais")
    PENALTY = "penalty", _("pénalité ou indemnité (hors champ de TVA)")


class FrozenQuerySet(models.QuerySet):
    """Bulk writes follow the rules of `save()`: only bookkeeping columns, never a delete."""

    def update(self, **kwargs):
        frozen = set(kwargs) - set(self.model.MUTABLE_FIELDS)
        if frozen:
            raise DocumentFrozen(f"{self.model._meta.label}: {', '.join(sorted(frozen))}")
        return super().update(**kwargs)

    def delete(self):
        raise DocumentFrozen(self.model._meta.label)


class FrozenModel(models.Model):
    """A row written once; afterwards only the columns named in MUTABLE_FIELDS change.

    Each concrete model declares `objects = FrozenQuerySet.as_manager()` (declared here,
    the type checker would type every manager as the abstract model's).
    """

    MUTABLE_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, update_fields: Iterable[str] | None = None, **kwargs):
        if not self._state.adding:
            fields = set(update_fields or ())
            if not fields or fields - set(self.MUTABLE_FIELDS):
                names = ", ".join(sorted(fields - set(self.MUTABLE_FIELDS))) or "*"
                raise DocumentFrozen(f"{self}: {names}")
        super().save(*args, update_fields=update_fields, **kwargs)

    def delete(self, *args, **kwargs):
        raise DocumentFrozen(str(self))


def frozen_columns_trigger(name: str, columns: Iterable[str]) -> pgtrigger.Protect:
    """A trigger refusing an UPDATE that changes any of `columns`."""
    condition = pgtrigger.Q()
    for column in columns:
        condition |= pgtrigger.Q(**{f"old__{column}__df": pgtrigger.F(f"new__{column}")})
    return pgtrigger.Protect(name=name, operation=pgtrigger.Update, condition=condition)


def no_delete_trigger(name: str) -> pgtrigger.Protect:
    return pgtrigger.Protect(name=name, operation=pgtrigger.Delete)


def amount_field(label) -> models.DecimalField:
    return models.DecimalField(label, max_digits=14, decimal_places=2)


class IssuedDocument(FrozenModel):
    """Columns common to invoices and credit notes (abstract)."""

    number = models.CharField(_("numéro"), max_length=32, unique=True)
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("client"),
    )
    terms = models.ForeignKey(
        "shop.Terms", on_delete=models.PROTECT, related_name="+", verbose_name=_("CGV")
    )
    issue_date = models.DateField(_("date d'émission"))
    order_reference = models.CharField(_("référence de commande"), max_length=64, blank=True)
    vat_regime = models.JSONField(_("régime de TVA"), default=dict)
    total_ht = amount_field(_("total HT"))
    total_vat = amount_field(_("total TVA"))
    total_ttc = amount_field(_("total TTC"))
    # Copied at issue: what the document prints.
    seller = models.JSONField(_("vendeur (copie)"), default=dict)
    buyer_name = models.CharField(_("client (dénomination)"), max_length=255)
    buyer_siren = models.CharField(_("SIREN du client"), max_length=9, blank=True)
    buyer_enterprise_number = models.CharField(
        _("numéro d'entreprise du client"), max_length=10, blank=True
    )
    buyer_vat_number = models.CharField(_("TVA du client"), max_length=16, blank=True)
    buyer_country = models.CharField(_("pays du client"), max_length=2)
    # {"name", "line1", "line2", "postal_code", "city", "country"}: printed as copied.
    billing_address = models.JSONField(_("adresse de facturation"), default=dict)
    delivery_address = models.JSONField(_("adresse de livraison"), default=dict, blank=True)
    delivery_country = models.CharField(_("pays de livraison"), max_length=2, blank=True)
    buyer_language = models.CharField(
        _("langue du client"),
        max_length=2,
        default="fr",
        help_text=_("Langue des intitulés imprimés à côté du français (en, nl)."),
    )
    issued_at = models.DateTimeField(_("émis le"), default=timezone.now)
    issued_by = models.CharField(_("émis par"), max_length=200)

    # Content printed on the document: frozen by the trigger of each concrete model.
    CONTENT_COLUMNS: tuple[str, ...] = (
        "number",
        "company_id",
        "terms_id",
        "issue_date",
        "order_reference",
        "vat_regime",
        "total_ht",
        "total_vat",
        "total_ttc",
        "seller",
        "buyer_name",
        "buyer_siren",
        "buyer_enterprise_number",
        "buyer_vat_number",
        "buyer_country",
        "billing_address",
        "delivery_address",
        "delivery_country",
        "buyer_language",
        "issued_at",
        "issued_by",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.number


class DocumentLine(FrozenModel):
    """One printed line of an invoice or credit note (abstract); never changes."""

    position = models.PositiveSmallIntegerField(_("position"))
    reference = models.CharField(_("référence"), max_length=64, blank=True)
    designation = models.CharField(_("désignation"), max_length=500)
    quantity = models.PositiveIntegerField(_("quantité"))
    unit_price_ht = amount_field(_("prix unitaire HT"))
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2)
    line_total_ht = amount_field(_("total HT de la ligne"))
    kind = models.CharField(_("nature"), max_length=16, choices=LineKind, default=LineKind.GOODS)
    serial_numbers = ArrayField(
        models.CharField(max_length=64),
        verbose_name=_("numéros de série"),
        default=list,
        blank=True,
    )

    class Meta:
        abstract = True
        ordering = ["position"]
