"""The pricing engine: worked examples, then properties over random carts (hypothesis)."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from shop.models import Terms
from shop.services.pricing import (
    ExtraKind,
    LineInput,
    ShippingContext,
    Tier,
    document_price,
    line_price,
    price_with_vat,
    tier_for,
)
from shop.services.shipping import ShippingStatus, shipping_fee_compute
from shop.services.tax import VatRegime, VatRegimeCode

D = Decimal
THRESHOLD_TERMS = Terms(
    shipping_fee_mode="thresholds",
    shipping_free_from_ht=D("457.00"),
    shipping_free_from_with_consoles_ht=D("750.00"),
    shipping_reduced_fee_from_ht=D("152.00"),
    shipping_reduced_fee_ht=D("10.00"),
    shipping_base_fee_ht=D("15.00"),
    delivery_zones=["fr_metro"],
)
REVERSE_CHARGE = VatRegime(VatRegimeCode.INTRA_EU_REVERSE_CHARGE, False, "Autoliquidation")


def line(price, quantity=1, rate="20.00", **kwargs):
    return LineInput(
        reference=kwargs.pop("reference", "R"),
        designation="d",
        quantity=quantity,
        list_price_ht=D(price),
        vat_rate=D(rate),
        **kwargs,
    )


def test_line_total_is_rounded_once_per_line():
    # 3 x 0.335 = 1.005 -> 1.01 (half-up), not 3 x round(0.335) = 3 x 0.34 = 1.02.
    priced = line_price(line("0.335", 3))
    assert priced.line_total_ht == D("1.01")


def test_vat_per_rate_on_the_sum_of_that_rate():
    # Three lines of 0.03 at 20 %: base 0.09, VAT 0.018 -> 0.02 (per line it would be 0.03).
    # One line of 10.00 at 5.5 %: VAT 0.55. HT 10.09, VAT 0.57, TTC 10.66.
    doc = document_price(
        lines=[
            line("0.03", reference="A"),
            line("0.03", reference="B"),
            line("0.03", reference="C"),
            line("10.00", rate="5.50", reference="D"),
        ]
    )
    per_rate = {v.rate: (v.base, v.vat) for v in doc.totals.per_rate}
    assert per_rate == {D("20.00"): (D("0.09"), D("0.02")), D("5.50"): (D("10.00"), D("0.55"))}
    assert (doc.totals.ht, doc.totals.vat, doc.totals.ttc) == (D("10.09"), D("0.57"), D("10.66"))


def test_tier_price_reached_and_next_tier():
    tiers = (Tier(10, D("90.00")), Tier(50, D("80.00")))
    assert tier_for(9, tiers) == (None, Tier(10, D("90.00")))
    assert tier_for(10, tiers) == (Tier(10, D("90.00")), Tier(50, D("80.00")))
    priced = line_price(line("100.00", 12, tiers=tiers))
    # 12 x 90.00 = 1080.00
    assert (priced.unit_price_ht, priced.line_total_ht) == (D("90.00"), D("1080.00"))
    assert priced.next_tier == Tier(50, D("80.00"))


def test_never_discounted_class_ignores_tiers_and_discount():
    priced = line_price(
        line("100.00", 12, tiers=(Tier(10, D("90.00")),), discount_class="S"),
        discount_percent=D("10"),
    )
    assert (priced.unit_price_ht, priced.tier) == (D("100.00"), None)


def test_customer_discount_applies_to_normal_class_only():
    # 12.50 less 7.5 % = 12.50 - 0.9375 -> 12.50 - 0.94 = 11.56; x 3 = 34.68.
    normal = line_price(line("12.50", 3), discount_percent=D("7.5"))
    assert (normal.unit_price_ht, normal.line_total_ht) == (D("11.56"), D("34.68"))
    liquidation = line_price(line("12.50", 3, discount_class="L"), discount_percent=D("7.5"))
    assert liquidation.unit_price_ht == D("12.50")


def test_eco_tax_and_packaging_are_separate_lines_per_rate():
    # Eco-tax 0.42 x 5 = 2.10 at 20 %; packaging 3.00 x 2 = 6.00 at 20 %.
    doc = document_price(
        lines=[
            line("100.00", 5, eco_tax_ht=D("0.42"), reference="A"),
            line("50.00", 2, packaging_ht=D("3.00"), reference="B"),
        ]
    )
    extras = [(e.kind, e.amount_ht, e.vat_rate) for e in doc.extras]
    assert extras == [
        (ExtraKind.ECO_TAX, D("2.10"), D("20.00")),
        (ExtraKind.PACKAGING, D("6.00"), D("20.00")),
    ]
    # Goods 600.00; HT 608.10; VAT 121.62; TTC 729.72.
    assert doc.goods_ht == D("600.00")
    assert (doc.totals.ht, doc.totals.vat, doc.totals.ttc) == (
        D("608.10"),
        D("121.62"),
        D("729.72"),
    )


def test_shipping_line_from_the_pinned_terms():
    context = ShippingContext(terms=THRESHOLD_TERMS, zone="fr_metro", vat_rate=D("20.00"))
    # Goods 151.99 -> 15.00 shipping; HT 166.99; VAT 33.40 (166.99 x 0.2 = 33.398); TTC 200.39.
    doc = document_price(lines=[line("151.99")], shipping_context=context)
    assert doc.shipping.amount_ht == D("15.00")
    assert (doc.totals.ht, doc.totals.vat, doc.totals.ttc) == (
        D("166.99"),
        D("33.40"),
        D("200.39"),
    )


def test_regime_without_vat_gives_ht_only():
    doc = document_price(lines=[line("100.00", 2)], regime=REVERSE_CHARGE)
    assert (doc.totals.ht, doc.totals.vat, doc.totals.ttc) == (D("200.00"), D("0"), D("200.00"))
    assert doc.regime.legal_mention == "Autoliquidation"


def test_price_with_vat_of_a_product_page():
    # 129.90 x 1.20 = 155.88; 129.90 x 1.055 = 137.0445 -> 137.04
    assert price_with_vat(amount_ht=D("129.90"), vat_rate=D("20")) == D("155.88")
    assert price_with_vat(amount_ht=D("129.90"), vat_rate=D("5.5")) == D("137.04")
    assert price_with_vat(amount_ht=D("129.90"), vat_rate=D("20"), regime=REVERSE_CHARGE) == D(
        "129.90"
    )


# --- properties ------------------------------------------------------------------------------

RATES = [D("20.00"), D("10.00"), D("5.50"), D("2.10"), D("21.00"), D("12.00"), D("6.00")]
prices = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)
odd_prices = st.decimals(min_value=D("0.001"), max_value=D("9999.999"), places=3)
lines_strategy = st.lists(
    st.builds(
        lambda price, quantity, rate, eco: line(str(price), quantity, str(rate), eco_tax_ht=eco),
        st.one_of(prices, odd_prices),
        st.integers(min_value=1, max_value=500),
        st.sampled_from(RATES),
        st.sampled_from([D("0"), D("0.05"), D("1.20")]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(lines=lines_strategy, free=st.booleans())
def test_ht_plus_vat_is_ttc_to_the_cent(lines, free):
    context = ShippingContext(terms=THRESHOLD_TERMS, zone="fr_metro", vat_rate=D("20.00"))
    doc = document_price(lines=lines, shipping_context=None if free else context)
    totals = doc.totals
    assert totals.ht + totals.vat == totals.ttc
    for amount in (totals.ht, totals.vat, totals.ttc):
        assert amount == amount.quantize(D("0.01"))
    expected_ht = sum((p.line_total_ht for p in doc.lines), D("0")) + sum(
        (e.amount_ht for e in doc.extras if e.amount_ht is not None), D("0")
    )
    assert totals.ht == expected_ht


@settings(max_examples=300, deadline=None)
@given(lines=lines_strategy)
def test_vat_per_rate_is_the_rate_of_its_base_rounded_half_up(lines):
    doc = document_price(lines=lines)
    bases: dict[Decimal, Decimal] = {}
    for p in doc.lines:
        bases[p.vat_rate] = bases.get(p.vat_rate, D("0")) + p.line_total_ht
    for extra in doc.extras:
        bases[extra.vat_rate] = bases.get(extra.vat_rate, D("0")) + extra.amount_ht
    assert {v.rate for v in doc.totals.per_rate} == set(bases)
    for vat_line in doc.totals.per_rate:
        assert vat_line.base == bases[vat_line.rate]
        exact = vat_line.base * vat_line.rate / 100
        assert vat_line.vat == exact.quantize(D("0.01"), rounding=ROUND_HALF_UP)
        assert abs(vat_line.vat - exact) <= D("0.005")


@settings(max_examples=300, deadline=None)
@given(lines=lines_strategy)
def test_each_line_total_is_unit_times_quantity_rounded_half_up(lines):
    for p in document_price(lines=lines).lines:
        exact = p.unit_price_ht * p.quantity
        assert p.line_total_ht == exact.quantize(D("0.01"), rounding=ROUND_HALF_UP)


cents = st.integers(min_value=0, max_value=200_000).map(lambda c: D(c) / 100)


@settings(max_examples=500, deadline=None)
@given(goods=cents, console=st.booleans())
def test_shipping_thresholds_are_inclusive_at_their_lower_bound(goods, console):
    fee = shipping_fee_compute(
        terms=THRESHOLD_TERMS, goods_ht=goods, has_console=console, zone="fr_metro"
    )
    free_from = D("750.00") if console else D("457.00")
    if goods >= free_from:
        assert (fee.status, fee.amount_ht) == (ShippingStatus.FREE, D("0"))
    elif goods >= D("152.00"):
        assert fee.amount_ht == D("10.00")
    else:
        assert fee.amount_ht == D("15.00")
    # One cent below a bound never pays less than at the bound (the bound belongs above).
    below = shipping_fee_compute(
        terms=THRESHOLD_TERMS, goods_ht=goods - D("0.01"), has_console=console, zone="fr_metro"
    )
    if goods in (free_from, D("152.00")):
        assert below.amount_ht > fee.amount_ht


@settings(max_examples=50, deadline=None)
@given(n=st.integers(min_value=1, max_value=60))
def test_cart_total_does_not_depend_on_line_order(n):
    lines = [
        line(f"{i}.{i % 100:02d}", i % 7 + 1, str(RATES[i % 7]), reference=str(i)) for i in range(n)
    ]
    forward = document_price(lines=lines).totals
    backward = document_price(lines=list(reversed(lines))).totals
    assert (forward.ht, forward.vat, forward.ttc) == (backward.ht, backward.vat, backward.ttc)
