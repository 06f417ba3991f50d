"""The catalogue: categories, brands, products with their tiers and images, exchange rates.

Prices are stored excluding VAT (HT). The VAT rates a product may carry are the legal
rates of the seller's country (`VAT_RATES_BY_COUNTRY`); the database accepts the union
of both countries' rates, the admin form and the CSV import check the seller's own set.

`Product.search_vector` is maintained by a database trigger (reference, brand name,
designation, description), so bulk imports, admin edits and raw SQL all keep search in
step; a second trigger refreshes the products of a brand whose name changes. Its GIN
index is built without the pending list (`fastupdate=False`): the catalogue is read far
more than written, and a pending list left by a bulk import makes PostgreSQL scan every
product instead of using the index (see `shop/search.py`).
"""

from __future__ import annotations

from decimal import Decimal

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Legal VAT rates (percent) by seller country: France (CGI art. 278 to 281 nonies)
# and Belgium (Code de la TVA, art. 37). Facts of law, not terms of a seller.
VAT_RATES_BY_COUNTRY: dict[str, tuple[Decimal, ...]] = {
    "FR": (Decimal("20.00"), Decimal("10.00"), Decimal("5.50"), Decimal("2.10")),
    "BE": (Decimal("21.00"), Decimal("12.00"), Decimal("6.00")),
}
STANDARD_VAT_RATE: dict[str, Decimal] = {
    country: rates[0] for country, rates in VAT_RATES_BY_COUNTRY.items()
}
ALL_VAT_RATES = sorted({rate for rates in VAT_RATES_BY_COUNTRY.values() for rate in rates})

# Accents folded for search: "ecran" finds "Écran". PostgreSQL's translate() maps one
# character to one character; the same table is applied to the query in Python.
SEARCH_FOLD_FROM = "àáâäãåçèéêëìíîïñòóôöõùúûüýÿÀÁÂÄÃÅÇÈÉÊËÌÍÎÏÑÒÓÔÖÕÙÚÛÜÝ"
SEARCH_FOLD_TO = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUY"


def specifications_validate(value) -> None:
    """A specifications table is a list of [label, value] pairs of non-empty texts."""
    if not isinstance(value, list) or not all(
        isinstance(row, list)
        and len(row) == 2
        and all(isinstance(cell, str) and cell.strip() for cell in row)
        for row in value
    ):
        raise ValidationError(
            _(
                "Caractéristiques : écrivez une liste de paires [libellé, valeur], par exemple "
                '[["Mémoire", "32 Go"]].'
            ),
            code="specifications_shape",
        )


class WarrantyClass(models.TextChoices):
    """What warranty rule of the terms (docs/rules/terms-parameters.md) applies to a product."""

    STANDARD = "standard", _("garantie standard des CGV")
    MONITOR = "monitor", _("moniteur (garantie selon la marque)")
    BARE_ELECTRONICS = "bare_electronics", _("électronique nue")
    SOFTWARE = "software", _("logiciel")
    BOOKS = "books", _("livre")
    CARTRIDGES = "cartridges", _("cartouche")
    STORAGE_MEDIA = "storage_media", _("support de stockage (CD, DVD…)")
    VIDEO_GAMES = "video_games", _("jeu vidéo")
    CONSUMABLES = "consumables", _("consommable")
    SERVICE = "service", _("prestation de service")


class DiscountClass(models.TextChoices):
    """004 art. 4: "L" products follow liquidation conditions, "S" are never discounted."""

    NORMAL = "", _("normale")
    LIQUIDATION = "L", _("L — liquidation")
    NEVER_DISCOUNTED = "S", _("S — jamais remisé")


# Every write to brands, categories, the seller or the terms stamps the catalogue version
# with a new random 63-bit number: never the number of another state, even after a
# rollback or in another database sharing the cache (test databases, a restored copy), so
# what is cached under it (filter lists, the seller and terms in force) is never stale.
_CATALOGUE_VERSION_BUMP = (
    "INSERT INTO shop_catalogueversion (id, version) "
    "VALUES (1, floor(random() * 9.2e18)::bigint) "
    "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version; RETURN NULL;"
)


def catalogue_version_trigger(
    name: str, operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete
) -> pgtrigger.Trigger:
    return pgtrigger.Trigger(
        name=name,
        level=pgtrigger.Statement,
        operation=operation,
        when=pgtrigger.After,
        func=_CATALOGUE_VERSION_BUMP,
    )


