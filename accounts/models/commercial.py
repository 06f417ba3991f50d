"""What staff grant each company: payment methods, payment term, credit limit, suspension.

`CompanyCommercialSettings` is tracked by django-pghistory (every saved value, with the
request's user and URL from its middleware, or the job's context); `updated_by` and
`updated_at` say who changed it last. A deferred payment term needs a favourable
`FinancialReview` of the same company (docs/rules/accounts-kyc.md, 004 art. 5): the service checks
it and the database refuses a deferred term without a review.
"""

from __future__ import annotations

from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.fields import ChoiceArrayField
from shop.models.terms_choices import PaymentMethod


class PaymentTerm(models.TextChoices):
    CASH_AT_ORDER = "cash_at_order", _("Comptant à la commande")
    DEFERRED = "deferred", _("Paiement différé (à terme)")


class ReviewConclusion(models.TextChoices):
    FAVOURABLE = "favourable", _("Favorable")
    UNFAVOURABLE = "unfavourable", _("Défavorable")


def default_payment_methods() -> list[str]:
    return [PaymentMethod.CARD, PaymentMethod.TRANSFER]


class FinancialReview(models.Model):
    """A recorded financial review of a company: who, when, what was concluded. Immutable."""

    Conclusion = ReviewConclusion

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="financial_reviews",
        verbose_name=_("entreprise"),
    )
    reviewed_at = models.DateTimeField(_("réalisée le"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("réalisée par"),
    )
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=ReviewConclusion)
    max_term_days = models.PositiveSmallIntegerField(
        _("délai de paiement maximal accordable (jours)"),
        null=True,
        blank=True,
        help_text=_("Vide si l'analyse est défavorable."),
    )
    notes = models.TextField(
        _("analyse"), help_text=_("Sources consultées, chiffres retenus, assurance-crédit…")
    )

    class Meta:
        verbose_name = _("analyse financière")
        verbose_name_plural = _("analyses financières")
        ordering = ["-reviewed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(conclusion__in=ReviewConclusion.values),
                name="financialreview_conclusion_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(conclusion=ReviewConclusion.FAVOURABLE, max_term_days__gt=0)
                | models.Q(conclusion=ReviewConclusion.UNFAVOURABLE, max_term_days__isnull=True),
                name="financialreview_term_matches_conclusion",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="financialreview_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} — {self.get_conclusion_display()} ({self.reviewed_at:%d/%m/%Y})"


@pghistory.track()
class CompanyCommercialSettings(models.Model):
    """Staff-set conditions of one company. Changed only through `commercial_settings_update`."""

    company = models.OneToOneField(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="commercial_settings",
        verbose_name=_("entreprise"),
    )
    payment_methods = ChoiceArrayField(
        models.CharField(max_length=32, choices=PaymentMethod),
        verbose_name=_("moyens de paiement autorisés"),
        default=default_payment_methods,
    )
    payment_term = models.CharField(
        _("conditions de paiement"),
        max_length=16,
        choices=PaymentTerm,
        default=PaymentTerm.CASH_AT_ORDER,
    )
    deferred_days = models.PositiveSmallIntegerField(
        _("délai de paiement (jours)"),
        null=True,
        blank=True,
        help_text=_("Seulement pour un paiement différé, par exemple 30."),
    )
    financial_review = models.ForeignKey(
        FinancialReview,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("analyse financière"),
        help_text=_("Obligatoire pour un paiement différé : une analyse favorable."),
    )
    credit_limit = models.DecimalField(
        _("encours autorisé (EUR HT)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    delivery_suspended = models.BooleanField(_("livraisons suspendues"), default=False)
    delivery_suspension_reason = models.TextField(_("motif de la suspension"), blank=True)
    prepayment_required = models.BooleanField(_("paiement d'avance exigé"), default=False)
    updated_at = models.DateTimeField(_("modifié le"), default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("modifié par"),
        editable=False,
    )

    class Meta:
        verbose_name = _("conditions commerciales")
        verbose_name_plural = _("conditions commerciales")
        permissions = [
            (
                "manage_commercial_settings",
                _("Peut modifier les conditions de paiement, l'encours et les suspensions"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(payment_methods__contained_by=PaymentMethod.values)
                & models.Q(payment_methods__len__gt=0),
                name="commercialsettings_payment_methods_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    payment_term=PaymentTerm.CASH_AT_ORDER,
                    deferred_days__isnull=True,
                )
                | models.Q(
                    payment_term=PaymentTerm.DEFERRED,
                    deferred_days__gt=0,
                    financial_review__isnull=False,
                ),
                name="commercialsettings_deferred_needs_review",
            ),
            models.CheckConstraint(
                condition=models.Q(delivery_suspended=False)
                | ~models.Q(delivery_suspension_reason=""),
                name="commercialsettings_suspension_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(credit_limit__gte=0),
                name="commercialsettings_credit_limit_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.company)
