from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from shop.models import Seller, Terms
from shop.selectors import seller_and_terms_versioned

_CACHE_ATTRIBUTE = "_shop_seller_and_terms"


@dataclass(frozen=True)
class SellerAndTerms:
    seller: Seller | None
    terms: Terms | None
    # The catalogue version they were read under (None: nothing may be cached).
    version: int | None
    # "<catalogue version>-<day>": what the layout's cached fragments depend on besides
    # the language; empty when nothing may be cached.
    layout_key: str


def seller_and_terms_for(request) -> SellerAndTerms:
    """The seller and the terms in force today, read once per request (one tiny query while
    neither changed: see `seller_and_terms_versioned`)."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        today = timezone.localdate()
        version, seller, terms = seller_and_terms_versioned(on=today)
        layout_key = f"{version}-{today.isoformat()}" if version is not None else ""
        cached = SellerAndTerms(seller, terms, version, layout_key)
        setattr(request, _CACHE_ATTRIBUTE, cached)
    return cached


def seller(request):
    """The seller's identity and the terms in force today, for the base layout, and the
    key of the layout's cached fragments (the footer: see base.html).

    Lazy: a page that shows neither (admin, downloads, htmx fragments) costs no query; the
    others share one query with the views (`seller_and_terms_for`).
    """
    return {
        "seller": SimpleLazyObject(lambda: seller_and_terms_for(request).seller),
        "terms_in_force": SimpleLazyObject(lambda: seller_and_terms_for(request).terms),
        "layout_key": SimpleLazyObject(lambda: seller_and_terms_for(request).layout_key),
    }
