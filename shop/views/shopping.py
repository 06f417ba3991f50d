"""What every catalogue and cart page needs to know about the visitor: the seller, the terms
in force, the buyer's VAT profile and regime, and whether prices may be shown."""

from __future__ import annotations

from dataclasses import dataclass

from shop.context_processors import seller_and_terms_for
from shop.models import Seller, Terms
from shop.services.tax import BuyerTaxProfile, VatRegime, buyer_tax_profile_for, vat_regime_decide


@dataclass(frozen=True)
class Shopper:
    seller: Seller | None
    terms: Terms | None
    buyer: BuyerTaxProfile
    regime: VatRegime
    show_prices: bool


def shopper_for(request) -> Shopper:
    """Built once per request (the seller and terms are read once, with the layout's)."""
    cached = getattr(request, "_shop_shopper", None)
    if cached is not None:
        return cached
    current = seller_and_terms_for(request)
    seller, terms = current.seller, current.terms
    country = seller.country if seller else "FR"
    buyer = buyer_tax_profile_for(user=request.user, seller_country=country)
    shopper = Shopper(
        seller=seller,
        terms=terms,
        buyer=buyer,
        regime=vat_regime_decide(seller_country=country, buyer=buyer),
        show_prices=request.user.is_authenticated
        or (seller is None or seller.show_prices_to_anonymous),
    )
    request._shop_shopper = shopper
    return shopper
