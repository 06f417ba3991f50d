"""core.money: every expected value below is worked out by hand in the comment beside it."""

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.money import (
    Totals,
    VatLine,
    format_eur,
    line_total,
    percent_of,
    round_cents,
    to_decimal,
    vat_breakdown,
)

D = Decimal
NNBSP = "\u202f"  # narrow no-break space, French thousands separator
NBSP = "\u00a0"  # no-break space, before "€" in French

FR_RATES = [D("20"), D("10"), D("5.5"), D("2.1")]
BE_RATES = [D("21"), D("12"), D("6")]
RATES = [*FR_RATES, *BE_RATES, D("0")]


# --- to_decimal ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,50", D("12.50")),  # French decimal comma
        ("12.50", D("12.50")),
        ("  12,5 ", D("12.5")),  # surrounding blanks from a form are ignored
        ("-3,25", D("-3.25")),
        ("+7", D("7")),
        ("0", D("0")),
    ],
)
def test_to_decimal_accepts_comma_and_dot(text, expected):
    assert to_decimal(text) == expected


def test_to_decimal_keeps_the_exact_value_without_rounding():
    # 0.125 must stay 0.125: rounding is round_cents' job only.
    assert to_decimal("0,125") == D("0.125")
    assert to_decimal(D("0.125")) == D("0.125")


def test_to_decimal_accepts_int_and_decimal():
    assert to_decimal(7) == D("7")
    assert to_decimal(D("1.10")) == D("1.10")


@pytest.mark.parametrize("value", [0.1, 12.5, 0.0, True, None, [1], b"12"])
def test_to_decimal_refuses_floats_and_non_numbers(value):
    with pytest.raises(TypeError):
        to_decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "12,",
        ",5",
        "1 234,56",  # thousands separators are ambiguous between fr and en
        "1.234,56",
        "1,234.56",
        "12.5.0",
        "NaN",
        "Infinity",
        "1e3",
        "12 €",
    ],
)
def test_to_decimal_refuses_malformed_strings(text):
    with pytest.raises(ValueError):
        to_decimal(text)


@pytest.mark.parametrize("value", [D("NaN"), D("Infinity"), D("-Infinity")])
def test_to_decimal_refuses_non_finite_decimals(value):
    with pytest.raises(ValueError):
        to_decimal(value)


# --- round_cents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("0.125"), D("0.13")),  # exactly half a cent: up
        (D("0.124"), D("0.12")),  # below half: down
        (D("0.1249999"), D("0.12")),  # still below half
        (D("0.005"), D("0.01")),  # half of the smallest cent: up
        (D("0.0049"), D("0.00")),
        # 2.675 as a Decimal is exactly 2.675, half a cent above 2.67: up to 2.68
        # (the float 2.675 is 2.67499999... and would round to 2.67).
        (D("2.675"), D("2.68")),
        (D("1.995"), D("2.00")),  # the carry propagates to the units
        (D("999.995"), D("1000.00")),
        (D("10"), D("10.00")),  # an integer gets its two places
        (D("10.1"), D("10.10")),
        # Half-up = ROUND_HALF_UP = half away from zero: the negative mirrors the positive.
        (D("-0.125"), D("-0.13")),
        (D("-0.124"), D("-0.12")),
        (D("-2.675"), D("-2.68")),
        (D("-0.005"), D("-0.01")),
    ],
)
def test_round_cents_half_up(amount, expected):
    result = round_cents(amount)
    assert result == expected
    assert result.as_tuple().exponent == -2  # always two places, for storage and display


def test_round_cents_accepts_strings_and_ints_but_not_floats():
    assert round_cents("2,675") == D("2.68")
    assert round_cents(3) == D("3.00")
    with pytest.raises(TypeError):
        round_cents(2.675)


