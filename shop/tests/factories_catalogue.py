"""factory_boy factories for the catalogue, carts and the 004 terms (thresholds)."""

from datetime import date
from decimal import Decimal

import factory

from shop.models import Brand, Category, Product, QuantityTier, ShippingRate
from shop.tests.factories import SellerFactory, TermsFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Catégorie {n}")
    slug = factory.Sequence(lambda n: f"categorie-{n}")


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brand
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Marque {n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    reference = factory.Sequence(lambda n: f"REF-{n:05d}")
    designation = factory.Sequence(lambda n: f"Produit de test {n}")
    brand = factory.SubFactory(BrandFactory)
    price_ht = Decimal("100.00")
    vat_rate = Decimal("20.00")
    stock_on_hand = 10


class QuantityTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuantityTier

    product = factory.SubFactory(ProductFactory)
    min_quantity = 10
    unit_price_ht = Decimal("90.00")


class ShippingRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingRate

    seller = factory.SubFactory(SellerFactory)
    zone = ""
    carrier = ""
    from_amount_ht = Decimal("0.00")
    fee_ht = Decimal("20.00")


def thresholds_terms(**overrides):
    """Published terms with 004's shipping rule (free from 457, 750 with consoles; 10 from
    152; 15 below) and 004's delivery zones."""
    values = {
        "published": True,
        "effective_date": date(2020, 1, 1),
        "shipping_fee_mode": "thresholds",
        "shipping_free_from_ht": Decimal("457.00"),
        "shipping_free_from_with_consoles_ht": Decimal("750.00"),
        "shipping_reduced_fee_from_ht": Decimal("152.00"),
        "shipping_reduced_fee_ht": Decimal("10.00"),
        "shipping_base_fee_ht": Decimal("15.00"),
        "delivery_zones": ["fr_metro", "dom_tom", "export"],
    }
    values.update(overrides)
    return TermsFactory(**values)
