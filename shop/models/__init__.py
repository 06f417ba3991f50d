from shop.models.cart import Cart, CartLine, QuoteRequest, QuoteRequestLine, QuoteRequestStatus
from shop.models.catalogue import (
    ALL_VAT_RATES,
    STANDARD_VAT_RATE,
    VAT_RATES_BY_COUNTRY,
    Brand,
    CatalogueVersion,
    Category,
    DiscountClass,
    ExchangeRate,
    Product,
    ProductImage,
    QuantityTier,
    WarrantyClass,
)
from shop.models.seller import Seller, SellerCountry
from shop.models.shipping import ShippingRate
from shop.models.terms import DeliveryZone, ShippingFeeMode, Terms, TermsLanguage, TermsStatus

__all__ = [
    "ALL_VAT_RATES",
    "STANDARD_VAT_RATE",
    "VAT_RATES_BY_COUNTRY",
    "Brand",
    "Cart",
    "CartLine",
    "CatalogueVersion",
    "Category",
    "DeliveryZone",
    "DiscountClass",
    "ExchangeRate",
    "Product",
    "ProductImage",
    "QuantityTier",
    "QuoteRequest",
    "QuoteRequestLine",
    "QuoteRequestStatus",
    "Seller",
    "SellerCountry",
    "ShippingFeeMode",
    "ShippingRate",
    "Terms",
    "TermsLanguage",
    "TermsStatus",
    "WarrantyClass",
]