# --- line_total ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit_price", "quantity", "expected"),
    [
        (D("0.333"), 3, D("1.00")),  # 0.333 x 3 = 0.999 -> 1.00 (line, not unit, rounded)
        (D("19.99"), 3, D("59.97")),  # 19.99 x 3 = 59.97 exactly
        (D("1.005"), 1, D("1.01")),  # 1.005 exactly half: up
        (D("0.0125"), 2, D("0.03")),  # 0.0125 x 2 = 0.025 -> 0.03
        (D("0.0124"), 2, D("0.02")),  # 0.0124 x 2 = 0.0248 -> 0.02
        (D("33.33"), D("1.5"), D("50.00")),  # 33.33 x 1.5 = 49.995 -> 50.00
        (D("12.345"), 0, D("0.00")),
        (D("0.125"), -1, D("-0.13")),  # a credit line mirrors the debit line
        ("12,50", 4, D("50.00")),  # 12.50 x 4 = 50.00
    ],
)
def test_line_total_rounds_each_line_half_up(unit_price, quantity, expected):
    assert line_total(unit_price=unit_price, quantity=quantity) == expected


def test_line_total_refuses_floats():
    with pytest.raises(TypeError):
        line_total(unit_price=19.99, quantity=1)
    with pytest.raises(TypeError):
        line_total(unit_price=D("19.99"), quantity=1.0)


def test_line_total_is_keyword_only():
    with pytest.raises(TypeError):
        line_total(D("1"), 1)


# --- percent_of ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [
        (D("1234.57"), D("35"), D("432.10")),  # 1234.57 x 0.35 = 432.0995 -> 432.10
        (D("0.05"), D("10"), D("0.01")),  # 0.05 x 0.10 = 0.005 -> 0.01 (half: up)
        (D("0.04"), D("10"), D("0.00")),  # 0.04 x 0.10 = 0.004 -> 0.00
        (D("1000.00"), D("2.5"), D("25.00")),  # 1000 x 0.025 = 25 (001: 2.5% per day)
        (D("333.33"), D("15"), D("50.00")),  # 333.33 x 0.15 = 49.9995 -> 50.00
        (D("333.30"), D("15"), D("50.00")),  # 333.30 x 0.15 = 49.995 -> 50.00
        (D("333.29"), D("15"), D("49.99")),  # 333.29 x 0.15 = 49.9935 -> 49.99
        (D("-0.05"), D("10"), D("-0.01")),  # -0.005 -> -0.01 (away from zero)
        (D("100"), D("0"), D("0.00")),
    ],
)
def test_percent_of_rounds_half_up(amount, percent, expected):
    assert percent_of(amount=amount, percent=percent) == expected


def test_percent_of_refuses_floats():
    with pytest.raises(TypeError):
        percent_of(amount=D("100"), percent=35.0)


# --- vat_breakdown ---------------------------------------------------------------------


def test_vat_is_computed_on_the_sum_of_a_rate_not_per_line():
    # Three lines of 0.03 HT at 20%:
    #   per line: 0.03 x 20% = 0.006 -> 0.01, three times -> 0.03 (wrong)
    #   on the sum: 0.09 x 20% = 0.018 -> 0.02 (docs/rules/conventions.md)
    totals = vat_breakdown([(D("0.03"), D("20"))] * 3)
    assert totals.vat == D("0.02")
    assert totals.ht == D("0.09")
    assert totals.ttc == D("0.11")  # 0.09 + 0.02
    assert totals.per_rate == (VatLine(rate=D("20"), base=D("0.09"), vat=D("0.02")),)


def test_vat_on_the_sum_can_also_be_higher_than_per_line():
    # Two lines of 0.02 at 20%: per line 0.004 -> 0.00 twice = 0.00;
    # on the sum 0.04 x 20% = 0.008 -> 0.01.
    assert vat_breakdown([(D("0.02"), D("20")), (D("0.02"), D("20"))]).vat == D("0.01")


