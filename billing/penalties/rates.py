"""The annual rate a late invoice bears: looked up in the rate tables, never guessed.

Pure data and lookups (no database): `RateBook` holds the three tables as loaded by
`billing.selectors.rate_book_load`, so the penalty engine can be tested and replayed
with any table. A period the table does not cover raises `RateMissing`, which the
accrual job turns into a visible alert for staff; a missing rate is never read as zero.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.calendar import half_year_start
from core.errors import BusinessError
from shop.legal import ECB_STATUTORY_MARGIN


class RateTable:
    FRENCH_LEGAL = "french_legal"
    ECB = "ecb"
    BELGIAN_COMMERCIAL = "belgian_commercial"


_TABLE_NAMES = {
    RateTable.FRENCH_LEGAL: _("taux d'intérêt légal français"),
    RateTable.ECB: _("taux de refinancement de la BCE"),
    RateTable.BELGIAN_COMMERCIAL: _("taux belge des transactions commerciales"),
}


class RateMissing(BusinessError):
    """The table has no rate for the period an invoice needs: staff must enter it."""

    def __init__(self, *, table: str, on: date):
        self.table = table
        self.on = on
        super().__init__(
            "penalty_rate_missing",
            _(
                "Le %(table)s applicable au %(date)s n'est pas saisi : les pénalités de "
                "retard ne peuvent pas être calculées tant qu'il manque."
            ),
            params={"table": _TABLE_NAMES[table], "date": on.strftime("%d/%m/%Y")},
        )


def half_of(day: date) -> tuple[int, int]:
    """(year, 1 or 2): the half-year of `day`, the key of the half-yearly tables."""
    return day.year, 1 if day.month <= 6 else 2


@dataclass(frozen=True)
class RateBook:
    """The three rate tables as plain values (annual rates in percent)."""

    french_legal: Mapping[tuple[int, int], Decimal] = field(default_factory=dict)
    belgian_commercial: Mapping[tuple[int, int], Decimal] = field(default_factory=dict)
    ecb: tuple[tuple[date, Decimal], ...] = ()  # (effective_from, rate), sorted by date

    @classmethod
    def build(
        cls,
        *,
        french_legal: Mapping[tuple[int, int], Decimal],
        belgian_commercial: Mapping[tuple[int, int], Decimal],
        ecb: Iterable[tuple[date, Decimal]],
    ) -> RateBook:
        return cls(
            french_legal=dict(french_legal),
            belgian_commercial=dict(belgian_commercial),
            ecb=tuple(sorted(ecb)),
        )

    def french_legal_rate(self, on: date) -> Decimal:
        """The French legal rate (professional creditor) of `on`'s half-year."""
        try:
            return self.french_legal[half_of(on)]
        except KeyError:
            raise RateMissing(table=RateTable.FRENCH_LEGAL, on=on) from None

    def belgian_commercial_rate(self, on: date) -> Decimal:
        """The Belgian commercial-transactions rate of `on`'s half-year."""
        try:
            return self.belgian_commercial[half_of(on)]
        except KeyError:
            raise RateMissing(table=RateTable.BELGIAN_COMMERCIAL, on=on) from None

    def ecb_rate(self, on: date) -> Decimal:
        """The ECB main refinancing rate in force on `on` (the last change on or before it)."""
        index = bisect.bisect_right([day for day, _rate in self.ecb], on)
        if index == 0:
            raise RateMissing(table=RateTable.ECB, on=on)
        return self.ecb[index - 1][1]

    def french_statutory_rate(self, on: date) -> Decimal:
        """L441-10 default: the ECB rate in force on 1 January / 1 July of `on`'s half-year + 10."""
        return self.ecb_rate(half_year_start(on)) + ECB_STATUTORY_MARGIN
