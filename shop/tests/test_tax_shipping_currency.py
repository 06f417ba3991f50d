"""VAT regimes, shipping by the terms' rule and tables, currency-indexed moves.

Rules: docs/rules/catalogue-prices-tax-shipping.md.
"""

from decimal import Decimal

import pytest

from shop.models import Terms
from shop.services.currency import currency_indexed_adjustment, currency_move_percent
from shop.services.shipping import RateRow, ShippingStatus, shipping_fee_compute
from shop.services.tax import (
    BuyerTaxProfile,
    VatRegime,
    VatRegimeCode,
    buyer_tax_profile_for,
    buyer_tax_profile_resolver,
    delivery_zone_of,
    vat_regime_decide,
)

D = Decimal
# Valid numbers (checksums): a German, a Belgian and a French company.
DE_VAT = "DE136695976"
BE_VAT = "BE0403019261"
FR_VAT = "FR40303265045"


@pytest.mark.parametrize(
    ("seller", "buyer", "code", "mention"),
    [
        ("FR", BuyerTaxProfile(country="FR", vat_number=FR_VAT), "domestic", ""),
        (
            "FR",
            BuyerTaxProfile(country="DE", vat_number=DE_VAT),
            "intra_eu",
            "Autoliquidation. Exonération de TVA, article 262 ter I du CGI",
        ),
        # An EU buyer without a valid number pays French VAT.
        ("FR", BuyerTaxProfile(country="DE", vat_number="DE136695975"), "domestic", ""),
        ("FR", BuyerTaxProfile(country="DE"), "domestic", ""),
        # A Belgian company delivered in France: the goods never leave France.
        (
            "FR",
            BuyerTaxProfile(country="BE", vat_number=BE_VAT, delivery_country="FR"),
            "domestic",
            "",
        ),
        (
            "FR",
            BuyerTaxProfile(country="CH"),
            "export",
            "Exonération de TVA, article 262 I du CGI",
        ),
        (
            "FR",
            BuyerTaxProfile(country="FR", delivery_country="FR", delivery_postcode="97110"),
            "dom_tom",
            "Exonération de TVA en application de l'article 294 du CGI",
        ),
        (
            "FR",
            BuyerTaxProfile(country="RE"),
            "dom_tom",
            "Exonération de TVA en application de l'article 294 du CGI",
        ),
        # Monaco (980xx) is inside the French VAT area.
        ("FR", BuyerTaxProfile(country="MC", delivery_postcode="98000"), "domestic", ""),
        ("FR", BuyerTaxProfile(country="FR", delivery_postcode="98000"), "domestic", ""),
        (
            "BE",
            BuyerTaxProfile(country="FR", vat_number=FR_VAT),
            "intra_eu",
            "Autoliquidation. Exemption de TVA, article 39bis du Code de la TVA",
        ),
        ("BE", BuyerTaxProfile(country="BE", vat_number=BE_VAT), "domestic", ""),
        (
            "BE",
            BuyerTaxProfile(country="US"),
            "export",
            "Exemption de TVA, article 39 du Code de la TVA",
        ),
    ],
)
def test_vat_regime(seller, buyer, code, mention):
    regime = vat_regime_decide(seller_country=seller, buyer=buyer)
    assert regime.code == code
    assert regime.charges_vat is (code == "domestic")
    assert regime.legal_mention == mention


def test_regime_round_trips_through_a_document_field():
    regime = vat_regime_decide(
        seller_country="FR", buyer=BuyerTaxProfile(country="DE", vat_number=DE_VAT)
    )
    assert VatRegime.from_dict(regime.as_dict()) == regime
    assert regime.label == str(VatRegimeCode.INTRA_EU_REVERSE_CHARGE.label)


@pytest.mark.parametrize(
    ("country", "postcode", "zone"),
    [
        ("FR", "75001", "fr_metro"),
        ("FR", "20000", "fr_metro"),
        ("FR", "97200", "dom_tom"),
        ("GP", "", "dom_tom"),
        ("MC", "98000", "fr_metro"),
        ("BE", "1000", "be"),
        ("LU", "1111", "lu"),
        ("CH", "1200", "ch"),
        ("US", "10001", "export"),
        ("DE", "10115", None),
    ],
)
def test_delivery_zone(country, postcode, zone):
    assert delivery_zone_of(country=country, postcode=postcode) == zone


