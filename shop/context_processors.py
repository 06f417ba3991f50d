from django.utils import timezone

from shop.selectors import seller_get_current, terms_in_force

_CACHE_ATTRIBUTE = "_shop_seller_context"


def seller(request):
    """The seller's identity and the terms in force today, for the base layout.

    At most two queries per request: the result is kept on the request object.
    """
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        current = seller_get_current()
        cached = {
            "seller": current,
            "terms_in_force": (
                terms_in_force(seller=current, on=timezone.localdate()) if current else None
            ),
        }
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached
