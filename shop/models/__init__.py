from shop.models.catalogue import Product
from shop.models.seller import Seller, SellerCountry
from shop.models.terms import Terms, TermsStatus

__all__ = ["Product", "Seller", "SellerCountry", "Terms", "TermsStatus"]
