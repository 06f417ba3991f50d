from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from shop.models import Seller, Terms
from shop.selectors import catalogue_version, seller_and_terms_under

_CACHE_ATTRIBUTE = "_shop_seller_and_terms"
_VERSION_ATTRIBUTE = "_shop_catalogue_version"

# The catalogue version the last request of this process was served under.
_version_last_served: int | None = None


@dataclass(frozen=True)
class SellerAndTerms:
    seller: Seller | None
    terms: Terms | None
    # The catalogue version they were read under (None: nothing may be cached).
    version: int | None
    # "<catalogue version>-<day>": what the layout's cached fragments depend on besides
    # the language; empty when nothing may be cached.
    layout_key: str


def catalogue_version_read(request, rows) -> None:
    """Notes the catalogue version a view read as a column of its rows
    (`shop.selectors.catalogue_version_column`), so that this request's seller, terms and
    kept fragments are keyed by it without a query of their own. Without rows, or once
    the seller and terms are read, nothing changes: the version is then read apart."""
    if rows and not hasattr(request, _CACHE_ATTRIBUTE):
        setattr(request, _VERSION_ATTRIBUTE, rows[0].catalogue_version)


def catalogue_version_presumed() -> int | None:
    """The catalogue version the last request of this process was served under: a view
    may prepare what it keeps under it, provided the version read with its rows
    (`catalogue_version_read`) confirms it; None before a first request."""
    return _version_last_served


def seller_and_terms_for(request) -> SellerAndTerms:
    """The seller and the terms in force today, read once per request under the catalogue
    version the view read with its rows (`catalogue_version_read`), else one tiny query
    for it; the seller and terms themselves are read only when it changed (see
    `seller_and_terms_under`)."""
    global _version_last_served
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is None:
        today = timezone.localdate()
        if hasattr(request, _VERSION_ATTRIBUTE):
            version = getattr(request, _VERSION_ATTRIBUTE)
        else:
            version = catalogue_version()
        seller, terms = seller_and_terms_under(version=version, on=today)
        layout_key = f"{version}-{today.isoformat()}" if version is not None else ""
        cached = SellerAndTerms(seller, terms, version, layout_key)
        setattr(request, _CACHE_ATTRIBUTE, cached)
        _version_last_served = version
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