# A change to what pages may cache of a product: any column but the stock (pages read it
# with their rows, so that reserving units bumps no shared row inside the signing
# transactions), the search vector (derived) and the time of the last change.
_PRODUCT_SHOWN_CHANGE_BUMP = (
    "IF EXISTS (SELECT 1 FROM old_products o JOIN new_products n ON n.id = o.id "
    "WHERE to_jsonb(o) - ARRAY['stock_on_hand', 'stock_reserved', 'search_vector', "
    "'updated_at'] IS DISTINCT FROM to_jsonb(n) - ARRAY['stock_on_hand', "
    "'stock_reserved', 'search_vector', 'updated_at']) THEN "
    "INSERT INTO shop_catalogueversion (id, version) "
    "VALUES (1, floor(random() * 9.2e18)::bigint) "
    "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version; END IF; RETURN NULL;"
)


class CatalogueVersion(models.Model):
    """One row: the version of the brand and category lists, the seller, the terms, the
    shipping table and what pages show of the products (their pictures and quantity tiers
    too, not their stock), stamped by database triggers on every write to them (admin,
    import, bulk updates alike). Pages read it (one tiny query) to key what they cache:
    filter lists, the seller and terms in force, rendered product cards and pages, result
    counts, cart lines and totals; no row (a fresh or truncated table) means "do not
    cache".

    A stock movement changes no cached output (pages read the stock with their rows), so
    the signing transactions, which reserve stock, never write this shared row."""

    version = models.BigIntegerField()

    class Meta:
        verbose_name = _("version du catalogue")

    def __str__(self) -> str:
        return str(self.version)


class Category(models.Model):
    name = models.CharField(_("nom"), max_length=120)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("catégorie parente"),
    )
    position = models.PositiveIntegerField(_("ordre d'affichage"), default=0)

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["position", "name"]
        triggers = [catalogue_version_trigger("category_bumps_catalogue_version")]

    def __str__(self) -> str:
        return self.name


class Brand(models.Model):
    name = models.CharField(_("nom"), max_length=100, unique=True)
    after_sales_contact = models.CharField(
        _("service après-vente du fabricant"),
        max_length=255,
        blank=True,
        help_text=_(
            "Téléphone, adresse e-mail ou site du SAV du fabricant, donné au client pour "
            "les produits sous garantie constructeur (000 art. 8, 003 art. 9.2)."
        ),
    )

    class Meta:
        verbose_name = _("marque")
        verbose_name_plural = _("marques")
        ordering = ["name"]
        triggers = [
            # A renamed brand: touch its products so their search vector is rebuilt.
            pgtrigger.Trigger(
                name="brand_rename_refreshes_search",
                operation=pgtrigger.UpdateOf("name"),
                when=pgtrigger.After,
                func="UPDATE shop_product SET brand_id = brand_id WHERE brand_id = NEW.id; "
                "RETURN NULL;",
            ),
            catalogue_version_trigger("brand_bumps_catalogue_version"),
        ]

    def __str__(self) -> str:
        return self.name


# Built from constants only (no user input).
_SEARCH_VECTOR_SQL = f"""
NEW.search_vector :=
    setweight(to_tsvector('simple', translate(coalesce(NEW.reference, ''),
        '{SEARCH_FOLD_FROM}', '{SEARCH_FOLD_TO}')), 'A')
    || setweight(to_tsvector('simple', translate(coalesce(
        (SELECT b.name FROM shop_brand b WHERE b.id = NEW.brand_id), ''),
        '{SEARCH_FOLD_FROM}', '{SEARCH_FOLD_TO}')), 'B')
    || setweight(to_tsvector('french', translate(coalesce(NEW.designation, ''),
        '{SEARCH_FOLD_FROM}', '{SEARCH_FOLD_TO}')), 'B')
    || setweight(to_tsvector('french', translate(coalesce(NEW.description, ''),
        '{SEARCH_FOLD_FROM}', '{SEARCH_FOLD_TO}')), 'C');
RETURN NEW;
"""  # noqa: S608


