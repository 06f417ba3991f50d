from django.shortcuts import render

from shop.selectors import category_list, product_list_for_home
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
