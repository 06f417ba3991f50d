"""Loads the demo world used by `make run`; refuses to run outside demo mode."""

from django.conf import settings
from django.db import transaction

from accounts.models import User
from demo.catalogue import DEMO_CATEGORIES, DEMO_PRODUCTS, DEMO_SHIPPING_RATES
from demo.customers import DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, demo_customer_load
from shop.models import STANDARD_VAT_RATE, Brand, Category, Product, ShippingRate
from shop.services import seller_preset_load

DEMO_STAFF_EMAIL = "staff@demo.example"
DEMO_STAFF_PASSWORD = "demo-staff-2026"


def demo_load(*, preset: str) -> dict:
    """Load the seller preset, the demo catalogue, the demo staff login and an approved
    customer company with its administrator. Idempotent."""
    if not settings.DEMO_MODE:
        raise RuntimeError("The demo data is loaded only in demo mode (DEMO_MODE=1).")
    with transaction.atomic():
        seller = seller_preset_load(code=preset)
        demo_catalogue_load(country=seller.country)
        demo_shipping_rates_load(seller=seller)
        staff, created = User.objects.get_or_create(
            email=DEMO_STAFF_EMAIL,
            defaults={
                "first_name": "Équipe",
                "last_name": "Démo",
                "is_staff": True,
                "is_superuser": True,
            },
        )
        if created:
            staff.set_password(DEMO_STAFF_PASSWORD)
            staff.save(update_fields=["password"])
        demo_customer_load(staff=staff)
    return {
        "seller": seller,
        "staff_email": DEMO_STAFF_EMAIL,
        "staff_password": DEMO_STAFF_PASSWORD,
        "customer_email": DEMO_CUSTOMER_EMAIL,
        "customer_password": DEMO_CUSTOMER_PASSWORD,
    }


def demo_catalogue_load(*, country: str) -> None:
    """Categories, brands, products and their tiers of the demo catalogue. Idempotent."""
    vat_rate = STANDARD_VAT_RATE[country]
    categories = {}
    for position, (slug, name) in enumerate(DEMO_CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    for row in DEMO_PRODUCTS:
        brand, _ = Brand.objects.get_or_create(name=row["brand"])
        product, created = Product.objects.get_or_create(
            reference=row["reference"],
            defaults={
                "designation": row["designation"],
                "brand": brand,
                "category": categories[row["category"]],
                "price_ht": row["price_ht"],
                "vat_rate": vat_rate,
                "stock_on_hand": row["stock"],
                **row.get("extra", {}),
            },
        )
        if created:
            for min_quantity, unit_price in row.get("tiers", ()):
                product.tiers.create(min_quantity=min_quantity, unit_price_ht=unit_price)


def demo_shipping_rates_load(*, seller) -> None:
    """A demo shipping table (zone, order and carrier modes read it). Idempotent."""
    for zone, carrier, from_amount, fee in DEMO_SHIPPING_RATES:
        ShippingRate.objects.get_or_create(
            seller=seller,
            zone=zone,
            carrier=carrier,
            from_amount_ht=from_amount,
            defaults={"fee_ht": fee},
        )
