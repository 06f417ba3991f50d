"""Versioned general terms of sale (CGV) of the seller, with every rule as a typed parameter.

Each rule field is one row of the table "Terms parameters: the five presets" in the
domain rules (the row is quoted in the field's help text); they are declared by area in
`terms_commercial` (KYC, quotes, payment, late payment) and `terms_fulfilment`
(cancellation, delivery, returns, warranty), with their choices in `terms_choices` and
column builders in `terms_fields`. The model defaults are the
table's "default" column, so a new seller starts from it. A rule that is off ("—") is
stored as NULL (numbers, dates) or an empty string / empty list (choices).

A published version is immutable: a database trigger refuses any UPDATE or DELETE of
a row whose status is "published". Publishing goes through `shop.services.terms_publish`.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint
from shop.models.catalogue import catalogue_version_trigger
from shop.models.terms_choices import (
    CancellationAfter,
    CustomerReturnFeeMode,
    DeliveryZone,
    LatePenaltyMode,
    PaymentMethod,
    RmaDeadlineMode,
    ShippingFeeMode,
    StandardPaymentTerm,
    TermsLanguage,
    TermsStatus,
    WarrantyExclusion,
    WarrantyMode,
)
from shop.models.terms_commercial import TermsCommercialRules
from shop.models.terms_fields import DURATION_PREFIXES
from shop.models.terms_fulfilment import TermsFulfilmentRules

# Fields that are not rules of the terms (identity, life cycle, texts).
NON_PARAMETER_FIELDS = frozenset(
    {
        "id",
        "seller",
        "version",
        "effective_date",
        "status",
        "published_at",
        "created_at",
        "text_fr",
        "text_en",
        "text_nl",
        "text_fr_translated_from",
        "text_en_translated_from",
        "text_nl_translated_from",
    }
)

# The prevailing language: the contract is French, every other text is for information.
PREVAILING_LANGUAGE = TermsLanguage.FRENCH


def _translated_from() -> models.CharField:
    """Where a text is a translation, the language it was translated from."""
    return models.CharField(
        _("traduit de"),
        max_length=2,
        blank=True,
        choices=TermsLanguage.choices,
        help_text=_(
            "Vide si c'est le texte rédigé par le vendeur ; sinon la langue du texte "
            "dont celui-ci est la traduction."
        ),
    )


def _translation_source_valid(language: str) -> models.CheckConstraint:
    field = f"text_{language}_translated_from"
    others = [code for code in TermsLanguage.values if code != language]
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": ["", *others]}),
        name=f"terms_{field}_valid",
    )


def _both_or_neither(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{prefix}_value__isnull": True, f"{prefix}_unit": ""})
            | (models.Q(**{f"{prefix}_value__isnull": False}) & ~models.Q(**{f"{prefix}_unit": ""}))
        ),
        name=f"terms_{prefix}_value_unit",
    )


def _requires(name: str, when: models.Q, then: models.Q) -> models.CheckConstraint:
    """`when` implies `then`, in the database."""
    return models.CheckConstraint(condition=~when | then, name=f"terms_{name}")


# --- the model -----------------------------------------------------------------------------


@pghistory.track()
class Terms(TermsCommercialRules, TermsFulfilmentRules):
    """One version of the seller's general terms of sale."""

    Status = TermsStatus
    TRANSITIONS = {TermsStatus.DRAFT: {TermsStatus.PUBLISHED}}

    # --- identity and life cycle --------------------------------------------------------
    seller = models.ForeignKey(
        "shop.Seller",
        on_delete=models.PROTECT,
        related_name="terms_versions",
        verbose_name=_("vendeur"),
    )
    version = models.PositiveIntegerField(
        _("version"), help_text=_("Numéro de version, unique pour le vendeur (1, 2, 3…).")
    )
    effective_date = models.DateField(
        _("date d'entrée en vigueur"),
        help_text=_(
            "La version publiée dont la date d'entrée en vigueur est la plus récente, "
            "sans dépasser le jour considéré, est celle en vigueur."
        ),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=TermsStatus.choices,
        default=TermsStatus.DRAFT,
        editable=False,
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    # --- texts ------------------------------------------------------------------------------
    # One full text per language. French is the contract language: a version is published
    # only with its French text, which prevails; the others are for information.
    text_fr = models.TextField(
        _("texte (français)"),
        blank=True,
        help_text=_("Texte intégral des CGV en français, langue du contrat, qui prévaut."),
    )
    text_fr_translated_from = _translated_from()
    text_en = models.TextField(_("texte (anglais)"), blank=True)
    text_en_translated_from = _translated_from()
    text_nl = models.TextField(_("texte (néerlandais)"), blank=True)
    text_nl_translated_from = _translated_from()

    class Meta:
        verbose_name = _("conditions générales de vente")
        verbose_name_plural = _("conditions générales de vente")
        ordering = ["seller", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "version"], name="terms_unique_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="terms_version_gte_1"),
            state_check_constraint("terms", "status", TermsStatus),
            *[_translation_source_valid(language) for language in TermsLanguage.values],
            models.CheckConstraint(
                condition=models.Q(status=TermsStatus.DRAFT) | models.Q(published_at__isnull=False),
                name="terms_published_has_date",
            ),
            *[_both_or_neither(prefix) for prefix in DURATION_PREFIXES],
            models.CheckConstraint(
                condition=models.Q(payment_methods__contained_by=PaymentMethod.values)
                & models.Q(payment_methods_by_agreement__contained_by=PaymentMethod.values),
                name="terms_payment_methods_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(delivery_zones__contained_by=DeliveryZone.values),
                name="terms_delivery_zones_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(warranty_exclusions__contained_by=WarrantyExclusion.values),
                name="terms_warranty_exclusions_valid",
            ),
            _requires(
                "late_penalty_multiplier_set",
                models.Q(late_penalty_mode=LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE),
                models.Q(late_penalty_multiplier__isnull=False),
            ),
            _requires(
                "late_penalty_daily_percent_set",
                models.Q(late_penalty_mode=LatePenaltyMode.FIXED_DAILY_PERCENT_OF_TTC),
                models.Q(late_penalty_daily_percent__isnull=False),
            ),
            _requires(
                "cancellation_fee_set",
                models.Q(cancellation_after=CancellationAfter.PERCENT_FEE),
                models.Q(cancellation_fee_percent__isnull=False)
                & ~models.Q(cancellation_fee_base=""),
            ),
            _requires(
                "shipping_thresholds_set",
                models.Q(shipping_fee_mode=ShippingFeeMode.THRESHOLDS),
                models.Q(
                    shipping_free_from_ht__isnull=False,
                    shipping_reduced_fee_from_ht__isnull=False,
                    shipping_reduced_fee_ht__isnull=False,
                    shipping_base_fee_ht__isnull=False,
                ),
            ),
            _requires(
                "standard_payment_days_set",
                models.Q(standard_payment_term=StandardPaymentTerm.NET_DAYS),
                models.Q(standard_payment_days__isnull=False) & ~models.Q(standard_payment_from=""),
            ),
            _requires(
                "commercial_warranty_months_set",
                models.Q(warranty_mode=WarrantyMode.COMMERCIAL),
                models.Q(warranty_months__isnull=False) & ~models.Q(warranty_from=""),
            ),
            _requires(
                "rma_arrival_days_set",
                models.Q(rma_deadline_mode=RmaDeadlineMode.FIXED_PERIOD),
                models.Q(rma_arrival_days__isnull=False),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="terms_published_immutable",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status=TermsStatus.PUBLISHED.value),
            ),
            catalogue_version_trigger("terms_bumps_catalogue_version"),
        ]

    def __str__(self) -> str:
        if self.effective_date is None:
            return f"CGV v{self.version}"
        return f"CGV v{self.version} ({self.effective_date:%d/%m/%Y})"

    @property
    def is_published(self) -> bool:
        return self.status == TermsStatus.PUBLISHED

    @classmethod
    def parameter_names(cls) -> list[str]:
        """The names of the fields that hold a rule of the terms, in declaration order."""
        return [
            field.name
            for field in cls._meta.concrete_fields
            if field.name not in NON_PARAMETER_FIELDS
        ]

    def clean(self) -> None:
        """Check that the parameters of each rule agree; messages in French name the field."""
        super().clean()
        errors: dict[str, list[ValidationError]] = {}

        def require(field: str, message) -> None:
            errors.setdefault(field, []).append(ValidationError(message, code="required"))

        for prefix in DURATION_PREFIXES:
            value = getattr(self, f"{prefix}_value")
            unit = getattr(self, f"{prefix}_unit")
            if value is not None and not unit:
                require(f"{prefix}_unit", _("Indiquez l'unité de cette durée."))
            if value is None and unit:
                require(f"{prefix}_value", _("Indiquez la durée, ou videz aussi l'unité."))
        mode = self.late_penalty_mode
        if (
            mode == LatePenaltyMode.MULTIPLE_OF_FRENCH_LEGAL_RATE
            and self.late_penalty_multiplier is None
        ):
            require(
                "late_penalty_multiplier",
                _("Indiquez le multiplicateur du taux d'intérêt légal."),
            )
        if (
            mode == LatePenaltyMode.FIXED_DAILY_PERCENT_OF_TTC
            and self.late_penalty_daily_percent is None
        ):
            require(
                "late_penalty_daily_percent",
                _("Indiquez le pourcentage journalier de la pénalité."),
            )
        if self.cancellation_after == CancellationAfter.PERCENT_FEE:
            if self.cancellation_fee_percent is None:
                require("cancellation_fee_percent", _("Indiquez le pourcentage de l'indemnité."))
            if not self.cancellation_fee_base:
                require("cancellation_fee_base", _("Indiquez l'assiette de l'indemnité."))
        if self.shipping_fee_mode == ShippingFeeMode.THRESHOLDS:
            for name in (
                "shipping_free_from_ht",
                "shipping_reduced_fee_from_ht",
                "shipping_reduced_fee_ht",
                "shipping_base_fee_ht",
            ):
                if getattr(self, name) is None:
                    require(name, _("Ce montant est requis pour des frais de port par paliers."))
        if self.standard_payment_term == StandardPaymentTerm.NET_DAYS:
            if self.standard_payment_days is None:
                require("standard_payment_days", _("Indiquez le nombre de jours du délai."))
            if not self.standard_payment_from:
                require("standard_payment_from", _("Indiquez le point de départ du délai."))
        if self.warranty_mode == WarrantyMode.COMMERCIAL:
            if self.warranty_months is None:
                require("warranty_months", _("Indiquez la durée de la garantie commerciale."))
            if not self.warranty_from:
                require("warranty_from", _("Indiquez le point de départ de la garantie."))
        if self.rma_deadline_mode == RmaDeadlineMode.FIXED_PERIOD and self.rma_arrival_days is None:
            require("rma_arrival_days", _("Indiquez le délai d'arrivée du colis retourné."))
        if self.low_value_warranty_months is not None and self.low_value_threshold_ht is None:
            require("low_value_threshold_ht", _("Indiquez le seuil des articles de faible valeur."))
        if (
            self.customer_return_fee_mode == CustomerReturnFeeMode.FIXED_PLUS_PERCENT
            and self.customer_return_fee_ht is None
        ):
            require("customer_return_fee_ht", _("Indiquez le forfait de retour."))
        if self.invoice_dispute_days is not None and not self.invoice_dispute_from:
            require("invoice_dispute_from", _("Indiquez le point de départ du délai."))
        for language in TermsLanguage.values:
            source = getattr(self, f"text_{language}_translated_from")
            if source and not getattr(self, f"text_{language}").strip():
                require(
                    f"text_{language}", _("Saisissez le texte traduit, ou videz « traduit de ».")
                )
            if source and not getattr(self, f"text_{source}").strip():
                require(
                    f"text_{language}_translated_from",
                    _("Le texte d'origine de cette traduction manque dans cette version."),
                )
        if errors:
            raise ValidationError(errors)
