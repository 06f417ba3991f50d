"""The rate tables of DOMAIN's appendix as a RateBook, typed out again for the tests."""

from datetime import date
from decimal import Decimal as D

from billing.penalties import RateBook

APPENDIX_RATES = RateBook.build(
    french_legal={
        (2023, 1): D("2.06"),
        (2023, 2): D("4.22"),
        (2024, 1): D("5.07"),
        (2024, 2): D("4.92"),
        (2025, 1): D("3.71"),
        (2025, 2): D("2.76"),
        (2026, 1): D("2.62"),
    },
    belgian_commercial={
        (2023, 1): D("10.5"),
        (2023, 2): D("12.0"),
        (2024, 1): D("12.5"),
        (2024, 2): D("12.5"),
        (2025, 1): D("11.5"),
        (2025, 2): D("10.5"),
        (2026, 1): D("10.5"),
    },
    ecb=[
        (date(2022, 12, 21), D("2.50")),
        (date(2023, 2, 8), D("3.00")),
        (date(2023, 3, 22), D("3.50")),
        (date(2023, 5, 10), D("3.75")),
        (date(2023, 6, 21), D("4.00")),
        (date(2023, 8, 2), D("4.25")),
        (date(2023, 9, 20), D("4.50")),
        (date(2024, 6, 12), D("4.25")),
        (date(2024, 9, 18), D("3.65")),
        (date(2024, 10, 23), D("3.40")),
        (date(2024, 12, 18), D("3.15")),
        (date(2025, 2, 5), D("2.90")),
        (date(2025, 3, 12), D("2.65")),
        (date(2025, 4, 23), D("2.40")),
        (date(2025, 6, 11), D("2.15")),
    ],
)
