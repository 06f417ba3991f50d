from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from shop.models import Seller, Terms
from shop.selectors import seller_and_terms_in_force

_CACHE_ATTRIBUTE = "_shop_seller_and_terms"


@dataclass(frozen=True)
class SellerAndTerms:
    seller: Seller | None
    terms: Terms | None


def seller_and_terms_for(request) -> SellerAndTerms:
    """The seller and the terms in force today, read once per request (one query)."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = SellerAndTerms(*seller_and_terms_in_force(on=timezone.localdate()))
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def seller(request):
    """The seller's identity and the terms in force today, for the base layout.

    Lazy: a page that shows neither (admin, downloads, htmx fragments) costs no query; the
    others share one query with the views (`seller_and_terms_for`).
    """
    return {
        "seller": SimpleLazyObject(lambda: seller_and_terms_for(request).seller),
        "terms_in_force": SimpleLazyObject(lambda: seller_and_terms_for(request).terms),
    }
