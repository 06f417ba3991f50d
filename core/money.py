"""Money in EUR: `Decimal` only, rounded half-up to the cent at fixed points.

The fixed points (docs/rules/conventions.md, docs/architecture.md) are: each line total,
each VAT amount (computed per rate on the sum of that rate's lines), each
percentage fee. `round_cents` is the one rounding function; no other module
quantizes amounts, so two documents computed from the same inputs always agree
to the cent.

Floats are refused everywhere: 0.1 + 0.2 is not 0.3 in binary, and an amount
that went through a float has already lost the cent it was meant to carry.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")

# One optional sign, digits, and at most one decimal separator: "." or the French ",".
# No thousands separators: "1.234" would be ambiguous between the two conventions.
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

# Characters of the printed formats below.
_NNBSP = "\u202f"  # narrow no-break space: French thousands separator
_NBSP = "\u00a0"  # no-break space: between a French amount and "€"


def to_decimal(value) -> Decimal:
    """`value` (str, int or Decimal) as a finite Decimal, without rounding.

    Accepts "12,50" as well as "12.50", since French users type a comma. Floats
    (and bools, which are ints by accident) raise TypeError: money never comes
    from a float. A malformed string, NaN or infinity raises ValueError.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise TypeError(f"Money must be a str, int or Decimal, not {type(value).__name__}.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    else:
        text = value.strip()
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"Not an amount: {value!r}.")
        result = Decimal(text.replace(",", "."))
    if not result.is_finite():
        raise ValueError(f"Not a finite amount: {value!r}.")
    return result


def round_cents(amount) -> Decimal:
    """`amount` rounded half-up to the cent: the only rounding of amounts in the product.

    Half-up here is Decimal's ROUND_HALF_UP: a half cent goes away from zero, so
    0.125 -> 0.13 and -0.125 -> -0.13 (a credit mirrors its debit exactly).
    """
    return to_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(*, unit_price, quantity) -> Decimal:
    """Unit price HT x quantity, rounded half-up once per line (docs/rules/conventions.md).

    Rounding the line, not the unit price, keeps 3 x 0.333 at 1.00 rather than 0.99.
    """
    return round_cents(to_decimal(unit_price) * to_decimal(quantity))


def percent_of(*, amount, percent) -> Decimal:
    """`percent` % of `amount`, rounded half-up to the cent.

    For percentage fees and penalties (35% deposit of the TTC, 10% penalty clause,
    15% collection fee): docs/rules/conventions.md: each is computed on the amount the rule
    names and rounded half-up, so the caller chooses HT or TTC.
    """
    return round_cents(to_decimal(amount) * to_decimal(percent) / HUNDRED)


@dataclass(frozen=True)
class VatLine:
    """One VAT rate of a document: the HT base of that rate and its VAT."""

    rate: Decimal
    base: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    """Totals of a document: HT, VAT, TTC (= HT + VAT) and the VAT per rate.

    `per_rate` is sorted by rate, highest first, as invoices print it.
    """

    ht: Decimal
    vat: Decimal
    ttc: Decimal
    per_rate: tuple[VatLine, ...]


def vat_breakdown(lines: Iterable[tuple[Decimal, Decimal]]) -> Totals:
    """Totals of `(line_total_ht, vat_rate_percent)` pairs.

    VAT is computed per rate on the sum of that rate's line totals and rounded
    half-up once per rate (docs/rules/conventions.md), never per line: three lines of 0.03
    at 20% give 0.09 x 20% = 0.018 -> 0.02, where rounding each line would give
    0.03. The line totals must already be rounded to the cent (by `line_total`):
    a finer amount means a line skipped its rounding point, so ValueError.
    A negative rate is a ValueError too. No lines give zero totals.
    """
    bases: dict[Decimal, Decimal] = {}
    for amount, rate in lines:
        amount = to_decimal(amount)
        rate = to_decimal(rate)
        if amount != round_cents(amount):
            raise ValueError(f"Line total {amount} is not rounded to the cent.")
        if rate < 0:
            raise ValueError(f"VAT rate {rate} is negative.")
        bases[rate] = bases.get(rate, ZERO) + amount
    per_rate = tuple(
        VatLine(rate=rate, base=round_cents(base), vat=round_cents(base * rate / HUNDRED))
        for rate, base in sorted(bases.items(), key=lambda item: item[0], reverse=True)
    )
    ht = round_cents(sum((line.base for line in per_rate), ZERO))
    vat = round_cents(sum((line.vat for line in per_rate), ZERO))
    return Totals(ht=ht, vat=vat, ttc=ht + vat, per_rate=per_rate)


def _grouped(integer_digits: str, separator: str) -> str:
    """ "1234567" -> "1<sep>234<sep>567"."""
    groups: list[str] = []
    while len(integer_digits) > 3:
        groups.insert(0, integer_digits[-3:])
        integer_digits = integer_digits[:-3]
    groups.insert(0, integer_digits)
    return separator.join(groups)


def format_eur(amount, *, lang: str = "fr") -> str:
    """`amount` in EUR as people of `lang` write it, rounded half-up to the cent.

    fr: "1 234,56 €" (U+202F between thousands, U+00A0 before €), "-12,00 €";
    en: "€1,234.56", "-€12.00"; nl: "€ 1.234,56", "€ -12,00" (CLDR patterns).
    `lang` may carry a region ("fr-be", "nl_BE"); any other language falls back to
    French, the contract language. An amount that rounds to zero has no sign.
    """
    cents = round_cents(amount)
    negative = cents < 0
    integer_part, fraction = f"{abs(cents):f}".split(".")
    language = (lang or "fr").replace("_", "-").split("-")[0].lower()
    sign = "-" if negative else ""
    if language == "en":
        return f"{sign}€{_grouped(integer_part, ',')}.{fraction}"
    if language == "nl":
        return f"€{_NBSP}{sign}{_grouped(integer_part, '.')},{fraction}"
    return f"{sign}{_grouped(integer_part, _NNBSP)},{fraction}{_NBSP}€"