def german_buyer(*, user):
    """A resolver for the test below, named by the setting."""
    return BuyerTaxProfile(country="DE", vat_number=DE_VAT)


def test_buyer_profile_default_and_resolver(django_user_model, settings):
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    assert buyer_tax_profile_for(user=anonymous, seller_country="BE") == BuyerTaxProfile("BE")
    # A signed-in user who belongs to no company: the accounts resolver knows nothing of it.
    user = django_user_model.objects.create_user(email="nobody@example.com", password="x")
    assert buyer_tax_profile_for(user=user, seller_country="FR").country == "FR"
    settings.BUYER_TAX_PROFILE_RESOLVER = f"{__name__}.german_buyer"
    assert buyer_tax_profile_for(user=user, seller_country="FR").country == "DE"
    assert buyer_tax_profile_for(user=anonymous, seller_country="FR").country == "FR"
    settings.BUYER_TAX_PROFILE_RESOLVER = ""
    assert buyer_tax_profile_for(user=user, seller_country="FR").country == "FR"


def test_the_accounts_resolver_is_named_by_the_setting():
    """Shop reaches accounts through the setting only (no import of accounts here)."""
    resolver = buyer_tax_profile_resolver()
    assert (resolver.__module__, resolver.__name__) == (
        "accounts.selectors",
        "buyer_tax_profile_for_user",
    )


# --- shipping ----------------------------------------------------------------------------

THRESHOLDS = Terms(
    shipping_fee_mode="thresholds",
    shipping_free_from_ht=D("457.00"),
    shipping_free_from_with_consoles_ht=D("750.00"),
    shipping_reduced_fee_from_ht=D("152.00"),
    shipping_reduced_fee_ht=D("10.00"),
    shipping_base_fee_ht=D("15.00"),
    delivery_zones=["fr_metro", "dom_tom", "export"],
)


@pytest.mark.parametrize(
    ("goods", "console", "fee", "next_amount"),
    [
        ("457.00", False, "0.00", None),
        ("456.99", False, "10.00", "457.00"),
        ("152.00", False, "10.00", "457.00"),
        ("151.99", False, "15.00", "152.00"),
        ("0.01", False, "15.00", "152.00"),
        ("749.99", True, "10.00", "750.00"),
        ("750.00", True, "0.00", None),
        ("457.00", True, "10.00", "750.00"),
    ],
)
def test_thresholds_of_004(goods, console, fee, next_amount):
    result = shipping_fee_compute(
        terms=THRESHOLDS, goods_ht=D(goods), has_console=console, zone="fr_metro"
    )
    assert result.amount_ht == D(fee)
    assert result.next_amount_ht == (D(next_amount) if next_amount else None)
    assert result.status == (ShippingStatus.FREE if fee == "0.00" else ShippingStatus.CHARGED)


def test_quoted_by_sales_has_no_automatic_fee():
    terms = Terms(shipping_fee_mode="quoted_by_sales", delivery_zones=["fr_metro"])
    result = shipping_fee_compute(terms=terms, goods_ht=D("99"), has_console=False, zone="fr_metro")
    assert (result.status, result.amount_ht) == (ShippingStatus.QUOTED, None)


def test_zone_not_served():
    result = shipping_fee_compute(terms=THRESHOLDS, goods_ht=D("99"), has_console=False, zone="be")
    assert result.status == ShippingStatus.UNAVAILABLE
    result = shipping_fee_compute(terms=THRESHOLDS, goods_ht=D("99"), has_console=False, zone=None)
    assert result.status == ShippingStatus.UNAVAILABLE


ZONE_TABLE = (
    RateRow("", "bpost", D("0"), D("1.00")),  # a carrier row: not read in the zone mode
    RateRow("fr_metro", "", D("0"), D("25.00")),
    RateRow("fr_metro", "", D("1000.00"), D("0.00")),
    RateRow("be", "", D("0"), D("40.00")),
    RateRow("", "", D("0"), D("60.00")),
)


