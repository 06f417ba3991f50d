"""Rules of the Terms after the order: cancellation, delivery and complaints, returns, warranty."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shop.models.terms_choices import (
    CancellationAfter,
    CancellationStage,
    CustomerReturnFeeMode,
    DeliveryZone,
    DurationUnit,
    FeeBase,
    InvoiceDisputeFrom,
    ManufacturerWarrantyPolicy,
    ModificationRule,
    PriceBasis,
    RmaDeadlineMode,
    ShippingFeeMode,
    WarrantyExclusion,
    WarrantyMode,
    WarrantyStart,
)
from shop.models.terms_fields import (
    ChoiceArrayField,
    choice_field,
    count_field,
    default_delivery_zones,
    duration_field,
    money_field,
    rate_field,
)


class TermsFulfilmentRules(models.Model):
    """Parameters of the Terms that govern the life of an order once placed."""

    # --- cancellation and modification --------------------------------------------------
    cancellation_free_before = choice_field(
        _("annulation gratuite par le client"),
        _(
            "Ligne « customer cancellation » : étape avant laquelle le client peut annuler "
            "sans frais (défaut : avant la préparation ; 000, 002 : avant la validation du "
            "paiement ; 003 : avant l'expédition). Vide : jamais gratuite (001, 004)."
        ),
        CancellationStage,
        default=CancellationStage.PREPARATION,
    )
    cancellation_after = choice_field(
        _("annulation après cette étape"),
        _(
            "Ligne « customer cancellation » : refusée (défaut), indemnité en pourcentage "
            "(001 : 35 % du TTC ; 003 : 15 % de la valeur du colis) ou frais engagés (004)."
        ),
        CancellationAfter,
        default=CancellationAfter.REFUSED,
    )
    cancellation_fee_percent = rate_field(
        _("indemnité d'annulation (%)"),
        _("Ligne « customer cancellation » : pourcentage de l'indemnité (001 : 35 ; 003 : 15)."),
    )
    cancellation_fee_base = choice_field(
        _("assiette de l'indemnité d'annulation"),
        _("Ligne « customer cancellation » : HT, TTC (001) ou valeur du colis (003)."),
        FeeBase,
    )
    modification_rule = choice_field(
        _("modification d'une commande"),
        _(
            "Ligne « modification notice » : tant que la commande n'est pas en préparation "
            "(défaut), tant qu'elle n'est pas traitée (000 art. 2), ou par écrit un délai "
            "minimal avant la livraison (001 art. 5). Vide : commandes fermes (004)."
        ),
        ModificationRule,
        default=ModificationRule.BEFORE_PREPARATION,
    )
    modification_notice_days = count_field(
        _("préavis de modification avant livraison (jours)"),
        _("Ligne « modification notice » : 001 art. 5, 7 jours avant la livraison prévue."),
    )
    modification_requires_new_signed_order = models.BooleanField(
        _("modification par un nouveau bon de commande signé"),
        default=False,
        help_text=_("Ligne « modification notice » : 001 art. 5, nouveau bon de commande signé."),
    )

    # --- delivery, complaints -----------------------------------------------------------
    complaint_window_value, complaint_window_unit = duration_field(
        _("délai de réclamation (vices apparents, manquants)"),
        _(
            "Ligne « complaint window, apparent defects / missing items » : réclamation écrite "
            "après la livraison (000, 004 : 3 jours, 004 hors jours fériés ; 001 : 2 jours ; "
            "002 : 7 jours pour une non-conformité ; 003 : 1 jour ouvré). Défaut : 3 jours."
        ),
        value=3,
        unit=DurationUnit.DAYS,
    )
    non_delivery_report_days = count_field(
        _("signalement d'une non-livraison (jours)"),
        _(
            "Ligne « non-delivery report window » : la non-livraison doit être signalée dans ce "
            "délai à compter de la confirmation (002 art. 12 : 30 jours). Vide : sans objet."
        ),
    )
    pickup_hold_days = count_field(
        _("enlèvement sur rendez-vous : marchandise tenue à disposition (jours)"),
        _(
            "Enlèvement chez le vendeur : les marchandises sont tenues à disposition ce "
            "nombre de jours à dater du rendez-vous, puis la vente est annulée et remboursée "
            "(003 art. 5.7 : 15 jours). Vide : pas d'enlèvement proposé."
        ),
    )
    unjustified_refusal_fee_percent = rate_field(
        _("refus de livraison injustifié (% du HT)"),
        _(
            "Ligne « unjustified refusal of delivery » : indemnité en pourcentage du montant "
            "total HT de la commande (001 art. 12 : 25 %). Vide : sans objet."
        ),
    )
    invoice_dispute_days = count_field(
        _("contestation d'une facture (jours)"),
        _(
            "Ligne « invoice dispute » : passé ce délai, la facture n'est plus contestable "
            "(001 art. 7 : 7 jours après réception des marchandises ; 004 art. 5 : réputée "
            "acceptée 15 jours après l'échéance). Vide : sans objet."
        ),
    )
    invoice_dispute_from = choice_field(
        _("point de départ du délai de contestation"),
        _("Ligne « invoice dispute » : réception des marchandises (001) ou échéance (004)."),
        InvoiceDisputeFrom,
    )
    credit_note_validity_months = count_field(
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
    shipping_fee_mode = choice_field(
        _("frais de port"),
        _(
            "Ligne « shipping fee » : chiffrés par le commercial (défaut, 001 art. 6), barème "
            "par zone (000), par commande (002), par transporteur (003) ou franco et paliers "
            "(004 art. 11)."
        ),
        ShippingFeeMode,
        default=ShippingFeeMode.QUOTED_BY_SALES,
    )
    shipping_free_from_ht = money_field(
        _("franco de port à partir de (HT)"),
        _("Ligne « shipping fee » : livraison gratuite à partir de ce montant HT (004 : 457 €)."),
    )
    shipping_free_from_with_consoles_ht = money_field(
        _("franco de port avec consoles à partir de (HT)"),
        _(
            "Ligne « shipping fee » : seuil de gratuité quand la commande contient des "
            "consoles de jeu (004 : 750 €)."
        ),
    )
    shipping_reduced_fee_from_ht = money_field(
        _("palier réduit à partir de (HT)"),
        _("Ligne « shipping fee » : seuil du palier réduit (004 : 152 €, inclus)."),
    )
    shipping_reduced_fee_ht = money_field(
        _("frais de port du palier réduit (HT)"),
        _("Ligne « shipping fee » : frais à partir du seuil du palier réduit (004 : 10 €)."),
    )
    shipping_base_fee_ht = money_field(
        _("frais de port sous le palier réduit (HT)"),
        _("Ligne « shipping fee » : frais sous le seuil du palier réduit (004 : 15 €)."),
    )
    price_basis = choice_field(
        _("prix facturé"),
        _(
            "Ligne « price changes between order and invoice » : prix convenu à la commande "
            "(défaut) ou tarif en vigueur le jour de la facturation (004 art. 4)."
        ),
        PriceBasis,
        default=PriceBasis.PRICE_AT_ORDER,
    )
    currency_indexed_threshold_percent = rate_field(
        _("seuil de variation de change répercutée (%)"),
        _(
            "Ligne « price changes between order and invoice » : pour les produits indexés "
            "sur une devise, une variation supérieure à ce pourcentage est répercutée à la "
            "facturation (000 art. 3 : 2 %). Vide : sans objet."
        ),
    )

    # --- returns and warranty -----------------------------------------------------------
    rma_deadline_mode = choice_field(
        _("délai d'arrivée d'un retour"),
        _(
            "Ligne « RMA: parcel must arrive within » : délai fixe après l'accord (défaut) ou "
            "date fixée par le personnel sur le bon de retour (004 art. 9)."
        ),
        RmaDeadlineMode,
        default=RmaDeadlineMode.FIXED_PERIOD,
    )
    rma_arrival_days = count_field(
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
    missing_packaging_fee_ht = money_field(
        _("frais d'emballage d'origine manquant (HT)"),
        _(
            "Ligne « missing packaging fee » : facturé quand l'emballage d'origine manque ou "
            "est trop abîmé (000 art. 7 : 35 €). Vide : sans objet."
        ),
    )
    customer_return_fee_mode = choice_field(
        _("frais de retour imputable au client"),
        _(
            "Ligne « customer-caused return fee » : forfait plus pourcentage (001 art. 12) ou "
            "frais de retour facturés (004). Vide : sans objet."
        ),
        CustomerReturnFeeMode,
    )
    customer_return_fee_ht = money_field(
        _("forfait de retour imputable au client (HT)"),
        _("Ligne « customer-caused return fee » : 001, 300 € HT."),
    )
    customer_return_extra_percent = rate_field(
        _("supplément de retour (% de la valeur retournée)"),
        _("Ligne « customer-caused return fee » : 001, 10 % de la valeur totale retournée."),
    )
    customer_return_extra_over_ht = money_field(
        _("supplément appliqué au-delà de (HT)"),
        _(
            "Ligne « customer-caused return fee » : le supplément s'applique quand la valeur "
            "retournée dépasse ce montant HT (001 : 500 €)."
        ),
    )
    reshipping_charged_to_customer = models.BooleanField(
        _("réexpédition au client à sa charge"),
        default=False,
        help_text=_(
            "Ligne « way back to the customer » : le renvoi d'un article réparé, échangé ou "
            "remplacé est facturé au client, au montant saisi à la décision (001 art. 13 : "
            "« frais de transport, renvoi et réexpédition à la charge de l'Acheteur »). "
            "Sinon le vendeur le paie (000 art. 7, défaut)."
        ),
    )
    warranty_mode = choice_field(
        _("garantie"),
        _(
            "Ligne « standard warranty » : garantie commerciale du vendeur (défaut) ou garantie "
            "légale seulement (002 ; 004, distributeur)."
        ),
        WarrantyMode,
        default=WarrantyMode.COMMERCIAL,
    )
    warranty_months = count_field(
        _("durée de la garantie (mois)"),
        _(
            "Ligne « standard warranty » : durée de la garantie commerciale (000 art. 8, 001 "
            "art. 13 : 12 mois ; 003 art. 9.5 : 1 an). Défaut : 12 mois."
        ),
        default=12,
    )
    warranty_from = choice_field(
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
    bare_electronics_warranty_days = count_field(
        _("garantie de l'électronique nue (jours après réception)"),
        _(
            "Ligne « standard warranty » : 003 art. 9.1, 15 jours à compter de la réception "
            "pour les composants vendus nus. Vide : sans objet."
        ),
    )
    low_value_warranty_months = count_field(
        _("garantie des articles de faible valeur (mois)"),
        _(
            "Ligne « low-value warranty » : durée de garantie des articles sous le seuil "
            "(000 art. 8 : 6 mois). Vide : sans objet."
        ),
    )
    low_value_threshold_ht = money_field(
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
    manufacturer_warranty_policy = choice_field(
        _("produits sous garantie constructeur"),
        _(
            "Ligne « manufacturer-warranty products » : le client est orienté vers le fabricant "
            "(défaut) ; 000 art. 8 : le vendeur refuse le retour."
        ),
        ManufacturerWarrantyPolicy,
        default=ManufacturerWarrantyPolicy.REDIRECTED,
    )
    standard_exchange_window_days = count_field(
        _("échange standard possible (jours après facture)"),
        _(
            "Ligne « standard exchange window » : échange standard seulement dans ce délai "
            "après la date de facture (001 art. 13 : 30 jours). Vide : sans objet."
        ),
    )
    immobilisation_extension_over_days = count_field(
        _("prolongation si immobilisation supérieure à (jours)"),
        _(
            "Ligne « warranty extended by immobilisation over » : la garantie est prolongée de "
            "la durée d'immobilisation quand elle dépasse ce nombre de jours (000 art. 8 : 7). "
            "Vide : pas de prolongation."
        ),
    )
    hidden_defect_use_months = count_field(
        _("vices cachés : période d'utilisation (mois)"),
        _(
            "Ligne « hidden defect: period of use / notice after discovery » : garantie des "
            "vices cachés limitée aux premiers mois d'utilisation (000 art. 8 : 6 mois)."
        ),
    )
    hidden_defect_notice_days = count_field(
        _("vices cachés : notification après découverte (jours)"),
        _(
            "Ligne « hidden defect: period of use / notice after discovery » : délai de "
            "notification après la découverte (000 : 20 jours ; 003 art. 9.5 : 7 jours)."
        ),
    )
    refused_goods_forfeit_months = count_field(
        _("marchandises refusées non reprises acquises après (mois)"),
        _(
            "Ligne « goods refused and not collected become the seller's after » : 004 art. 9, "
            "3 mois. Vide : sans objet."
        ),
    )

    class Meta:
        abstract = True
