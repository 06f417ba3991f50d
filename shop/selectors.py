"""Reads of the shop's data for views, admin and other apps."""

from shop.models import Product


def product_list_for_home(*, limit: int = 12):
    return Product.objects.filter(is_active=True).order_by("reference")[:limit]
