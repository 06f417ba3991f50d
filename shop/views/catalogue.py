"""Public catalogue: list with search and filters, product pages, product images."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET

from core.fragments import kept, kept_html
from shop.context_processors import seller_and_terms_for
from shop.forms import PER_PAGE_CHOICES, AddToCartForm, CatalogueFilterForm
from shop.selectors import (
    CatalogueFilters,
    catalogue_filter_lists,
    product_get_for_page,
    product_image_get,
    product_images,
    product_search,
    product_tiers,
)
from shop.services.pricing import display_price
from shop.views.kept_pages import (
    cards_key,
    catalogue_count_key,
    listed_price,
    product_page_key,
)
from shop.views.shopping import shopper_for


@require_GET
def catalogue_list(request):
    """The catalogue: a constant number of queries whatever the page size.

    The rows of the page are read on each request (with their stock); the count of
    matches (unless it depends on the stock), the filter lists and the rendered results
    are kept under the catalogue version with everything else they show (see
    `core.fragments`)."""
    form = CatalogueFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    # The catalogue version read with the seller and terms keys what is kept.
    version = seller_and_terms_for(request).version
    categories, brands = catalogue_filter_lists(version=version)
    category = next((c for c in categories if c.slug == data.get("categorie")), None)
    brand = next((b for b in brands if b.pk == data.get("marque")), None)
    filters = CatalogueFilters(
        q=data.get("q") or "",
        category=category,
        brand=brand,
        in_stock=bool(data.get("en_stock")),
        price_min=data.get("prix_min"),
        price_max=data.get("prix_max"),
    )
    per_page = data.get("par_page") or PER_PAGE_CHOICES[0]
    products = product_search(filters=filters)
    paginator = Paginator(products, per_page)
    paginator.count = kept(catalogue_count_key(filters, version), products.count)
    page = paginator.get_page(request.GET.get("page"))
    products_shown = list(page.object_list)
    shopper = shopper_for(request)

    def render_results(extra: dict) -> str:
        rows = [(product, listed_price(product, shopper)) for product in products_shown]
        keep = {k: v for k, v in request.GET.items() if k != "page" and v}
        context = {
            "form": form,
            "categories": categories,
            "brands": brands,
            "category": category,
            "brand": brand,
            "filters": filters,
            "page": page,
            "rows": rows,
            "shopper": shopper,
            "querystring": urlencode(keep),
            "per_page_choices": PER_PAGE_CHOICES,
        }
        return render_to_string("shop/_catalogue_results.html", context | extra, request)

    results = kept_html(
        request,
        cards_key(request, shopper, version, "catalogue", paginator.count, products_shown),
        render_results,
    )
    return render(
        request,
        "shop/catalogue_list.html",
        {"filters": filters, "results": results, "shopper": shopper},
    )


def product_detail(request, reference: str, *, add_form=None, error=None, status=200):
    """A product's page; unless it answers a refused addition to the cart, its body is
    kept under the catalogue version with the stock and who may buy (see
    `shop.views.kept_pages`): the tiers and pictures are then not read."""
    product = product_get_for_page(reference=reference)
    if product is None:
        raise Http404
    shopper = shopper_for(request)

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

    key = None
    if add_form is None and error is None:
        key = product_page_key(request, shopper, seller_and_terms_for(request).version, product)
    return render(
        request,
        "shop/product_detail.html",
        {"product": product, "product_page": kept_html(request, key, render_page)},
        status=status,
    )


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
