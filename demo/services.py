"""Loads the demo world used by `make run`; refuses to run outside demo mode."""

from django.conf import settings
from django.db import transaction
from shop.services import seller_preset_load

from accounts.models import User
from demo.catalogue import DEMO_PRODUCTS
from shop.models import Product

DEMO_STAFF_EMAIL = "staff@demo.example"
DEMO_STAFF_PASSWORD = "demo-staff-2026"

STANDARD_VAT_RATE = {"FR": "20.00", "BE": "21.00"}


def demo_load(*, preset: str) -> dict:
    """Load the seller preset, the demo catalogue and the demo staff login. Idempotent."""
    if not settings.DEMO_MODE:
        raise RuntimeError("The demo data is loaded only in demo mode (DEMO_MODE=1).")
    with transaction.atomic():
        seller = seller_preset_load(code=preset)
        vat_rate = STANDARD_VAT_RATE[seller.country]
        for reference, designation, brand, price_ht, stock in DEMO_PRODUCTS:
            Product.objects.get_or_create(
                reference=reference,
                defaults={
                    "designation": designation,
                    "brand": brand,
                    "price_ht": price_ht,
                    "vat_rate": vat_rate,
                    "stock_on_hand": stock,
                },
            )
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
    return {
        "seller": seller,
        "staff_email": DEMO_STAFF_EMAIL,
        "staff_password": DEMO_STAFF_PASSWORD,
    }
