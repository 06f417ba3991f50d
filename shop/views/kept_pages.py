"""The keys under which catalogue pages keep their rendered cards (`core.fragments`).

A key names everything the kept HTML shows: the catalogue version (bumped by every write
to products, their pictures and tiers, brands, categories, seller and terms, but not by a
stock movement), the language, the visitor's price context, the page's address (its
filters and the links back to it), and the stock of the rows shown, read with them on
each request. A price, a picture, a language or a regime that changed is thus shown at
once; no key is ever invalidated, old ones are simply no longer asked for.

The catalogue also keeps, under the version and its filters but never the stock, the
count of a listing and the ranked ids of a text search's matches
(`shop.views.catalogue_listing`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Protocol

from django.utils.translation import get_language

from shop.models import Product
from shop.search import search_terms
from shop.selectors import CartLineShown, CatalogueFilters
from shop.services.pricing import DisplayPrice, display_price
from shop.views.shopping import Shopper


class Shown(Protocol):
    """A product as the key of its kept card reads it (a `Product`, or a `Listed` row)."""

    @property
    def pk(self) -> Any: ...

    @property
    def stock_available(self) -> int: ...


def price_context(shopper: Shopper) -> tuple[Hashable, ...]:
    """What decides a listed price: whether prices are shown, and the VAT regime."""
    return (shopper.show_prices, shopper.regime.code, shopper.regime.charges_vat)


def listed_price(product: Product, shopper: Shopper) -> DisplayPrice | None:
    """A product's price as a card shows it; None when the visitor may not see prices."""
    if not shopper.show_prices:
        return None
    return display_price(
        amount_ht=product.price_ht, vat_rate=product.vat_rate, regime=shopper.regime
    )


def cards_key(
    request,
    shopper: Shopper,
    version: int | None,
    page: str,
    count: int | None,
    products: Iterable[Shown],
) -> tuple[Hashable, ...] | None:
    """The key of a page of product cards; None (keep nothing) without a version."""
    if version is None:
        return None
    return (
        page,
        version,
        get_language(),
        price_context(shopper),
        request.get_full_path(),
        count,
        tuple((product.pk, product.stock_available > 0) for product in products),
    )


def _filters_key(filters: CatalogueFilters) -> tuple[Hashable, ...]:
    """Every filter but the stock, the text as the search reads it: its folded words,
    and the reference prefix it also matches."""
    return (
        tuple(search_terms(filters.q)),
        filters.q.strip().upper(),
        filters.categories,
        filters.brand.pk if filters.brand else None,
        filters.price_min,
        filters.price_max,
    )


def catalogue_count_key(filters: CatalogueFilters, version: int | None):
    """The key of the number of products matching `filters`; None (count each time) when
    it depends on the stock, or without a version."""
    if version is None or filters.in_stock:
        return None
    return ("catalogue-count", version, *_filters_key(filters))


def search_ids_key(filters: CatalogueFilters, version: int | None):
    """The key of the ranked ids of a text search's matches, the stock aside (it is read
    on each request); None without a version."""
    if version is None:
        return None
    return ("search-ids", version, *_filters_key(filters))


def product_page_key(
    request, shopper: Shopper, version: int | None, product: Product
) -> tuple[Hashable, ...] | None:
    """The key of a product's page: its stock as shown ("En stock : 4") and who reads it
    (a buyer gets the form to add it to the cart, a visitor the link to sign in)."""
    if version is None:
        return None
    user = request.user
    return (
        "product",
        version,
        get_language(),
        price_context(shopper),
        request.get_full_path(),
        product.pk,
        product.stock_available,
        user.is_authenticated,
        user.is_authenticated and user.is_staff,
        user.is_authenticated and user.has_perm("shop.buy_for_company"),
    )


def cart_lines_key(
    shopper: Shopper, version: int | None, cart_id: int, lines: Iterable[CartLineShown]
) -> tuple[Hashable, ...] | None:
    """The key of a cart's rendered lines and totals: the version (products, tiers, seller,
    terms, shipping table), the terms in force today, the language, the buyer's VAT
    profile (regime and delivery zone), and each line with its quantity and its stock as
    shown, read on each request."""
    if version is None:
        return None
    return (
        "cart",
        version,
        shopper.terms.pk if shopper.terms else None,
        get_language(),
        price_context(shopper),
        shopper.buyer,
        cart_id,
        tuple((line.pk, line.product_id, line.quantity, line.stock_shown) for line in lines),
    )