def test_french_document_with_every_rate():
    lines = [
        (D("100.00"), D("20")),
        (D("10.00"), D("5.5")),
        (D("50.00"), D("20")),
        (D("3.33"), D("2.1")),
        (D("7.00"), D("0")),
        (D("19.99"), D("10")),
    ]
    # 20%:  base 100.00 + 50.00 = 150.00, VAT 150.00 x 0.20 = 30.00
    # 10%:  base 19.99, VAT 1.999 -> 2.00
    # 5.5%: base 10.00, VAT 0.55
    # 2.1%: base 3.33, VAT 3.33 x 0.021 = 0.06993 -> 0.07
    # 0%:   base 7.00, VAT 0.00
    # HT = 150.00 + 19.99 + 10.00 + 3.33 + 7.00 = 190.32
    # VAT = 30.00 + 2.00 + 0.55 + 0.07 + 0.00 = 32.62; TTC = 190.32 + 32.62 = 222.94
    totals = vat_breakdown(lines)
    assert totals == Totals(
        ht=D("190.32"),
        vat=D("32.62"),
        ttc=D("222.94"),
        per_rate=(
            VatLine(rate=D("20"), base=D("150.00"), vat=D("30.00")),
            VatLine(rate=D("10"), base=D("19.99"), vat=D("2.00")),
            VatLine(rate=D("5.5"), base=D("10.00"), vat=D("0.55")),
            VatLine(rate=D("2.1"), base=D("3.33"), vat=D("0.07")),
            VatLine(rate=D("0"), base=D("7.00"), vat=D("0.00")),
        ),
    )


def test_belgian_document():
    lines = [(D("99.99"), D("21")), (D("8.25"), D("6")), (D("0.50"), D("21"))]
    # 21%: base 99.99 + 0.50 = 100.49, VAT 100.49 x 0.21 = 21.1029 -> 21.10
    # 6%:  base 8.25, VAT 8.25 x 0.06 = 0.495 -> 0.50 (half: up)
    # HT 108.74, VAT 21.60, TTC 130.34
    totals = vat_breakdown(lines)
    assert (totals.ht, totals.vat, totals.ttc) == (D("108.74"), D("21.60"), D("130.34"))
    assert [line.rate for line in totals.per_rate] == [D("21"), D("6")]
    assert totals.per_rate[1].vat == D("0.50")


def test_equal_rates_written_differently_are_one_rate():
    # 20 and 20.00 are the same rate: base 1.00 + 2.00 = 3.00, VAT 0.60
    totals = vat_breakdown([(D("1.00"), D("20")), (D("2.00"), D("20.00"))])
    assert len(totals.per_rate) == 1
    assert totals.per_rate[0].base == D("3.00")
    assert totals.per_rate[0].vat == D("0.60")


def test_credit_lines_round_away_from_zero():
    # -0.09 x 20% = -0.018 -> -0.02, the mirror of the invoice above
    totals = vat_breakdown([(D("-0.03"), D("20"))] * 3)
    assert (totals.ht, totals.vat, totals.ttc) == (D("-0.09"), D("-0.02"), D("-0.11"))


def test_no_lines_give_zero_totals():
    assert vat_breakdown([]) == Totals(ht=D("0"), vat=D("0"), ttc=D("0"), per_rate=())


def test_vat_breakdown_accepts_a_generator():
    totals = vat_breakdown((D("10.00"), D("20")) for _ in range(2))
    assert totals.ttc == D("24.00")  # 20.00 + 4.00


def test_vat_breakdown_refuses_unrounded_line_totals():
    # 0.125 is not a line total: the line skipped its rounding point.
    with pytest.raises(ValueError, match="not rounded"):
        vat_breakdown([(D("0.125"), D("20"))])


def test_vat_breakdown_refuses_negative_rates_and_floats():
    with pytest.raises(ValueError):
        vat_breakdown([(D("1.00"), D("-20"))])
    with pytest.raises(TypeError):
        vat_breakdown([(1.0, D("20"))])
    with pytest.raises(TypeError):
        vat_breakdown([(D("1.00"), 20.0)])


def test_totals_are_frozen():
    totals = vat_breakdown([(D("1.00"), D("20"))])
    with pytest.raises(FrozenInstanceError):
        totals.ht = D("2.00")
    with pytest.raises(FrozenInstanceError):
        totals.per_rate[0].vat = D("0")


