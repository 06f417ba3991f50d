"""Seed the rate tables with the published values (DOMAIN appendix "Rates").

Staff enter later periods in admin (2026 H2 onwards). Existing rows are left as staff
edited them: `get_or_create` only fills what is missing.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

FRENCH_LEGAL = {
    (2023, 1): "2.06",
    (2023, 2): "4.22",
    (2024, 1): "5.07",
    (2024, 2): "4.92",
    (2025, 1): "3.71",
    (2025, 2): "2.76",
    (2026, 1): "2.62",
}
BELGIAN_COMMERCIAL = {
    (2023, 1): "10.5",
    (2023, 2): "12.0",
    (2024, 1): "12.5",
    (2024, 2): "12.5",
    (2025, 1): "11.5",
    (2025, 2): "10.5",
    (2026, 1): "10.5",
}
ECB = {
    date(2022, 12, 21): "2.50",
    date(2023, 2, 8): "3.00",
    date(2023, 3, 22): "3.50",
    date(2023, 5, 10): "3.75",
    date(2023, 6, 21): "4.00",
    date(2023, 8, 2): "4.25",
    date(2023, 9, 20): "4.50",
    date(2024, 6, 12): "4.25",
    date(2024, 9, 18): "3.65",
    date(2024, 10, 23): "3.40",
    date(2024, 12, 18): "3.15",
    date(2025, 2, 5): "2.90",
    date(2025, 3, 12): "2.65",
    date(2025, 4, 23): "2.40",
    date(2025, 6, 11): "2.15",
}


def seed(apps, schema_editor):
    french = apps.get_model("billing", "FrenchLegalRate")
    belgian = apps.get_model("billing", "BelgianCommercialRate")
    ecb = apps.get_model("billing", "EcbRefinancingRate")
    for (year, half), rate in FRENCH_LEGAL.items():
        french.objects.get_or_create(year=year, half=half, defaults={"rate": Decimal(rate)})
    for (year, half), rate in BELGIAN_COMMERCIAL.items():
        belgian.objects.get_or_create(year=year, half=half, defaults={"rate": Decimal(rate)})
    for day, rate in ECB.items():
        ecb.objects.get_or_create(effective_from=day, defaults={"rate": Decimal(rate)})


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_rate_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
