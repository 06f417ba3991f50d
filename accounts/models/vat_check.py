"""The automatic check of a company's VAT number against the EU VIES service, kept with
the KYC submission it was made for, so the reviewer sees what VIES answered and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class VatCheckResult(models.TextChoices):
    VALID = "valid", _("Numéro valide selon VIES")
    INVALID = "invalid", _("Numéro invalide selon VIES")
    NOT_CHECKED = "not_checked", _("Non vérifié (pas de consultation automatique de VIES)")
    UNAVAILABLE = "unavailable", _("Service VIES indisponible")


class VatCheck(models.Model):
    """One answer of the VIES check (or why there is none). Rows are only added."""

    Result = VatCheckResult

    submission = models.ForeignKey(
        "accounts.KycSubmission",
        on_delete=models.PROTECT,
        related_name="vat_checks",
        verbose_name=_("dossier KYC soumis"),
    )
    vat_number = models.CharField(_("numéro de TVA vérifié"), max_length=16)
    result = models.CharField(_("résultat"), max_length=16, choices=VatCheckResult)
    checker = models.CharField(_("moyen de vérification"), max_length=100)
    name = models.CharField(_("dénomination connue de VIES"), max_length=255, blank=True)
    address = models.TextField(_("adresse connue de VIES"), blank=True)
    detail = models.CharField(_("précision"), max_length=255, blank=True)
    checked_at = models.DateTimeField(_("vérifié le"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("demandé par"),
        help_text=_("Vide : vérification automatique à l'envoi du dossier."),
    )

    class Meta:
        verbose_name = _("vérification VIES")
        verbose_name_plural = _("vérifications VIES")
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(result__in=VatCheckResult.values),
                name="vatcheck_result_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vat_number} — {self.get_result_display()}"
