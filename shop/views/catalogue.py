"""Public catalogue: list with search and filters, product pages, product images."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from core.fragments import kept_html, kept_html_found
from shop.context_processors import (
    catalogue_version_presumed,
    catalogue_version_read,
    seller_and_terms_for,
)
from shop.forms import PER_PAGE_CHOICES, AddToCartForm, CatalogueFilterForm
from shop.models import Brand, Category
from shop.selectors import (
    CatalogueFilters,
    Listed,
    catalogue_filter_lists,
    category_family,
    product_cards,
    product_get_for_page,
    product_image_get,
    product_images,
    product_stock_for_page,
    product_tiers,
)
from shop.services.pricing import display_price
from shop.views.catalogue_listing import catalogue_listing
from shop.views.kept_pages import (
    cards_key,
    listed_price,
    product_page_key,
)
from shop.views.shopping import shopper_for


@dataclass(frozen=True)
class _Listing:
    categories: list[Category]
    brands: list[Brand]
    category: Category | None
    filters: CatalogueFilters
    page: Page
    listed: list[Listed]


def _listing(request, data: dict, version: int | None) -> _Listing:
    """The page of products `data` asks for, listed with their stock and the catalogue
    version read with them (`catalogue_listing`); the filter lists, and what the listing
    keeps, under `version`."""
    categories, brands = catalogue_filter_lists(version=version)
    category = next((c for c in categories if c.slug == data.get("categorie")), None)
    filters = CatalogueFilters(
        q=data.get("q") or "",
        categories=category_family(category=category, categories=categories) if category else (),
        brand=next((b for b in brands if b.pk == data.get("marque")), None),
        in_stock=bool(data.get("en_stock")),
        price_min=data.get("prix_min"),
        price_max=data.get("prix_max"),
    )
    page, listed = catalogue_listing(
        filters, version, data.get("par_page") or PER_PAGE_CHOICES[0], request.GET.get("page")
    )
    return _Listing(categories, brands, category, filters, page, listed)


@require_GET
def catalogue_list(request):
    """The catalogue: a constant number of queries whatever the page size.

    The page's rows are listed on each request, with their stock and the catalogue
    version (`catalogue_listing`); the filter lists, what the listing keeps and the
    rendered results are kept under that version with everything else they show (see
    `core.fragments`): the cards are read only to render results not kept yet, and kept
    only when read under the same version. The listing is first made under the version
    this process served last, which the rows' version confirms (one query); after a
    change, or without rows, the version is read apart and the page listed again under
    it."""
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    presumed = catalogue_version_presumed()
    if presumed is None:
        presumed = seller_and_terms_for(request).version
    listing = _listing(request, data, presumed)
    catalogue_version_read(request, listing.listed)
    version = seller_and_terms_for(request).version
    if version != presumed:
        listing = _listing(request, data, version)
    shopper = shopper_for(request)
    count = listing.page.paginator.count
    key = cards_key(request, shopper, version, "catalogue", count, listing.listed)
    results = kept_html_found(request, key)
    if results is None:
        cards = product_cards(ids=[row.pk for row in listing.listed])

        def render_results(extra: dict) -> str:
            rows = [(product, listed_price(product, shopper)) for product in cards]
            keep = {k: v for k, v in request.GET.items() if k != "page" and v}
            context = {
                "form": form,
                "categories": listing.categories,
                "brands": listing.brands,
                "category": listing.category,
                "brand": listing.filters.brand,
                "filters": listing.filters,
                "page": listing.page,
                "rows": rows,
                "shopper": shopper,
                "querystring": urlencode(keep),
                "per_page_choices": PER_PAGE_CHOICES,
            }
            return render_to_string("shop/_catalogue_results.html", context | extra, request)

        key = None
        if len(cards) == len(listing.listed) and all(
            card.catalogue_version == version for card in cards
        ):
            key = cards_key(request, shopper, version, "catalogue", count, cards)
        results = kept_html(request, key, render_results)
    return render(
        request,
        "shop/catalogue_list.html",
        {"filters": listing.filters, "results": results, "shopper": shopper},
    )


def product_detail(request, reference: str, *, add_form=None, error=None, status=200):
    """A product's page; unless it answers a refused addition to the cart, its body is
    kept under the catalogue version with the stock and who may buy (see
    `shop.views.kept_pages`), read in one light query: the product's other columns, its
    tiers and pictures are read only to render it."""
    shown = product_stock_for_page(reference=reference)
    if shown is None:
        raise Http404
    catalogue_version_read(request, [shown])
    shopper = shopper_for(request)
    version = seller_and_terms_for(request).version
    keep = add_form is None and error is None
    page = None
    if keep:
        page = kept_html_found(request, product_page_key(request, shopper, version, shown))
    if page is None:
        product = product_get_for_page(reference=reference)
        if product is None:
            raise Http404
        key = None
        if keep and product.catalogue_version == version:
            key = product_page_key(request, shopper, version, product)
        page = kept_html(
            request, key, _product_page_render(request, shopper, product, add_form, error)
        )
    return render(
        request,
        "shop/product_detail.html",
        {"product": shown, "product_page": page},
        status=status,
    )


def _product_page_render(request, shopper, product, add_form, error) -> Callable[[dict], str]:
    def render_page(extra: dict) -> str:
        price = tiers = None
        if shopper.show_prices:
            price = listed_price(product, shopper)
            tiers = [
                (
                    tier,
                    display_price(
                        amount_ht=tier.unit_price_ht,
                        vat_rate=product.vat_rate,
                        regime=shopper.regime,
                    ),
                )
                for tier in product_tiers(product=product)
            ]
        context = {
            "product": product,
            "images": product_images(product=product),
            "price": price,
            "tiers": tiers,
            "shopper": shopper,
            "add_form": add_form or AddToCartForm(initial={"quantite": product.pack_multiple}),
            "error": error,
        }
        return render_to_string("shop/_product_page.html", context | extra, request)

    return render_page


@require_GET
def product_image(request, pk: int):
    image = product_image_get(pk=pk)
    if image is None or not image.image:
        raise Http404
    try:
        handle = image.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=86400"
    return response
