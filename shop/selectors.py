"""Reads of the shop's data for views, admin and other apps."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.contrib.postgres.search import SearchRank
from django.db.models import F, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from shop.models import (
    Brand,
    Cart,
    CartLine,
    CatalogueVersion,
    Category,
    ExchangeRate,
    Product,
    ProductImage,
    QuantityTier,
    Seller,
    Terms,
    TermsLanguage,
    TermsStatus,
)
from shop.models.terms import PREVAILING_LANGUAGE
from shop.search import search_query, search_rank_query

# What a product card, a cart line or a price never shows: the widest columns of a product.
CARD_DEFERRED = ("description", "specifications", "search_vector")


def _first_picture_id() -> Subquery:
    """The id of a product's first picture, for its card (read for the listed rows only)."""
    return Subquery(
        ProductImage.objects.filter(product=OuterRef("pk"))
        .order_by("position", "id")
        .values("id")[:1]
    )


HOME_PRODUCTS = 12


def product_list_for_home():
    """The home page's first products, each with the catalogue version read with them."""
    return (
        Product.objects.filter(is_active=True)
        .select_related("brand")
        .defer(*CARD_DEFERRED)
        .annotate(picture_id=_first_picture_id(), catalogue_version=catalogue_version_column())
        .order_by("reference")[:HOME_PRODUCTS]
    )


def product_stock_for_home():
    """The home page's first products with only their stock and the catalogue version:
    what the key of their kept cards names (`product_list_for_home` reads the cards)."""
    return (
        Product.objects.filter(is_active=True)
        .only("stock_on_hand", "stock_reserved")
        .annotate(catalogue_version=catalogue_version_column())
        .order_by("reference")[:HOME_PRODUCTS]
    )


