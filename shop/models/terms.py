"""Versioned general terms of sale (CGV) of the seller, with every rule as a typed parameter.

Each field below is one row of the table "Terms parameters: the five presets" in the
domain rules (the row is quoted in the field's help text). The model defaults are the
table's "default" column, so a new seller starts from it. A rule that is off ("—") is
stored as NULL (numbers, dates) or an empty string / empty list (choices).

A published version is immutable: a database trigger refuses any UPDATE or DELETE of
a row whose status is "published". Publishing goes through `shop.services.terms_publish`.
"""

from __future__ import annotations

from decimal import Decimal

import pghistory
import pgtrigger
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint

# --- choices (module level: a nested class is not visible inside Meta) -------------------


class TermsStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")


class DurationUnit(models.TextChoices):
    HOURS = "hours", _("heures")
    DAYS = "days", _("jours calendaires")
    WORKING_DAYS = "working_days", _("jours ouvrés")
    DAYS_EXCLUDING_HOLIDAYS = "days_excluding_holidays", _("jours hors jours fériés")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("carte bancaire")
    TRANSFER = "transfer", _("virement bancaire")
    LCR = "lcr", _("LCR (lettre de change)")
    CHEQUE = "cheque", _("chèque")
    CASH_ON_DELIVERY = "cash_on_delivery", _("contre-remboursement")


class StandardPaymentTerm(models.TextChoices):
    CASH_AT_ORDER = "cash_at_order", _("comptant à la commande")
    CASH_BEFORE_SHIPPING = "cash_before_shipping", _("comptant avant expédition")
    NET_DAYS = "net_days", _("à terme (nombre de jours)")


class TermStart(models.TextChoices):
    INVOICE_DATE = "invoice_date", _("date de facture")
    DELIVERY_DATE = "delivery_date", _("date de livraison")


class LcrNotReturnedEffect(models.TextChoices):
    DUE_IMMEDIATELY = "due_immediately", _("paiement immédiatement exigible")
    PAYMENT_DEFAULT = "payment_default", _("refus d'acceptation, défaut de paiement")


class LatePenaltyMode(models.TextChoices):
    ECB_PLUS_10 = "ecb_plus_10", _("taux BCE + 10 points (défaut légal, L441-10)")
    MULTIPLE_OF_FRENCH_LEGAL_RATE = (
        "multiple_of_french_legal_rate",
        _("multiple du taux d'intérêt légal français"),
    )
    FIXED_DAILY_PERCENT_OF_TTC = (
        "fixed_daily_percent_of_ttc",
        _("pourcentage fixe du TTC par jour de retard"),
    )
    BELGIAN_COMMERCIAL_RATE = (
        "belgian_commercial_rate",
        _("taux belge des transactions commerciales (loi du 2 août 2002)"),
    )
    BELGIAN_LEGAL_RATE = "belgian_legal_rate", _("taux d'intérêt légal belge")


class CancellationStage(models.TextChoices):
    PAYMENT_VALIDATION = "payment_validation", _("avant la validation du paiement")
    PREPARATION = "preparation", _("avant la mise en préparation")
    SHIPPING = "shipping", _("avant l'expédition")


class CancellationAfter(models.TextChoices):
    REFUSED = "refused", _("annulation refusée")
    PERCENT_FEE = "percent_fee", _("indemnité en pourcentage")
    COSTS_INCURRED = "costs_incurred", _("frais engagés facturés par le personnel")


class FeeBase(models.TextChoices):
    HT = "ht", _("montant HT de la commande")
    TTC = "ttc", _("montant TTC de la commande")
    PARCEL_VALUE = "parcel_value", _("valeur du colis")


class ModificationRule(models.TextChoices):
    BEFORE_PREPARATION = "before_preparation", _("tant que la commande n'est pas en préparation")
    BEFORE_PROCESSING = "before_processing", _("tant que la commande n'est pas traitée")
    NOTICE_BEFORE_DELIVERY = (
        "notice_before_delivery",
        _("par écrit, un délai minimal avant la livraison prévue"),
    )


class InvoiceDisputeFrom(models.TextChoices):
    GOODS_RECEIPT = "goods_receipt", _("réception de la marchandise")
    DUE_DATE = "due_date", _("date d'échéance")


