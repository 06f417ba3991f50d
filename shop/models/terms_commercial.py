"""Rules of the Terms up to the payment: KYC, quotes, orders and payment terms, late payment."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.legal import RECOVERY_INDEMNITY
from shop.models.terms_choices import (
    DurationUnit,
    LatePenaltyMode,
    LcrNotReturnedEffect,
    PaymentMethod,
    StandardPaymentTerm,
    TermStart,
)
from shop.models.terms_fields import (
    ChoiceArrayField,
    choice_field,
    count_field,
    default_payment_methods,
    duration_field,
    money_field,
    rate_field,
)


class TermsCommercialRules(models.Model):
    """Parameters of the Terms that govern who may buy, the offer and the payment."""

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
    quote_validity_value, quote_validity_unit = duration_field(
        _("validité d'un devis"),
        _(
            "Ligne « quote validity » : durée de validité d'un devis émis (001 art. 4, "
            "004 art. 1 : 15 jours ; 000 art. 3 : 3 jours ; 003 art. 2.1 : 72 heures). "
            "Défaut : 15 jours."
        ),
        value=15,
        unit=DurationUnit.DAYS,
    )
    special_order_offer_validity_value, special_order_offer_validity_unit = duration_field(
        _("validité d'une offre sur commande spéciale"),
        _(
            "Ligne « special-order offer validity / payment », 1re partie : validité de "
            "l'offre pour un produit hors catalogue (003 art. 2.3 : 48 heures). Vide : sans objet."
        ),
    )
    special_order_payment_value, special_order_payment_unit = duration_field(
        _("délai de paiement d'une commande spéciale"),
        _(
            "Ligne « special-order offer validity / payment », 2e partie : la commande "
            "spéciale est payable dans ce délai après l'acceptation de l'offre "
            "(003 art. 2.3 : 72 heures). Vide : sans objet."
        ),
    )

    # --- orders and payment terms ---------------------------------------------------------
    unpaid_transfer_cancel_value, unpaid_transfer_cancel_unit = duration_field(
        _("annulation d'une commande impayée (virement, carte)"),
        _(
            "Ligne « unpaid bank-transfer order cancelled after » : une commande payable par "
            "virement, ou par carte dont le paiement n'a pas abouti, et non payée dans ce délai "
            "est annulée sans frais (002 art. 4 : 7 jours ouvrés ; 003 : 72 heures). Vide : "
            "pas d'annulation automatique (001, paiement à terme). Défaut : 7 jours ouvrés."
        ),
        value=7,
        unit=DurationUnit.WORKING_DAYS,
    )
    standard_payment_term = choice_field(
        _("conditions de paiement standard"),
        _(
            "Ligne « standard payment term » : comptant à la commande (défaut), comptant avant "
            "expédition (003 art. 4.1) ou à terme (001 art. 7 : 30 jours à compter de la "
            "livraison)."
        ),
        StandardPaymentTerm,
        default=StandardPaymentTerm.CASH_AT_ORDER,
    )
    standard_payment_days = count_field(
        _("délai de paiement standard (jours)"),
        _("Ligne « standard payment term » : nombre de jours quand le paiement est à terme."),
    )
    standard_payment_from = choice_field(
        _("point de départ du délai standard"),
        _("Ligne « standard payment term » : date à partir de laquelle court le délai à terme."),
        TermStart,
    )
    deferred_payment_days = count_field(
        _("délai accordé après étude (jours)"),
        _(
            "Ligne « deferred term when granted » : délai de paiement que le personnel peut "
            "accorder après une étude financière (004 art. 5 : 30 jours nets). Vide : aucun "
            "paiement à terme (002, 003). Défaut : 30 jours à compter de la facture."
        ),
        default=30,
    )
    deferred_payment_from = choice_field(
        _("point de départ du délai accordé"),
        _("Ligne « deferred term when granted » : date de facture (défaut) ou de livraison (001)."),
        TermStart,
        default=TermStart.INVOICE_DATE,
    )
    deferred_payment_method = choice_field(
        _("moyen de paiement du délai accordé"),
        _(
            "Ligne « deferred term when granted » : moyen imposé pour le paiement à terme "
            "(004 : LCR). Vide : tout moyen autorisé."
        ),
        PaymentMethod,
    )
    overseas_term_start_latest_day = count_field(
        _("outre-mer : délai courant au plus tard du jour"),
        _(
            "Ligne « deferred term when granted » : pour un client des DROM-COM, le délai de "
            "paiement court au plus tard à compter de ce jour de la facture, la date de "
            "facture étant le 1er jour (004 art. 5 : 21e jour). Vide : sans objet."
        ),
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
    credit_min_monthly_order_ht = money_field(
        _("commande mensuelle minimale pour un encours (HT)"),
        _(
            "Ligne « minimum monthly order for credit » : un encours n'est accordé qu'à partir "
            "de ce montant HT de commandes mensuelles (000 art. 4 : 3 000 €). Vide : sans objet."
        ),
    )
    lcr_return_days = count_field(
        _("retour de la LCR acceptée (jours)"),
        _(
            "Ligne « LCR: accepted draft returned within » : délai de retour de la traite "
            "acceptée (000 art. 4 : 8 jours ; 004 art. 5 : 30 jours). Vide : sans objet."
        ),
    )
    lcr_not_returned_effect = choice_field(
        _("conséquence d'une LCR non retournée"),
        _(
            "Ligne « LCR: accepted draft returned within » : 000, paiement immédiatement "
            "exigible ; 004, refus d'acceptation valant défaut de paiement."
        ),
        LcrNotReturnedEffect,
    )
    lcr_rejection_fee = money_field(
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
    late_penalty_mode = choice_field(
        _("taux des pénalités de retard"),
        _(
            "Ligne « late penalty rate » : BCE + 10 points (défaut légal français), multiple du "
            "taux légal français (000 : ×5 ; 004 : ×3), pourcentage fixe du TTC par jour "
            "(001 : 2,5 %) ou taux belge des transactions commerciales, le taux légal entre "
            "entreprises en Belgique (002, 003)."
        ),
        LatePenaltyMode,
        default=LatePenaltyMode.ECB_PLUS_10,
    )
    late_penalty_multiplier = rate_field(
        _("multiplicateur du taux légal"),
        _("Ligne « late penalty rate » : multiple du taux d'intérêt légal (000 : 5 ; 004 : 3)."),
    )
    late_penalty_daily_percent = rate_field(
        _("pénalité journalière (% du TTC)"),
        _("Ligne « late penalty rate » : pourcentage du TTC par jour de retard (001 : 2,5)."),
    )
    late_penalty_from_day_after_delivery = count_field(
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
    recovery_indemnity_amount = money_field(
        _("indemnité forfaitaire de recouvrement"),
        _(
            "Ligne « fixed recovery indemnity » : montant par facture payée en retard "
            "(40 € en droit français, D441-5). Vide : remplacée par des frais d'encaissement (003)."
        ),
        default=RECOVERY_INDEMNITY,
    )
    collection_fee_percent = rate_field(
        _("frais d'encaissement (% du principal)"),
        _(
            "Ligne « fixed recovery indemnity » : frais d'encaissement d'au moins ce pourcentage "
            "de la somme principale (003 art. 4.4 : 15 %). Vide : sans objet."
        ),
    )
    litigation_penalty_percent = rate_field(
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

    class Meta:
        abstract = True
