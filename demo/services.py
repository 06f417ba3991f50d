"""Loads the demo world used by `make run`; refuses to run outside demo mode."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from accounts.models import User
from demo.catalogue import BOOK_VAT_RATE, DEMO_CATEGORIES, DEMO_SHIPPING_RATES, demo_products
from demo.customers import DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD, demo_customer_load
from demo.invoices import demo_invoices_load
from demo.pictures import product_picture_png
from demo.seller import demo_identity_complete
from shop.models import (
    STANDARD_VAT_RATE,
    Brand,
    Category,
    Product,
    ProductImage,
    QuantityTier,
    ShippingRate,
    WarrantyClass,
)
from shop.services import seller_preset_load

DEMO_STAFF_EMAIL = "staff@demo.example"
DEMO_STAFF_PASSWORD = "demo-staff-2026"


def demo_load(*, preset: str) -> dict:
    """Load the seller preset (its identity completed, `demo.seller`), the demo catalogue,
    the demo staff login, an approved customer company with its administrator, and its
    invoices of every kind with a credit note (`demo.invoices`).
    Idempotent."""
    if not settings.DEMO_MODE:
        raise RuntimeError("The demo data is loaded only in demo mode (DEMO_MODE=1).")
    with transaction.atomic():
        seller = seller_preset_load(code=preset, complete=demo_identity_complete)
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
        membership = demo_customer_load(staff=staff)
        demo_invoices_load(company=membership.company)
    return {
        "seller": seller,
        "staff_email": DEMO_STAFF_EMAIL,
        "staff_password": DEMO_STAFF_PASSWORD,
        "customer_email": DEMO_CUSTOMER_EMAIL,
        "customer_password": DEMO_CUSTOMER_PASSWORD,
    }


def demo_catalogue_load(*, country: str) -> int:
    """Categories, brands, products with their tiers and pictures (drawn here, see
    `demo.pictures`), in a few bulk queries. Idempotent: products already there are
    left as they are. Returns the number of products created."""
    rows = demo_products()
    Category.objects.bulk_create(
        [
            Category(slug=slug, name=name, position=position)
            for position, (slug, name) in enumerate(DEMO_CATEGORIES)
        ],
        ignore_conflicts=True,
    )
    categories = {
        c.slug: c for c in Category.objects.filter(slug__in=[s for s, _ in DEMO_CATEGORIES])
    }
    names = {row.brand for row in rows}
    Brand.objects.bulk_create([Brand(name=name) for name in sorted(names)], ignore_conflicts=True)
    brands = {b.name: b for b in Brand.objects.filter(name__in=names)}
    existing = set(
        Product.objects.filter(reference__in=[row.reference for row in rows]).values_list(
            "reference", flat=True
        )
    )
    rows = [row for row in rows if row.reference not in existing]
    products = Product.objects.bulk_create(
        [
            Product(
                reference=row.reference,
                designation=row.designation,
                description=row.description,
                specifications=row.specifications,
                brand=brands[row.brand],
                category=categories[row.category],
                price_ht=row.price_ht,
                vat_rate=BOOK_VAT_RATE[country]
                if row.extra.get("warranty_class") == WarrantyClass.BOOKS
                else STANDARD_VAT_RATE[country],
                stock_on_hand=row.stock,
                **row.extra,
            )
            for row in rows
        ]
    )
    QuantityTier.objects.bulk_create(
        [
            QuantityTier(product=product, min_quantity=min_quantity, unit_price_ht=unit_price)
            for product, row in zip(products, rows, strict=True)
            for min_quantity, unit_price in row.tiers
        ]
    )
    ProductImage.objects.bulk_create(
        [
            ProductImage(
                product=product,
                image=default_storage.save(
                    f"products/demo/{row.reference}.png",
                    ContentFile(
                        product_picture_png(
                            category=row.category, reference=row.reference, brand=row.brand
                        )
                    ),
                ),
                content_type="image/png",
                alt_text=row.designation,
            )
            for product, row in zip(products, rows, strict=True)
        ]
    )
    return len(products)


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