class DeliveryZone(models.TextChoices):
    FR_METRO = "fr_metro", _("France métropolitaine")
    BE = "be", _("Belgique")
    LU = "lu", _("Luxembourg")
    CH = "ch", _("Suisse")
    DOM_TOM = "dom_tom", _("Outre-mer (DOM-TOM / DROM-COM), facturé hors TVA")
    EXPORT = "export", _("Export hors Union européenne")


class ShippingFeeMode(models.TextChoices):
    QUOTED_BY_SALES = "quoted_by_sales", _("chiffré par le service commercial")
    ZONE_TABLE = "zone_table", _("barème par zone et distance")
    ORDER_TABLE = "order_table", _("barème par commande")
    CARRIER_TABLE = "carrier_table", _("barème par transporteur")
    THRESHOLDS = "thresholds", _("franco et paliers de montant HT")


class PriceBasis(models.TextChoices):
    PRICE_AT_ORDER = "price_at_order", _("prix convenu à la commande")
    PRICE_AT_INVOICING = "price_at_invoicing", _("tarif en vigueur le jour de la facturation")


class RmaDeadlineMode(models.TextChoices):
    FIXED_PERIOD = "fixed_period", _("délai fixe après l'accord de retour")
    STAFF_SET = "staff_set", _("date fixée par le personnel sur le bon de retour")


class CustomerReturnFeeMode(models.TextChoices):
    FIXED_PLUS_PERCENT = (
        "fixed_plus_percent",
        _("forfait HT, plus un pourcentage au-delà d'un seuil"),
    )
    COSTS_CHARGED = "costs_charged", _("frais de retour facturés")


class WarrantyMode(models.TextChoices):
    COMMERCIAL = "commercial", _("garantie commerciale du vendeur")
    LEGAL_ONLY = "legal_only", _("garantie légale seulement")


class WarrantyStart(models.TextChoices):
    INVOICE_DATE = "invoice_date", _("date de facture")
    PURCHASE_DATE = "purchase_date", _("date d'achat")


class WarrantyExclusion(models.TextChoices):
    SOFTWARE = "software", _("logiciels")
    BOOKS = "books", _("livres")
    CARTRIDGES = "cartridges", _("cartouches")
    STORAGE_MEDIA = "storage_media", _("supports de stockage (CD, DVD…)")
    VIDEO_GAMES = "video_games", _("jeux vidéo")
    CONSUMABLES = "consumables", _("consommables")
    CUSTOMER_MODIFIED = "customer_modified", _("produits modifiés par le client")


class ManufacturerWarrantyPolicy(models.TextChoices):
    REDIRECTED = "redirected", _("le client est orienté vers le fabricant")
    REFUSED = "refused", _("retour refusé, le client s'adresse au fabricant")


# --- field helpers -------------------------------------------------------------------------


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as check boxes in forms."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
            **kwargs,
        }
        # Skip ArrayField.formfield (a comma-separated text box).
        return super(ArrayField, self).formfield(**defaults)


def _duration(label, help_text, *, value: int | None = None, unit: str = ""):
    """A duration as two columns: an integer and its unit (both empty when the rule is off)."""
    return (
        models.PositiveIntegerField(
            label, null=True, blank=True, default=value, help_text=help_text
        ),
        models.CharField(
            format_lazy("{} — {}", label, _("unité")),
            max_length=32,
            blank=True,
            default=unit,
            choices=DurationUnit.choices,
            help_text=format_lazy("{} {}", _("Unité de la durée :"), help_text),
        ),
    )


def _money(label, help_text, *, default: Decimal | None = None):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        default=default,
        help_text=help_text,
    )


def _rate(label, help_text, *, default: Decimal | None = None):
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        default=default,
        help_text=help_text,
    )


def _count(label, help_text, *, default: int | None = None):
    return models.PositiveIntegerField(
        label, null=True, blank=True, default=default, help_text=help_text
    )


def _choice(label, help_text, choices, *, default: str = ""):
    return models.CharField(
        label,
        max_length=40,
        blank=True,
        default=default,
        choices=choices.choices,
        help_text=help_text,
    )


def default_payment_methods() -> list[str]:
    return [PaymentMethod.CARD, PaymentMethod.TRANSFER]


