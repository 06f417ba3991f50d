import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.template.loader import render_to_string

from core.fragments import kept_html, kept_html_found
from shop.context_processors import catalogue_version_read, seller_and_terms_for
from shop.selectors import (
    catalogue_filter_lists,
    product_list_for_home,
    product_stock_for_home,
    seller_get_current,
)
from shop.views.kept_pages import cards_key, listed_price
from shop.views.shopping import shopper_for


def home(request):
    """The catalogue landing: search, categories and a first selection of products, the
    last two kept under the catalogue version and the stock of the products shown (see
    `shop.views.kept_pages`), read in one light query; the cards are read only to render
    them, and kept only when read under the same version."""
    shown = list(product_stock_for_home())
    catalogue_version_read(request, shown)
    shopper = shopper_for(request)
    version = seller_and_terms_for(request).version
    catalogue = kept_html_found(request, cards_key(request, shopper, version, "home", None, shown))
    if catalogue is None:
        products = list(product_list_for_home())

        def render_catalogue(extra: dict) -> str:
            context = {
                "products": [(product, listed_price(product, shopper)) for product in products],
                "categories": catalogue_filter_lists(version=version)[0],
                "shopper": shopper,
            }
            return render_to_string("shop/_home_catalogue.html", context | extra, request)

        key = None
        if all(product.catalogue_version == version for product in products):
            key = cards_key(request, shopper, version, "home", None, products)
        catalogue = kept_html(request, key, render_catalogue)
    return render(request, "shop/home.html", {"catalogue": catalogue, "shopper": shopper})


def seller_logo(request):
    """The seller's logo: public, but uploads live outside any served folder."""
    seller = seller_get_current()
    if seller is None or not seller.logo:
        raise Http404
    try:
        handle = seller.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = mimetypes.guess_type(seller.logo.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    return response