@pghistory.track(
    fields=[
        "reference",
        "designation",
        "price_ht",
        "vat_rate",
        "discount_class",
        "eco_tax_ht",
        "packaging_ht",
        "is_currency_indexed",
        "indexed_currency",
        "is_active",
    ],
    model_name="ProductEvent",
)
class Product(models.Model):
    """An article of the catalogue, priced excluding VAT (HT), per unit of sale.

    The unit of sale is a lot of `lot_size` pieces when the product is sold in lots
    (002 art. 8); quantities are counted in units of sale and must be a multiple of
    `pack_multiple` (PCB, 004 art. 3).
    """

    reference = models.CharField(
        _("référence"),
        max_length=64,
        unique=True,
        help_text=_("Lettres, chiffres, tiret, point et soulignement, sans espace."),
    )
    designation = models.CharField(_("désignation"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    specifications = models.JSONField(
        _("caractéristiques techniques"),
        default=list,
        blank=True,
        validators=[specifications_validate],
        help_text=_(
            'Liste de paires [libellé, valeur], par exemple [["Processeur", "Core Ultra 7"], '
            '["Mémoire", "32 Go"]] ; affichée en tableau sur la fiche produit.'
        ),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("catégorie"),
        db_index=False,  # led by `product_category_price`
    )
    brand = models.ForeignKey(
        Brand,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("marque"),
    )
    price_ht = models.DecimalField(_("prix unitaire HT"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("France : 20 ; 10 ; 5,5 ; 2,1. Belgique : 21 ; 12 ; 6."),
    )
    stock_on_hand = models.PositiveIntegerField(_("stock physique"), default=0)
    stock_reserved = models.PositiveIntegerField(
        _("stock réservé"),
        default=0,
        help_text=_("Unités réservées par des commandes non encore expédiées."),
    )
    pack_multiple = models.PositiveIntegerField(
        _("multiple de commande (PCB)"),
        default=1,
        help_text=_("La quantité commandée doit être un multiple de ce nombre (004 art. 3)."),
    )
    lot_size = models.PositiveIntegerField(
        _("pièces par lot"),
        default=1,
        help_text=_(
            "Vendu par lot : nombre de pièces dans une unité de vente (002 art. 8). "
            "1 : vendu à la pièce."
        ),
    )
    warranty_class = models.CharField(
        _("classe de garantie"),
        max_length=20,
        choices=WarrantyClass.choices,
        default=WarrantyClass.STANDARD,
    )
    manufacturer_warranty = models.BooleanField(
        _("garantie constructeur"),
        default=False,
        help_text=_("Le SAV est assuré par le fabricant (000 art. 8, 003 art. 9.2)."),
    )
    brand_warranty_months = models.PositiveSmallIntegerField(
        _("garantie de la marque (mois)"),
        null=True,
        blank=True,
        help_text=_(
            "Moniteurs et écrans garantis selon la marque, à compter de la date de facture "
            "(001 art. 13 : par exemple 36 mois sur site). Vide : garantie standard des CGV."
        ),
    )
    is_own_product = models.BooleanField(
        _("produit du vendeur"),
        default=False,
        help_text=_("Produit fabriqué ou assemblé par le vendeur (003 : garantie d'un an)."),
    )
    custom_configuration = models.BooleanField(
        _("configuration sur mesure"),
        default=False,
        help_text=_("Assemblé à la demande du client (000 art. 7)."),
    )
    discount_class = models.CharField(
        _("classe de remise"),
        max_length=1,
        choices=DiscountClass.choices,
        default=DiscountClass.NORMAL,
        blank=True,
    )
    order_separately = models.BooleanField(
        _("à commander séparément"),
        default=False,
        help_text=_(
            "Mobilier et gros matériel : ne peut pas partager un panier avec d'autres produits "
            "(004 art. 3)."
        ),
    )
    is_console = models.BooleanField(
        _("console de jeu"),
        default=False,
        help_text=_("Compte pour le seuil de franco de port « avec consoles » (004 art. 11)."),
    )
    is_currency_indexed = models.BooleanField(
        _("prix indexé sur une devise"),
        default=False,
        help_text=_(
            "Une variation de la devise défavorable au vendeur, au-delà du seuil des CGV, est "
            "répercutée à la facturation (000 art. 3)."
        ),
    )
    indexed_currency = models.CharField(
        _("devise d'indexation"),
        max_length=3,
        blank=True,
        help_text=_("Code ISO 4217, par exemple USD."),
    )
    eco_tax_ht = models.DecimalField(
        _("éco-participation HT (par unité)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("Facturée sur une ligne séparée, au taux de TVA du produit."),
    )
    packaging_ht = models.DecimalField(
        _("emballage HT (par unité)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("Emballage spécifique facturé sur une ligne séparée (0 : aucun)."),
    )
    is_active = models.BooleanField(_("en vente"), default=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("produit")
        verbose_name_plural = _("produits")
        ordering = ["reference"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_ht__gte=0), name="product_price_ht_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(vat_rate__in=ALL_VAT_RATES), name="product_vat_rate_legal"
            ),
            models.CheckConstraint(
                condition=models.Q(pack_multiple__gte=1), name="product_pack_multiple_gte_1"
            ),
            models.CheckConstraint(condition=models.Q(lot_size__gte=1), name="product_lot_gte_1"),
            models.CheckConstraint(
                condition=models.Q(eco_tax_ht__gte=0, packaging_ht__gte=0),
                name="product_extra_fees_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_class__in=DiscountClass.values),
                name="product_discount_class_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(warranty_class__in=WarrantyClass.values),
                name="product_warranty_class_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(is_currency_indexed=False, indexed_currency="")
                    | models.Q(is_currency_indexed=True, indexed_currency__regex=r"^[A-Z]{3}$")
                ),
                name="product_indexed_currency_set",
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_gin", fastupdate=False),
            models.Index(
                OpClass(Upper("reference"), name="varchar_pattern_ops"),
                name="product_reference_upper_like",
            ),
            models.Index(fields=["is_active", "reference"], name="product_active_ref"),
            models.Index(fields=["is_active", "price_ht"], name="product_active_price"),
            # The catalogue filtered by category (and price): the matching rows only.
            models.Index(fields=["category", "price_ht"], name="product_category_price"),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="product_search_vector",
                operation=pgtrigger.Insert
                | pgtrigger.UpdateOf("reference", "designation", "description", "brand_id"),
                when=pgtrigger.Before,
                func=_SEARCH_VECTOR_SQL,
            ),
            catalogue_version_trigger(
                "product_bumps_catalogue_version", pgtrigger.Insert | pgtrigger.Delete
            ),
            pgtrigger.Trigger(
                name="product_shown_change_bumps_catalogue_version",
                level=pgtrigger.Statement,
                operation=pgtrigger.Update,
                when=pgtrigger.After,
                referencing=pgtrigger.Referencing(old="old_products", new="new_products"),
                func=_PRODUCT_SHOWN_CHANGE_BUMP,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.designation}"

    @property
    def stock_available(self) -> int:
        return max(self.stock_on_hand - self.stock_reserved, 0)


class ProductImage(models.Model):
    """A picture of a product, checked by content (PNG or JPEG) when uploaded."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="images", verbose_name=_("produit")
    )
    image = models.FileField(_("image"), upload_to="products/")
    content_type = models.CharField(max_length=32, editable=False, default="image/jpeg")
    alt_text = models.CharField(_("texte alternatif"), max_length=255, blank=True)
    position = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("image du produit")
        verbose_name_plural = _("images du produit")
        ordering = ["product", "position", "id"]
        triggers = [catalogue_version_trigger("product_image_bumps_catalogue_version")]

    def __str__(self) -> str:
        return self.alt_text or self.image.name


class QuantityTier(models.Model):
    """From `min_quantity` units of sale, the unit price HT is `unit_price_ht` (001 art. 8)."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("produit")
    )
    min_quantity = models.PositiveIntegerField(_("à partir de (quantité)"))
    unit_price_ht = models.DecimalField(_("prix unitaire HT"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("palier de quantité")
        verbose_name_plural = _("paliers de quantité")
        ordering = ["product", "min_quantity"]
        triggers = [catalogue_version_trigger("tier_bumps_catalogue_version")]
        constraints = [
            models.UniqueConstraint(fields=["product", "min_quantity"], name="tier_unique_min"),
            models.CheckConstraint(condition=models.Q(min_quantity__gte=2), name="tier_min_gte_2"),
            models.CheckConstraint(
                condition=models.Q(unit_price_ht__gte=0), name="tier_price_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"≥ {self.min_quantity} : {self.unit_price_ht}"


@pghistory.track()
class ExchangeRate(models.Model):
    """The rate of the day recorded by staff: `rate` units of `currency` for 1 EUR."""

    currency = models.CharField(_("devise"), max_length=3, help_text=_("Code ISO 4217 (USD)."))
    day = models.DateField(_("jour"))
    rate = models.DecimalField(
        _("cours (unités de devise pour 1 EUR)"),
        max_digits=14,
        decimal_places=6,
        help_text=_("Par exemple 1,0850 : 1 EUR vaut 1,0850 USD."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("saisi par"),
    )
    created_at = models.DateTimeField(_("saisi le"), auto_now_add=True)

    class Meta:
        verbose_name = _("cours de change")
        verbose_name_plural = _("cours de change")
        ordering = ["currency", "-day"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "day"], name="exchange_rate_unique_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(
                condition=models.Q(currency__regex=r"^[A-Z]{3}$"), name="exchange_rate_iso"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.day:%d/%m/%Y} : {self.rate}"