amounts = st.decimals(
    min_value=D("-100000"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False
)
vat_lines = st.lists(st.tuples(amounts, st.sampled_from(RATES)), max_size=30)


@given(vat_lines)
def test_vat_breakdown_properties(lines):
    totals = vat_breakdown(lines)
    assert totals.ttc == totals.ht + totals.vat
    assert totals.ht == sum((amount for amount, _ in lines), D("0"))
    assert totals.ht == sum((line.base for line in totals.per_rate), D("0"))
    assert totals.vat == sum((line.vat for line in totals.per_rate), D("0"))
    rates = [line.rate for line in totals.per_rate]
    assert rates == sorted(set(rates), reverse=True)  # unique, highest first
    for line in totals.per_rate:
        assert line.base == sum((a for a, r in lines if r == line.rate), D("0"))
        assert line.vat == round_cents(line.base * line.rate / 100)
        # Independently of round_cents: within half a cent of the exact VAT, in cents.
        assert abs(line.vat - line.base * line.rate / 100) <= D("0.005")
        assert line.vat == line.vat.quantize(D("0.01"))


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False))
def test_round_cents_properties(amount):
    rounded = round_cents(amount)
    assert abs(rounded - amount) <= D("0.005")
    assert round_cents(-amount) == -rounded  # half away from zero is symmetric
    assert round_cents(rounded) == rounded


# --- format_eur ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("0"), f"0,00{NBSP}€"),
        (D("1234.56"), f"1{NNBSP}234,56{NBSP}€"),
        (D("1234567.89"), f"1{NNBSP}234{NNBSP}567,89{NBSP}€"),
        (D("100"), f"100,00{NBSP}€"),  # no separator below a thousand
        (D("1000"), f"1{NNBSP}000,00{NBSP}€"),
        (D("-12"), f"-12,00{NBSP}€"),
        (D("-1234.5"), f"-1{NNBSP}234,50{NBSP}€"),
        (D("999.995"), f"1{NNBSP}000,00{NBSP}€"),  # rounded half-up first
        (D("-0.004"), f"0,00{NBSP}€"),  # rounds to zero: no "-0,00"
        ("12,5", f"12,50{NBSP}€"),
    ],
)
def test_format_eur_french(amount, expected):
    assert format_eur(amount) == expected
    assert format_eur(amount, lang="fr") == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("0"), "€0.00"),
        (D("1234.56"), "€1,234.56"),
        (D("1234567.89"), "€1,234,567.89"),
        (D("-12"), "-€12.00"),
    ],
)
def test_format_eur_english(amount, expected):
    assert format_eur(amount, lang="en") == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (D("0"), f"€{NBSP}0,00"),
        (D("1234.56"), f"€{NBSP}1.234,56"),
        (D("1234567.89"), f"€{NBSP}1.234.567,89"),
        (D("-12"), f"€{NBSP}-12,00"),
    ],
)
def test_format_eur_dutch(amount, expected):
    assert format_eur(amount, lang="nl") == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr-be", f"1{NNBSP}234,56{NBSP}€"),
        ("fr_FR", f"1{NNBSP}234,56{NBSP}€"),
        ("en-gb", "€1,234.56"),
        ("nl-BE", f"€{NBSP}1.234,56"),
        ("de", f"1{NNBSP}234,56{NBSP}€"),  # unknown: French, the contract language
        ("", f"1{NNBSP}234,56{NBSP}€"),
    ],
)
def test_format_eur_language_variants(lang, expected):
    assert format_eur(D("1234.56"), lang=lang) == expected


def test_format_eur_refuses_floats():
    with pytest.raises(TypeError):
        format_eur(12.5)


@given(amounts)
def test_format_eur_french_reads_back(amount):
    text = format_eur(amount)
    assert text.endswith(f"{NBSP}€")
    number = text.removesuffix(f"{NBSP}€").replace(NNBSP, "")
    assert to_decimal(number) == round_cents(amount)