# --- catalogue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    """What a catalogue listing is narrowed by. `categories`: the ids of the chosen
    category and of its sub-categories (`category_family`); empty: every category."""

    q: str = ""
    categories: tuple[int, ...] = ()
    brand: Brand | None = None
    in_stock: bool = False
    price_min: Decimal | None = None
    price_max: Decimal | None = None


class Listed(NamedTuple):
    """A listed product's id with what was read with it on this request: its stock, which
    keys its card (`shop.views.kept_pages`), the card itself being read only when not
    kept; and the catalogue version, read in the same query
    (`shop.context_processors.catalogue_version_read`)."""

    pk: int
    stock_on_hand: int
    stock_reserved: int
    catalogue_version: int | None

    @property
    def stock_available(self) -> int:
        return max(self.stock_on_hand - self.stock_reserved, 0)


_LISTED = ("pk", "stock_on_hand", "stock_reserved", "catalogue_version")


def _listed(products: QuerySet[Product]) -> QuerySet:
    return products.annotate(catalogue_version=catalogue_version_column()).values_list(*_LISTED)


def _matching(filters: CatalogueFilters) -> QuerySet[Product]:
    """Products on sale matching `filters`, best match first for a text search (else by
    reference).

    Full-text search (`shop.search`: words as prefixes, synonyms) on reference, brand,
    designation and description; a reference typed from its beginning ("PC-PRO") also
    matches. Both conditions are answered from an index (GIN on `search_vector`,
    B-tree on `UPPER(reference)`), so the cost follows the number of matches, not the
    size of the catalogue; so do a category and a price range (one index on both, given
    the ids of the category and its sub-categories: no join).
    """
    products = Product.objects.filter(is_active=True)
    if filters.categories:
        products = products.filter(category_id__in=filters.categories)
    if filters.brand is not None:
        products = products.filter(brand=filters.brand)
    if filters.in_stock:
        products = products.filter(stock_on_hand__gt=F("stock_reserved"))
    if filters.price_min is not None:
        products = products.filter(price_ht__gte=filters.price_min)
    if filters.price_max is not None:
        products = products.filter(price_ht__lte=filters.price_max)
    query, rank_query = search_query(filters.q), search_rank_query(filters.q)
    if query is None or rank_query is None:
        return products.order_by("reference")
    reference = filters.q.strip().upper()
    return (
        products.alias(reference_upper=Upper("reference"))
        .filter(Q(search_vector=query) | Q(reference_upper__startswith=reference))
        .alias(rank=SearchRank(F("search_vector"), rank_query))
        .order_by("-rank", "reference")
    )


def product_search_ids(*, filters: CatalogueFilters) -> list[int]:
    """The ids of the products matching `filters`, in the order they are listed (one
    query, no other column read): what a text search keeps, since ranking its matches
    is what a search costs (see `shop.views.kept_pages`)."""
    return list(_matching(filters).values_list("pk", flat=True))


def product_search_listed(*, filters: CatalogueFilters) -> QuerySet:
    """The products matching `filters` as `Listed` rows (id, stock and the catalogue
    version, nothing else), in the order they are listed; slice it to read one page."""
    return _listed(_matching(filters))


def product_listed(*, ids: Sequence[int], in_stock: bool = False) -> list[Listed]:
    """Those of `ids` still on sale (and with units available, if `in_stock`), with
    their stock, in the order of `ids` (one query on the primary key)."""
    products = Product.objects.filter(pk__in=ids, is_active=True)
    if in_stock:
        products = products.filter(stock_on_hand__gt=F("stock_reserved"))
    found = {row[0]: Listed(*row) for row in _listed(products.order_by())}
    return [found[pk] for pk in ids if pk in found]


def product_cards(*, ids: Sequence[int]) -> list[Product]:
    """The cards of the products of `ids` still on sale, in that order (one query on the
    primary key): what a card shows, with the id of its first picture (`picture_id`) and
    the catalogue version read with them, not the description, specifications or search
    vector."""
    products = (
        Product.objects.filter(pk__in=ids, is_active=True)
        .select_related("brand")
        .defer(*CARD_DEFERRED)
        .annotate(picture_id=_first_picture_id(), catalogue_version=catalogue_version_column())
        .order_by()
    )
    found = {product.pk: product for product in products}
    return [found[pk] for pk in ids if pk in found]


def catalogue_version() -> int | None:
    """The stamp of the brands, categories, products (not their stock), seller and terms
    (see `CatalogueVersion`): one tiny query; None with no version row (nothing may then
    be cached)."""
    return CatalogueVersion.objects.filter(pk=1).values_list("version", flat=True).first()


def catalogue_version_column() -> Subquery:
    """The catalogue version as a column of a page's rows query, read in the same query
    and snapshot as the rows (`shop.context_processors.catalogue_version_read`)."""
    return Subquery(CatalogueVersion.objects.filter(pk=1).values("version")[:1])


# The filter lists last read by this process, with the catalogue version they were read
# under: (version, categories, brands). Shared by the requests, which only read them.
_filter_lists_read: tuple[int, list[Category], list[Brand]] | None = None


def catalogue_filter_lists(*, version: int | None) -> tuple[list[Category], list[Brand]]:
    """The categories and brands the catalogue's filters offer, kept in this process's
    memory under the catalogue `version` the request has read (`catalogue_version`; it
    is stamped by triggers on every write to brands and categories), read from the
    database only when it changed. With no version (no version row: a truncated table)
    nothing is kept."""
    global _filter_lists_read
    read = _filter_lists_read
    if version is not None and read is not None and read[0] == version:
        return read[1], read[2]
    categories, brands = category_list(), brand_list()
    if version is not None:
        _filter_lists_read = (version, categories, brands)
    return categories, brands


def category_family(*, category: Category, categories: list[Category]) -> tuple[int, ...]:
    """The ids of `category` and of its sub-categories (one level), taken from the list
    the filters offer: the catalogue query then reads the products' category index
    instead of joining the categories."""
    return tuple(c.pk for c in categories if category.pk in (c.pk, c.parent_id))


def category_list() -> list[Category]:
    return list(Category.objects.select_related("parent").order_by("position", "name"))


def category_get(*, slug: str) -> Category | None:
    return Category.objects.filter(slug=slug).first() if slug else None


def brand_list() -> list[Brand]:
    return list(Brand.objects.order_by("name"))


def brand_get(*, pk) -> Brand | None:
    return Brand.objects.filter(pk=pk).first() if pk else None


def product_stock_for_page(*, reference: str) -> Product | None:
    """A product on sale with only its designation, its stock and the catalogue version:
    what the key of its kept page names (`product_get_for_page` reads the rest)."""
    return (
        Product.objects.filter(is_active=True, reference=reference)
        .only("designation", "stock_on_hand", "stock_reserved")
        .annotate(catalogue_version=catalogue_version_column())
        .first()
    )


def product_get_for_page(*, reference: str) -> Product | None:
    """One product on sale, with its brand and category and the catalogue version (one
    query); its tiers and pictures are read apart (`product_tiers`, `product_images`), when
    its page is not already kept."""
    return (
        Product.objects.filter(is_active=True, reference=reference)
        .select_related("brand", "category")
        .annotate(catalogue_version=catalogue_version_column())
        .first()
    )


def product_tiers(*, product: Product) -> list[QuantityTier]:
    return list(product.tiers.order_by("min_quantity"))


def product_images(*, product: Product) -> list[ProductImage]:
    return list(product.images.order_by("position", "id"))


def products_by_reference(*, references) -> dict[str, Product]:
    """Products on sale keyed by upper-case reference (one query)."""
    wanted = {ref.strip().upper() for ref in references if ref and ref.strip()}
    if not wanted:
        return {}
    return {
        p.reference.upper(): p
        for p in Product.objects.annotate(ref_upper=Upper("reference")).filter(
            is_active=True, ref_upper__in=wanted
        )
    }


def product_image_get(*, pk: int) -> ProductImage | None:
    return ProductImage.objects.filter(pk=pk, product__is_active=True).first()


def exchange_rate_on(*, currency: str, day: date) -> ExchangeRate | None:
    """The latest rate recorded for `currency` on or before `day`."""
    return ExchangeRate.objects.filter(currency=currency, day__lte=day).order_by("-day").first()


# --- carts and quote requests -----------------------------------------------------------------


def cart_lines_for_pricing(*, cart: Cart) -> list[CartLine]:
    """The lines of `cart` with product, brand and tiers (2 queries whatever the size)."""
    return list(
        CartLine.objects.filter(cart=cart)
        .select_related("product", "product__brand")
        .defer(*(f"product__{name}" for name in CARD_DEFERRED))
        .prefetch_related(
            Prefetch("product__tiers", queryset=QuantityTier.objects.order_by("min_quantity"))
        )
        .order_by("added_at", "id")
    )


@dataclass(frozen=True)
class CartLineShown:
    """What the cart page shows of a line that is not covered by the catalogue version:
    the line, its quantity and its product's stock, read on each request to key the kept
    rows and to render them."""

    pk: int
    product_id: int
    quantity: int
    stock_on_hand: int
    stock_reserved: int

    @property
    def stock_shown(self) -> int:
        """The stock as the page shows it: the available units when they do not cover the
        quantity (the backorder warning names them), else the quantity (no warning)."""
        return min(self.stock_on_hand - self.stock_reserved, self.quantity)


@dataclass(frozen=True)
class CartsShown:
    """The user's carts (`pk` and `touched_at` only), the current (most recently touched)
    first, the lines of the current one in the order added, and the catalogue version
    read with them (None without a cart)."""

    carts: list[Cart]
    lines: list[CartLineShown]
    catalogue_version: int | None


def carts_shown_for_user(*, user) -> CartsShown:
    """The user's carts and the current cart's lines with their stock: one query (the
    carts joined to the lines of the first of them, with the catalogue version), no line
    or product model built."""
    current = Cart.objects.filter(user=user).order_by("-touched_at", "-id").values("pk")[:1]
    rows = list(
        Cart.objects.filter(user=user)
        .annotate(
            shown=FilteredRelation("lines", condition=Q(lines__cart_id=Subquery(current))),
            catalogue_version=catalogue_version_column(),
        )
        .order_by("-touched_at", "-id", "shown__added_at", "shown__id")
        .values_list(
            "catalogue_version",
            "pk",
            "touched_at",
            "shown__pk",
            "shown__product_id",
            "shown__quantity",
            "shown__product__stock_on_hand",
            "shown__product__stock_reserved",
        )
    )
    carts: dict[int, Cart] = {}
    lines = []
    for _version, cart_id, touched_at, *line in rows:
        if cart_id not in carts:
            carts[cart_id] = Cart(pk=cart_id, user_id=user.pk, touched_at=touched_at)
        if line[0] is not None:
            lines.append(CartLineShown(*line))
    return CartsShown(list(carts.values()), lines, rows[0][0] if rows else None)


def cart_lines_of_shown(*, cart_id: int, shown: list[CartLineShown]) -> list[CartLine]:
    """The lines `shown` as `CartLine`s with their products and tiers (2 queries), each
    line's quantity and stock those of `shown`, so that a page renders exactly what its
    key names even if the cart changed in between."""
    products = Product.objects.defer(*CARD_DEFERRED).prefetch_related(
        Prefetch("tiers", queryset=QuantityTier.objects.order_by("min_quantity"))
    )
    by_id = products.in_bulk({line.product_id for line in shown})
    lines = []
    for line in shown:
        product = by_id.get(line.product_id)
        if product is None:  # deleted since: the catalogue version changed with it
            continue
        product.stock_on_hand, product.stock_reserved = line.stock_on_hand, line.stock_reserved
        lines.append(CartLine(pk=line.pk, cart_id=cart_id, product=product, quantity=line.quantity))
    return lines


def cart_get_for_user(*, user, pk: int) -> Cart | None:
    return Cart.objects.filter(user=user, pk=pk).first()


# --- seller and terms of sale ---------------------------------------------------------------


def seller_get_current() -> Seller | None:
    """The shop operator (there is at most one row), or None before a preset is loaded."""
    return Seller.objects.first()


def seller_get_required() -> Seller:
    """The shop operator; BusinessError `seller_missing` before a preset is loaded."""
    seller = seller_get_current()
    if seller is None:
        raise BusinessError(
            "seller_missing", _("Aucun vendeur n'est configuré : chargez d'abord les CGV.")
        )
    return seller


def terms_in_force(*, seller: Seller, on: date) -> Terms | None:
    """The published version with the latest effective date not after `on`.

    Two published versions with the same effective date: the higher version wins.
    Returns None when no published version is in force on that day.
    """
    return (
        Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED, effective_date__lte=on)
        .order_by("-effective_date", "-version")
        .first()
    )


# The contract texts: pages read the numbers of the terms in force, never their text.
TERMS_TEXT_FIELDS = ("text_fr", "text_en", "text_nl")


# The seller and terms in force last read by this process, with the catalogue version and
# the day they were read for: (version, day, seller, terms).
_seller_and_terms_read: tuple[int, date, Seller | None, Terms | None] | None = None


def seller_and_terms_in_force(*, on: date) -> tuple[Seller | None, Terms | None]:
    """The seller and its terms in force on `on`: one tiny query for the catalogue version
    while neither changed (see `seller_and_terms_under`)."""
    return seller_and_terms_under(version=catalogue_version(), on=on)


def seller_and_terms_under(*, version: int | None, on: date) -> tuple[Seller | None, Terms | None]:
    """The seller and its terms in force on `on` (see `terms_in_force`), `version` being
    the catalogue version just read, which triggers bump on every write to the seller and
    the terms.

    The 94-column terms row is read again (one query, two when no version is in force)
    only when that version or the day changed. Each caller gets its own copies, so a
    change made to them never reaches another request. The contract texts are deferred
    (loaded if ever read). With no version (no version row) nothing is kept."""
    global _seller_and_terms_read
    read = _seller_and_terms_read
    if version is not None and read is not None and read[:2] == (version, on):
        seller, terms = read[2], read[3]
    else:
        seller, terms = _seller_and_terms_in_force_from_database(on=on)
        if version is not None:
            _seller_and_terms_read = (version, on, seller, terms)
    if terms is None:
        return copy.copy(seller), None
    terms = copy.copy(terms)
    terms.seller = copy.copy(terms.seller)
    return terms.seller, terms


def _seller_and_terms_in_force_from_database(*, on: date) -> tuple[Seller | None, Terms | None]:
    terms = (
        Terms.objects.filter(
            seller=Subquery(Seller.objects.order_by("pk").values("pk")[:1]),
            status=TermsStatus.PUBLISHED,
            effective_date__lte=on,
        )
        .select_related("seller")
        .defer(*TERMS_TEXT_FIELDS)
        .order_by("-effective_date", "-version")
        .first()
    )
    if terms is not None:
        return terms.seller, terms
    return seller_get_current(), None


def terms_published_list(*, seller: Seller) -> list[Terms]:
    """Every published version of the seller, the most recent effective date first."""
    return list(
        Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED).order_by(
            "-effective_date", "-version"
        )
    )


def terms_get_published(*, seller: Seller, version: int) -> Terms | None:
    """One published version by its number; None for drafts and unknown numbers."""
    return Terms.objects.filter(
        seller=seller, status=TermsStatus.PUBLISHED, version=version
    ).first()


@dataclass(frozen=True)
class TermsText:
    """A version's text as one reader gets it.

    `language`: the language of `text`; `is_fallback`: the reader's language has no text,
    so another is shown; `translated_from`: the language this text is a translation of
    ("" for the seller's own wording); `prevails`: this is the French text, the one that
    binds (every other text is for information); `languages`: every language the version
    is published in, French first.
    """

    text: str
    language: str
    is_fallback: bool
    translated_from: str = ""
    languages: tuple[str, ...] = ()

    @property
    def prevails(self) -> bool:
        return self.language == PREVAILING_LANGUAGE


def terms_languages(*, terms: Terms) -> tuple[str, ...]:
    """The languages `terms` has a text in, French (the prevailing one) first."""
    return tuple(code for code in TermsLanguage.values if getattr(terms, f"text_{code}").strip())


def terms_text_for_language(*, terms: Terms, language: str) -> TermsText:
    """The full text in `language`, else in French (which prevails), else any text there is."""
    language = (language or "fr").split("-")[0].lower()
    languages = terms_languages(terms=terms)
    if language in languages:
        chosen, fallback = language, False
    elif languages:
        chosen, fallback = languages[0], True
    else:
        return TermsText("", language, is_fallback=False)
    return TermsText(
        getattr(terms, f"text_{chosen}"),
        chosen,
        is_fallback=fallback,
        translated_from=getattr(terms, f"text_{chosen}_translated_from"),
        languages=languages,
    )
