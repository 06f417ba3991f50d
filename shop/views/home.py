import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render

from shop.selectors import category_list, product_list_for_home, seller_get_current
from shop.services.pricing import display_price
from shop.views.shopping import shopper_for


def home(request):
    """The catalogue landing: search, categories and a first selection of products."""
    shopper = shopper_for(request)
    rows = [
        (
            product,
            display_price(
                amount_ht=product.price_ht, vat_rate=product.vat_rate, regime=shopper.regime
            )
            if shopper.show_prices
            else None,
        )
        for product in product_list_for_home()
    ]
    return render(
        request,
        "shop/home.html",
        {"products": rows, "categories": category_list(), "shopper": shopper},
    )


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