def default_delivery_zones() -> list[str]:
    return [DeliveryZone.FR_METRO]


# Pairs of (value, unit) columns created by `_duration`.
DURATION_PREFIXES = (
    "quote_validity",
    "special_order_offer_validity",
    "special_order_payment",
    "unpaid_transfer_cancel",
    "complaint_window",
)

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
    }
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
class Terms(models.Model):
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

    # --- KYC ------------------------------------------------------------------------------
    kbis_max_age_months = models.PositiveSmallIntegerField(
        _("âge maximal de l'extrait Kbis (mois)"),
        default=3,
        help_text=_(
            "Ligne « Kbis maximum age » : l'extrait Kbis doit avoir été délivré il y a "
            "moins de ce nombre de mois (001 art. 2, 004 art. 2, 000 art. 4). Défaut : 3 mois."
        ),
    )
    dormancy_months = models.PositiveSmallIntegerField(
        _("inactivité avant nouvelle vérification (mois)"),
        default=12,
        help_text=_(
            "Ligne « dormancy before re-KYC » : un compte sans commande depuis ce nombre de "
            "mois doit renvoyer ses pièces (001 art. 2). Défaut : 12 mois."
        ),
    )

    # --- quotes -------------------------------------------------------------------------------
    quote_validity_value, quote_validity_unit = _duration(
        _("validité d'un devis"),
        _(
            "Ligne « quote validity » : durée de validité d'un devis émis (001 art. 4, "
            "004 art. 1 : 15 jours ; 000 art. 3 : 3 jours ; 003 art. 2.1 : 72 heures). "
            "Défaut : 15 jours."
        ),
        value=15,
        unit=DurationUnit.DAYS,
    )
    special_order_offer_validity_value, special_order_offer_validity_unit = _duration(
        _("validité d'une offre sur commande spéciale"),
        _(
            "Ligne « special-order offer validity / payment », 1re partie : validité de "
            "l'offre pour un produit hors catalogue (003 art. 2.3 : 48 heures). Vide : sans objet."
        ),
    )
    special_order_payment_value, special_order_payment_unit = _duration(
        _("délai de paiement d'une commande spéciale"),
        _(
            "Ligne « special-order offer validity / payment », 2e partie : la commande "
            "spéciale est payable dans ce délai après l'acceptation de l'offre "
            "(003 art. 2.3 : 72 heures). Vide : sans objet."
        ),
    )

    # --- orders and payment terms ---------------------------------------------------------
    unpaid_transfer_cancel_value, unpaid_transfer_cancel_unit = _duration(
        _("annulation d'une commande par virement impayée"),
        _(
            "Ligne « unpaid bank-transfer order cancelled after » : une commande payable par "
            "virement et non payée dans ce délai est annulée sans frais (002 art. 4 : 7 jours "
            "ouvrés ; 003 : 72 heures). Vide : pas d'annulation automatique (001, paiement à "
            "terme). Défaut : 7 jours ouvrés."
        ),
        value=7,
        unit=DurationUnit.WORKING_DAYS,
    )
    standard_payment_term = _choice(
        _("conditions de paiement standard"),
        _(
            "Ligne « standard payment term » : comptant à la commande (défaut), comptant avant "
            "expédition (003 art. 4.1) ou à terme (001 art. 7 : 30 jours à compter de la "
            "livraison)."
        ),
        StandardPaymentTerm,
        default=StandardPaymentTerm.CASH_AT_ORDER,
    )
    standard_payment_days = _count(
        _("délai de paiement standard (jours)"),
        _("Ligne « standard payment term » : nombre de jours quand le paiement est à terme."),
    )
    standard_payment_from = _choice(
        _("point de départ du délai standard"),
        _("Ligne « standard payment term » : date à partir de laquelle court le délai à terme."),
        TermStart,
    )
    deferred_payment_days = _count(
        _("délai accordé après étude (jours)"),
        _(
            "Ligne « deferred term when granted » : délai de paiement que le personnel peut "
            "accorder après une étude financière (004 art. 5 : 30 jours nets). Vide : aucun "
            "paiement à terme (002, 003). Défaut : 30 jours à compter de la facture."
        ),
        default=30,
    )
    deferred_payment_from = _choice(
        _("point de départ du délai accordé"),
        _("Ligne « deferred term when granted » : date de facture (défaut) ou de livraison (001)."),
        TermStart,
        default=TermStart.INVOICE_DATE,
    )
    deferred_payment_method = _choice(
        _("moyen de paiement du délai accordé"),
        _(
            "Ligne « deferred term when granted » : moyen imposé pour le paiement à terme "
            "(004 : LCR). Vide : tout moyen autorisé."
        ),
        PaymentMethod,
    )
    payment_methods = ChoiceArrayField(
        models.CharField(max_length=20, choices=PaymentMethod.choices),
        verbose_name=_("moyens de paiement proposés"),
        default=default_payment_methods,
        blank=True,
        help_text=_(
            "Ligne « payment methods offered » : moyens ouverts à tout client approuvé. "
            "Défaut : carte et virement. Jamais d'espèces."
        ),
    )
    payment_methods_by_agreement = ChoiceArrayField(
        models.CharField(max_length=20, choices=PaymentMethod.choices),
        verbose_name=_("moyens de paiement sur accord"),
        default=list,
        blank=True,
        help_text=_(
            "Ligne « payment methods offered » : moyens que le personnel peut accorder à un "
            "client (000 : LCR sur accord ; 004 : LCR si un délai est accordé)."
        ),
    )
    cash_on_delivery_fee_charged = models.BooleanField(
        _("frais de contre-remboursement à la charge du client"),
        default=False,
        help_text=_(
            "Ligne « payment methods offered » : 000 art. 4, contre-remboursement (frais)."
        ),
    )
    credit_min_monthly_order_ht = _money(
        _("commande mensuelle minimale pour un encours (HT)"),
        _(
            "Ligne « minimum monthly order for credit » : un encours n'est accordé qu'à partir "
            "de ce montant HT de commandes mensuelles (000 art. 4 : 3 000 €). Vide : sans objet."
        ),
    )
    lcr_return_days = _count(
        _("retour de la LCR acceptée (jours)"),
        _(
            "Ligne « LCR: accepted draft returned within » : délai de retour de la traite "
            "acceptée (000 art. 4 : 8 jours ; 004 art. 5 : 30 jours). Vide : sans objet."
        ),
    )
    lcr_not_returned_effect = _choice(
        _("conséquence d'une LCR non retournée"),
        _(
            "Ligne « LCR: accepted draft returned within » : 000, paiement immédiatement "
            "exigible ; 004, refus d'acceptation valant défaut de paiement."
        ),
        LcrNotReturnedEffect,
    )
    lcr_rejection_fee = _money(
        _("frais de LCR rejetée"),
        _("Ligne « rejected LCR fee » : montant facturé par LCR rejetée (004 art. 5 : 15 €)."),
    )
    deposit_kept_on_cancellation = models.BooleanField(
        _("acompte conservé en cas d'annulation"),
        default=False,
        help_text=_(
            "Ligne « deposit kept on cancellation » : l'acompte versé reste acquis au vendeur "
            "si le client annule après acceptation (001 art. 4). 000 : un paiement n'est "
            "jamais un acompte."
        ),
    )

    # --- late payment -------------------------------------------------------------------------
    late_penalty_mode = _choice(
        _("taux des pénalités de retard"),
        _(
            "Ligne « late penalty rate » : BCE + 10 points (défaut légal français), multiple du "
            "taux légal français (000 : ×5 ; 004 : ×3), pourcentage fixe du TTC par jour "
            "(001 : 2,5 %), taux belge des transactions commerciales (002) ou taux légal belge "
            "(003)."
        ),
        LatePenaltyMode,
        default=LatePenaltyMode.ECB_PLUS_10,
    )
    late_penalty_multiplier = _rate(
        _("multiplicateur du taux légal"),
        _("Ligne « late penalty rate » : multiple du taux d'intérêt légal (000 : 5 ; 004 : 3)."),
    )
    late_penalty_daily_percent = _rate(
        _("pénalité journalière (% du TTC)"),
        _("Ligne « late penalty rate » : pourcentage du TTC par jour de retard (001 : 2,5)."),
    )
    late_penalty_from_day_after_delivery = _count(
        _("pénalités à partir du jour suivant la livraison"),
        _(
            "Ligne « late penalty rate » : les pénalités courent à partir de ce jour après la "
            "livraison (001 art. 7 : 31e jour). Vide : dès le lendemain de l'échéance."
        ),
    )
    late_penalty_month_started_due_in_full = models.BooleanField(
        _("tout mois commencé est dû"),
        default=False,
        help_text=_(
            "Ligne « any month started due in full » : chaque mois de retard commencé compte "
            "pour un douzième du taux annuel (004 art. 5)."
        ),
    )
    recovery_indemnity_amount = _money(
        _("indemnité forfaitaire de recouvrement"),
        _(
            "Ligne « fixed recovery indemnity » : montant par facture payée en retard "
            "(40 € en droit français, D441-5). Vide : remplacée par des frais d'encaissement (003)."
        ),
        default=Decimal("40.00"),
    )
    collection_fee_percent = _rate(
        _("frais d'encaissement (% du principal)"),
        _(
            "Ligne « fixed recovery indemnity » : frais d'encaissement d'au moins ce pourcentage "
            "de la somme principale (003 art. 4.4 : 15 %). Vide : sans objet."
        ),
    )
    litigation_penalty_percent = _rate(
        _("clause pénale en cas de contentieux (%)"),
        _(
            "Ligne « litigation penalty clause » : majoration forfaitaire du montant réclamé "
            "en cas de recouvrement contentieux (000 art. 4, 004 art. 5 : 10 %). Vide : sans objet."
        ),
    )
    acceleration_on_overdue = models.BooleanField(
        _("déchéance du terme des autres factures"),
        default=False,
        help_text=_(
            "Ligne « acceleration of other invoices » : une facture échue impayée rend "
            "exigibles toutes les autres (001 art. 7, 004 art. 5)."
        ),
    )
    arrears_suspend_deliveries = models.BooleanField(
        _("suspension des livraisons en cas d'impayé"),
        default=True,
        help_text=_(
            "Ligne « arrears suspend deliveries » : un retard de paiement suspend les "
            "livraisons et commandes en cours, sans préavis (000 art. 4, 001 art. 7, 004 art. 5)."
        ),
    )
    prepayment_after_incident = models.BooleanField(
        _("paiement d'avance exigé après un incident"),
        default=False,
        help_text=_(
            "Ligne « prepayment required after an incident » : après un incident de paiement, "
            "le vendeur peut imposer le paiement d'avance (003 art. 4.6, 004 art. 5)."
        ),
    )

    # --- cancellation and modification --------------------------------------------------
    cancellation_free_before = _choice(
        _("annulation gratuite par le client"),
        _(
            "Ligne « customer cancellation » : étape avant laquelle le client peut annuler "
            "sans frais (défaut : avant la préparation ; 000, 002 : avant la validation du "
            "paiement ; 003 : avant l'expédition). Vide : jamais gratuite (001, 004)."
        ),
        CancellationStage,
        default=CancellationStage.PREPARATION,
    )
    cancellation_after = _choice(
        _("annulation après cette étape"),
        _(
            "Ligne « customer cancellation » : refusée (défaut), indemnité en pourcentage "
            "(001 : 35 % du TTC ; 003 : 15 % de la valeur du colis) ou frais engagés (004)."
        ),
        CancellationAfter,
        default=CancellationAfter.REFUSED,
    )
    cancellation_fee_percent = _rate(
        _("indemnité d'annulation (%)"),
        _("Ligne « customer cancellation » : pourcentage de l'indemnité (001 : 35 ; 003 : 15)."),
    )
    cancellation_fee_base = _choice(
        _("assiette de l'indemnité d'annulation"),
        _("Ligne « customer cancellation » : HT, TTC (001) ou valeur du colis (003)."),
        FeeBase,
    )
    modification_rule = _choice(
        _("modification d'une commande"),
        _(
            "Ligne « modification notice » : tant que la commande n'est pas en préparation "
            "(défaut), tant qu'elle n'est pas traitée (000 art. 2), ou par écrit un délai "
            "minimal avant la livraison (001 art. 5). Vide : commandes fermes (004)."
        ),
        ModificationRule,
        default=ModificationRule.BEFORE_PREPARATION,
    )
    modification_notice_days = _count(
        _("préavis de modification avant livraison (jours)"),
        _("Ligne « modification notice » : 001 art. 5, 7 jours avant la livraison prévue."),
    )
    modification_requires_new_signed_order = models.BooleanField(
        _("modification par un nouveau bon de commande signé"),
        default=False,
        help_text=_("Ligne « modification notice » : 001 art. 5, nouveau bon de commande signé."),
    )

    # --- delivery, complaints -----------------------------------------------------------
    complaint_window_value, complaint_window_unit = _duration(
        _("délai de réclamation (vices apparents, manquants)"),
        _(
            "Ligne « complaint window, apparent defects / missing items » : réclamation écrite "
            "après la livraison (000, 004 : 3 jours, 004 hors jours fériés ; 001 : 2 jours ; "
            "002 : 7 jours pour une non-conformité ; 003 : 1 jour ouvré). Défaut : 3 jours."
        ),
        value=3,
        unit=DurationUnit.DAYS,
    )
    non_delivery_report_days = _count(
        _("signalement d'une non-livraison (jours)"),
        _(
            "Ligne « non-delivery report window » : la non-livraison doit être signalée dans ce "
            "délai à compter de la confirmation (002 art. 12 : 30 jours). Vide : sans objet."
        ),
    )
    unjustified_refusal_fee_percent = _rate(
        _("refus de livraison injustifié (% du HT)"),
        _(
            "Ligne « unjustified refusal of delivery » : indemnité en pourcentage du montant "
            "total HT de la commande (001 art. 12 : 25 %). Vide : sans objet."
        ),
    )
    invoice_dispute_days = _count(
        _("contestation d'une facture (jours)"),
        _(
            "Ligne « invoice dispute » : passé ce délai, la facture n'est plus contestable "
            "(001 art. 7 : 7 jours après réception des marchandises ; 004 art. 5 : réputée "
            "acceptée 15 jours après l'échéance). Vide : sans objet."
        ),
    )
    invoice_dispute_from = _choice(
        _("point de départ du délai de contestation"),
        _("Ligne « invoice dispute » : réception des marchandises (001) ou échéance (004)."),
        InvoiceDisputeFrom,
    )
    credit_note_validity_months = _count(
        _("validité d'un avoir (mois)"),
        _(
            "Ligne « credit note validity » : au-delà, l'avoir n'est ni remboursable ni "
            "imputable (000 art. 4 : 12 mois). Vide : sans limite."
        ),
    )
    delivery_zones = ChoiceArrayField(
        models.CharField(max_length=20, choices=DeliveryZone.choices),
        verbose_name=_("zones de livraison"),
        default=default_delivery_zones,
        blank=True,
        help_text=_(
            "Ligne « delivery zones » : zones desservies (défaut : France métropolitaine). "
            "L'outre-mer est facturé hors TVA."
        ),
    )
    shipping_fee_mode = _choice(
        _("frais de port"),
        _(
            "Ligne « shipping fee » : chiffrés par le commercial (défaut, 001 art. 6), barème "
            "par zone (000), par commande (002), par transporteur (003) ou franco et paliers "
            "(004 art. 11)."
        ),
        ShippingFeeMode,
        default=ShippingFeeMode.QUOTED_BY_SALES,
    )
    shipping_free_from_ht = _money(
        _("franco de port à partir de (HT)"),
        _("Ligne « shipping fee » : livraison gratuite à partir de ce montant HT (004 : 457 €)."),
    )
    shipping_free_from_with_consoles_ht = _money(
        _("franco de port avec consoles à partir de (HT)"),
        _(
            "Ligne « shipping fee » : seuil de gratuité quand la commande contient des "
            "consoles de jeu (004 : 750 €)."
        ),
    )
    shipping_reduced_fee_from_ht = _money(
        _("palier réduit à partir de (HT)"),
        _("Ligne « shipping fee » : seuil du palier réduit (004 : 152 €, inclus)."),
    )
    shipping_reduced_fee_ht = _money(
        _("frais de port du palier réduit (HT)"),
        _("Ligne « shipping fee » : frais à partir du seuil du palier réduit (004 : 10 €)."),
    )
    shipping_base_fee_ht = _money(
        _("frais de port sous le palier réduit (HT)"),
        _("Ligne « shipping fee » : frais sous le seuil du palier réduit (004 : 15 €)."),
    )
    price_basis = _choice(
        _("prix facturé"),
        _(
            "Ligne « price changes between order and invoice » : prix convenu à la commande "
            "(défaut) ou tarif en vigueur le jour de la facturation (004 art. 4)."
        ),
        PriceBasis,
        default=PriceBasis.PRICE_AT_ORDER,
    )
    currency_indexed_threshold_percent = _rate(
        _("seuil de variation de change répercutée (%)"),
        _(
            "Ligne « price changes between order and invoice » : pour les produits indexés "
            "sur une devise, une variation supérieure à ce pourcentage est répercutée à la "
            "facturation (000 art. 3 : 2 %). Vide : sans objet."
        ),
    )

    # --- returns and warranty -----------------------------------------------------------
    rma_deadline_mode = _choice(
        _("délai d'arrivée d'un retour"),
        _(
            "Ligne « RMA: parcel must arrive within » : délai fixe après l'accord (défaut) ou "
            "date fixée par le personnel sur le bon de retour (004 art. 9)."
        ),
        RmaDeadlineMode,
        default=RmaDeadlineMode.FIXED_PERIOD,
    )
    rma_arrival_days = _count(
        _("arrivée du colis retourné (jours)"),
        _(
            "Ligne « RMA: parcel must arrive within » : après l'accord de retour, le colis doit "
            "arriver dans ce délai, sinon il est refusé (000 art. 7 : 14 jours). Défaut : 14."
        ),
        default=14,
    )
    commercial_returns_by_agreement = models.BooleanField(
        _("retours commerciaux sur accord préalable"),
        default=False,
        help_text=_(
            "Ligne « commercial returns » : retours d'invendus seulement sur accord écrit "
            "préalable (004 art. 9). Sinon, aucun retour commercial."
        ),
    )
    missing_packaging_fee_ht = _money(
        _("frais d'emballage d'origine manquant (HT)"),
        _(
            "Ligne « missing packaging fee » : facturé quand l'emballage d'origine manque ou "
            "est trop abîmé (000 art. 7 : 35 €). Vide : sans objet."
        ),
    )
    customer_return_fee_mode = _choice(
        _("frais de retour imputable au client"),
        _(
            "Ligne « customer-caused return fee » : forfait plus pourcentage (001 art. 12) ou "
            "frais de retour facturés (004). Vide : sans objet."
        ),
        CustomerReturnFeeMode,
    )
    customer_return_fee_ht = _money(
        _("forfait de retour imputable au client (HT)"),
        _("Ligne « customer-caused return fee » : 001, 300 € HT."),
    )
    customer_return_extra_percent = _rate(
        _("supplément de retour (% de la valeur retournée)"),
        _("Ligne « customer-caused return fee » : 001, 10 % de la valeur totale retournée."),
    )
    customer_return_extra_over_ht = _money(
        _("supplément appliqué au-delà de (HT)"),
        _(
            "Ligne « customer-caused return fee » : le supplément s'applique quand la valeur "
            "retournée dépasse ce montant HT (001 : 500 €)."
        ),
    )
    warranty_mode = _choice(
        _("garantie"),
        _(
            "Ligne « standard warranty » : garantie commerciale du vendeur (défaut) ou garantie "
            "légale seulement (002 ; 004, distributeur)."
        ),
        WarrantyMode,
        default=WarrantyMode.COMMERCIAL,
    )
    warranty_months = _count(
        _("durée de la garantie (mois)"),
        _(
            "Ligne « standard warranty » : durée de la garantie commerciale (000 art. 8, 001 "
            "art. 13 : 12 mois ; 003 art. 9.5 : 1 an). Défaut : 12 mois."
        ),
        default=12,
    )
    warranty_from = _choice(
        _("point de départ de la garantie"),
        _("Ligne « standard warranty » : date de facture (défaut) ou date d'achat (003)."),
        WarrantyStart,
        default=WarrantyStart.INVOICE_DATE,
    )
    warranty_own_products_only = models.BooleanField(
        _("garantie limitée aux produits du vendeur"),
        default=False,
        help_text=_(
            "Ligne « standard warranty » : 003 art. 9.5, seuls les produits fabriqués par le "
            "vendeur sont garantis 1 an."
        ),
    )
    warranty_monitors_per_brand = models.BooleanField(
        _("moniteurs garantis selon la marque"),
        default=False,
        help_text=_(
            "Ligne « standard warranty » : 001 art. 13, moniteurs et écrans garantis selon les "
            "conditions de chaque marque (par exemple 3 ans sur site)."
        ),
    )
    bare_electronics_warranty_days = _count(
        _("garantie de l'électronique nue (jours après réception)"),
        _(
            "Ligne « standard warranty » : 003 art. 9.1, 15 jours à compter de la réception "
            "pour les composants vendus nus. Vide : sans objet."
        ),
    )
    low_value_warranty_months = _count(
        _("garantie des articles de faible valeur (mois)"),
        _(
            "Ligne « low-value warranty » : durée de garantie des articles sous le seuil "
            "(000 art. 8 : 6 mois). Vide : sans objet."
        ),
    )
    low_value_threshold_ht = _money(
        _("seuil des articles de faible valeur (HT)"),
        _("Ligne « low-value warranty » : valeur unitaire HT en dessous de laquelle (000 : 25 €)."),
    )
    warranty_exclusions = ChoiceArrayField(
        models.CharField(max_length=20, choices=WarrantyExclusion.choices),
        verbose_name=_("exclus de la garantie"),
        default=list,
        blank=True,
        help_text=_(
            "Ligne « excluded from warranty » : 000 art. 8, logiciels, livres, cartouches, "
            "supports, jeux vidéo, consommables ; 001 : logiciels ; 003 : produits modifiés."
        ),
    )
    manufacturer_warranty_policy = _choice(
        _("produits sous garantie constructeur"),
        _(
            "Ligne « manufacturer-warranty products » : le client est orienté vers le fabricant "
            "(défaut) ; 000 art. 8 : le vendeur refuse le retour."
        ),
        ManufacturerWarrantyPolicy,
        default=ManufacturerWarrantyPolicy.REDIRECTED,
    )
    standard_exchange_window_days = _count(
        _("échange standard possible (jours après facture)"),
        _(
            "Ligne « standard exchange window » : échange standard seulement dans ce délai "
            "après la date de facture (001 art. 13 : 30 jours). Vide : sans objet."
        ),
    )
    immobilisation_extension_over_days = _count(
        _("prolongation si immobilisation supérieure à (jours)"),
        _(
            "Ligne « warranty extended by immobilisation over » : la garantie est prolongée de "
            "la durée d'immobilisation quand elle dépasse ce nombre de jours (000 art. 8 : 7). "
            "Vide : pas de prolongation."
        ),
    )
    hidden_defect_use_months = _count(
        _("vices cachés : période d'utilisation (mois)"),
        _(
            "Ligne « hidden defect: period of use / notice after discovery » : garantie des "
            "vices cachés limitée aux premiers mois d'utilisation (000 art. 8 : 6 mois)."
        ),
    )
    hidden_defect_notice_days = _count(
        _("vices cachés : notification après découverte (jours)"),
        _(
            "Ligne « hidden defect: period of use / notice after discovery » : délai de "
            "notification après la découverte (000 : 20 jours ; 003 art. 9.5 : 7 jours)."
        ),
    )
    refused_goods_forfeit_months = _count(
        _("marchandises refusées non reprises acquises après (mois)"),
        _(
            "Ligne « goods refused and not collected become the seller's after » : 004 art. 9, "
            "3 mois. Vide : sans objet."
        ),
    )

    # --- texts ------------------------------------------------------------------------------
    text_fr = models.TextField(
        _("texte (français)"),
        blank=True,
        help_text=_("Texte intégral des CGV en français, langue du contrat, qui prévaut."),
    )
    text_en = models.TextField(_("texte (anglais)"), blank=True)
    text_nl = models.TextField(_("texte (néerlandais)"), blank=True)

    class Meta:
        verbose_name = _("conditions générales de vente")
        verbose_name_plural = _("conditions générales de vente")
        ordering = ["seller", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "version"], name="terms_unique_version"),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="terms_version_gte_1"),
            state_check_constraint("terms", "status", TermsStatus),
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
            )
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
        if errors:
            raise ValidationError(errors)