def test_zone_table():
    terms = Terms(shipping_fee_mode="zone_table", delivery_zones=["fr_metro", "be", "ch"])

    def fee(goods, zone):
        return shipping_fee_compute(
            terms=terms, goods_ht=D(goods), has_console=False, zone=zone, rates=ZONE_TABLE
        )

    assert fee("999.99", "fr_metro").amount_ht == D("25.00")
    assert fee("999.99", "fr_metro").next_amount_ht == D("1000.00")
    assert fee("1000.00", "fr_metro").amount_ht == D("0.00")
    assert fee("5000", "be").amount_ht == D("40.00")
    # No row for Switzerland itself: the row for every zone applies.
    assert fee("10", "ch").amount_ht == D("60.00")


def test_carrier_table_takes_the_chosen_or_cheapest_carrier():
    terms = Terms(shipping_fee_mode="carrier_table", delivery_zones=["be"])
    rates = (
        RateRow("be", "", D("0"), D("1.00")),  # a zone row: not read in the carrier mode
        RateRow("", "bpost", D("0"), D("9.90")),
        RateRow("", "DHL", D("0"), D("14.50")),
        RateRow("", "DHL", D("200"), D("7.00")),
    )
    cheapest = shipping_fee_compute(
        terms=terms, goods_ht=D("250"), has_console=False, zone="be", rates=rates
    )
    assert (cheapest.carrier, cheapest.amount_ht) == ("DHL", D("7.00"))
    chosen = shipping_fee_compute(
        terms=terms, goods_ht=D("250"), has_console=False, zone="be", rates=rates, carrier="bpost"
    )
    assert (chosen.carrier, chosen.amount_ht) == ("bpost", D("9.90"))


def test_table_without_an_applicable_row_is_quoted():
    terms = Terms(shipping_fee_mode="order_table", delivery_zones=["be"])
    result = shipping_fee_compute(
        terms=terms,
        goods_ht=D("10"),
        has_console=False,
        zone="be",
        rates=(RateRow("", "", D("50"), D("5")),),
    )
    assert result.status == ShippingStatus.QUOTED


# --- currency-indexed products ------------------------------------------------------------


def test_move_against_the_seller_above_threshold_is_passed_on():
    # Offer: 1 EUR = 1.10 USD; invoice: 1 EUR = 1.07 USD. The dollar's price in EUR rose by
    # 1.10 / 1.07 - 1 = 2.8037...% > 2 %. Unit 1000.00 x 2 lines: 2000.00 x 1.10 / 1.07 =
    # 2056.0747... -> 2056.07, difference 56.07.
    adj = currency_indexed_adjustment(
        unit_price_ht=D("1000.00"),
        quantity=2,
        offer_rate=D("1.10"),
        invoice_rate=D("1.07"),
        threshold_percent=D("2"),
    )
    assert adj.applies
    assert adj.adjusted_line_total_ht == D("2056.07")
    assert adj.difference_ht == D("56.07")


def test_move_within_threshold_or_in_the_buyers_favour_changes_nothing():
    # 1.02 / 1.00 - 1 = exactly 2 %: not "more than 2 %".
    exact = currency_indexed_adjustment(
        unit_price_ht=D("100.00"),
        quantity=1,
        offer_rate=D("1.02"),
        invoice_rate=D("1.00"),
        threshold_percent=D("2"),
    )
    assert exact.move_percent == D("2")
    assert not exact.applies and exact.difference_ht == 0
    favourable = currency_indexed_adjustment(
        unit_price_ht=D("100.00"),
        quantity=1,
        offer_rate=D("1.00"),
        invoice_rate=D("1.20"),
        threshold_percent=D("2"),
    )
    assert favourable.move_percent < 0 and not favourable.applies
    no_rule = currency_indexed_adjustment(
        unit_price_ht=D("100.00"),
        quantity=1,
        offer_rate=D("1.50"),
        invoice_rate=D("1.00"),
        threshold_percent=None,
    )
    assert not no_rule.applies


def test_move_percent_refuses_a_zero_rate():
    with pytest.raises(ValueError):
        currency_move_percent(offer_rate=D("0"), invoice_rate=D("1"))
