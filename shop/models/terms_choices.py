"""Choices of the rules of the Terms (module level: a nested class is not visible inside Meta)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TermsStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")


class TermsLanguage(models.TextChoices):
    """The languages a version's text is published in; French is the contract language."""

    FRENCH = "fr", _("français")
    ENGLISH = "en", _("anglais")
    DUTCH = "nl", _("néerlandais")


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
