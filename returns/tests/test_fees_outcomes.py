"""Fees, allowed outcomes and credit amounts for each preset, at the boundaries."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import BusinessError
from returns.choices import Outcome, ReturnReason
from returns.coverage import warranty_extension_days
from returns.fees import return_fees
from returns.outcomes import credit_note_amount_ht, outcomes_allowed
from returns.tests.presets import preset_terms

R, Out = ReturnReason, Outcome
D = date


# (preset, returned value HT, packaging missing, customer caused, packaging fee, handling fee)
FEES = [
    # 000 art. 7: 35 € HT when the original packaging is missing; no handling fee.
    ("000", "100.00", True, False, "35.00", "0.00"),
    ("000", "100.00", False, False, "0.00", "0.00"),
    ("000", "900.00", False, True, "0.00", "0.00"),
    # 001 art. 12: 300 € HT; over 500 € HT, + 10 % of the whole value.
    ("001", "500.00", False, True, "0.00", "300.00"),  # 500.00 is not over 500
    ("001", "500.01", False, True, "0.00", "350.00"),  # 300 + 50.001 -> 50.00 = 350.00
    ("001", "1234.56", False, True, "0.00", "423.46"),  # 300 + 123.456 -> 123.46 = 423.46
    ("001", "1234.55", True, True, "0.00", "423.46"),  # 300 + 123.455 -> 123.46 (half up)
    ("001", "1234.56", False, False, "0.00", "0.00"),  # the seller's fault: no fee
    ("002", "800.00", True, True, "0.00", "0.00"),
    ("003", "800.00", True, True, "0.00", "0.00"),
]


@pytest.mark.parametrize(("code", "value", "missing", "caused", "packaging", "handling"), FEES)
def test_fees_by_preset(code, value, missing, caused, packaging, handling):
    fees = return_fees(
        terms=preset_terms(code),
        returned_value_ht=Decimal(value),
        packaging_missing=missing,
        customer_caused=caused,
    )
    assert (fees.packaging_ht, fees.handling_ht) == (Decimal(packaging), Decimal(handling))
    assert fees.total_ht == Decimal(packaging) + Decimal(handling)


def test_004_charges_the_return_costs_staff_record():
    fees = return_fees(
        terms=preset_terms("004"),
        returned_value_ht=Decimal("600.00"),
        packaging_missing=False,
        customer_caused=True,
        return_costs_ht=Decimal("42.50"),
    )
    assert fees.handling_ht == Decimal("42.50")


def test_004_refuses_a_customer_caused_return_without_its_costs():
    with pytest.raises(BusinessError) as refused:
        return_fees(
            terms=preset_terms("004"),
            returned_value_ht=Decimal("600.00"),
            packaging_missing=False,
            customer_caused=True,
        )
    assert refused.value.code == "return_costs_missing"


# (preset, an item goes back, amount staff enter, reshipping fee or refusal code)
RESHIPPING = [
    # 001 art. 13: the way back is the buyer's, at the amount staff enter.
    ("001", True, "18.50", "18.50"),
    ("001", True, "18.505", "18.51"),  # rounded half-up to the cent
    ("001", True, "0", "0.00"),  # sent at no cost (e.g. handed over at the counter)
    ("001", True, None, "return_reshipping_costs_missing"),
    ("001", False, None, "0.00"),  # a credit note only: nothing goes back
    ("001", False, "18.50", "return_reshipping_not_charged"),
    # 000 art. 7: the seller's; 004: the legal warranty's remedy is the seller's.
    ("000", True, None, "0.00"),
    ("000", True, "18.50", "return_reshipping_not_charged"),
    ("004", True, None, "0.00"),
]


@pytest.mark.parametrize(("code", "ships_back", "entered", "expected"), RESHIPPING)
def test_reshipping_fee_by_preset(code, ships_back, entered, expected):
    def fees():
        return return_fees(
            terms=preset_terms(code),
            returned_value_ht=Decimal("400.00"),
            packaging_missing=False,
            customer_caused=False,
            ships_back=ships_back,
            reshipping_costs_ht=Decimal(entered) if entered is not None else None,
        )

    if expected.startswith("return_"):
        with pytest.raises(BusinessError) as refused:
            fees()
        assert (refused.value.code, refused.value.field) == (expected, "reshipping_costs_ht")
        return
    assert fees().reshipping_ht == Decimal(expected)
    assert fees().total_ht == Decimal(expected)  # no other fee in these cases


def test_001_reshipping_adds_to_the_customer_caused_fee():
    fees = return_fees(
        terms=preset_terms("001"),
        returned_value_ht=Decimal("500.01"),
        packaging_missing=False,
        customer_caused=True,
        ships_back=True,
        reshipping_costs_ht=Decimal("18.50"),
    )
    # 300.00 + 10 % of 500.01 (50.00) = 350.00, plus 18.50 for the way back = 368.50.
    assert (fees.handling_ht, fees.reshipping_ht, fees.total_ht) == (
        Decimal("350.00"),
        Decimal("18.50"),
        Decimal("368.50"),
    )


# (preset, reason, invoice date, returned on, outcomes)
OUTCOMES = [
    # 001 art. 13: standard exchange within 30 days of the invoice: 1 Mar + 30 = 31 Mar.
    (
        "001",
        R.DEFECT,
        D(2026, 3, 1),
        D(2026, 3, 31),
        (Out.REPAIR, Out.STANDARD_EXCHANGE, Out.REPLACEMENT, Out.CREDIT_NOTE),
    ),
    ("001", R.DEFECT, D(2026, 3, 1), D(2026, 4, 1), (Out.REPAIR, Out.REPLACEMENT, Out.CREDIT_NOTE)),
    # 000: no standard exchange at all.
    ("000", R.DEFECT, D(2026, 3, 1), D(2026, 3, 2), (Out.REPAIR, Out.REPLACEMENT, Out.CREDIT_NOTE)),
    ("000", R.MISSING_ITEM, D(2026, 3, 1), D(2026, 3, 2), (Out.REPLACEMENT, Out.CREDIT_NOTE)),
    ("004", R.COMMERCIAL, D(2026, 3, 1), D(2026, 6, 2), (Out.CREDIT_NOTE,)),
]


@pytest.mark.parametrize(("code", "reason", "invoiced", "returned", "expected"), OUTCOMES)
def test_outcomes_allowed_by_preset(code, reason, invoiced, returned, expected):
    terms = preset_terms(code)
    assert (
        outcomes_allowed(terms=terms, reason=reason, invoice_date=invoiced, returned_on=returned)
        == expected
    )


# (reason, invoiced value HT, value at intake HT, fees HT, credit HT)
CREDITS = [
    # 001 art. 13: the value at intake, capped at the invoiced 2 x 199.99 = 399.98.
    (R.DEFECT, "399.98", "450.00", "0", "399.98"),
    (R.DEFECT, "399.98", "399.98", "0", "399.98"),
    (R.DEFECT, "399.98", "120.00", "0", "120.00"),
    (R.DEFECT, "399.98", None, "0", "399.98"),
    # 004 art. 9: a commercial return is credited at the invoiced price minus the fees:
    # 600.00 - 42.50 = 557.50; fees above the value give nothing, never a negative credit.
    (R.COMMERCIAL, "600.00", None, "42.50", "557.50"),
    (R.COMMERCIAL, "30.00", None, "42.50", "0.00"),
]


@pytest.mark.parametrize(("reason", "invoiced", "intake", "fees", "credit"), CREDITS)
def test_credit_note_amount(reason, invoiced, intake, fees, credit):
    amount = credit_note_amount_ht(
        reason=reason,
        invoiced_value_ht=Decimal(invoiced),
        value_at_intake_ht=Decimal(intake) if intake else None,
        fees_ht=Decimal(fees),
    )
    assert amount == Decimal(credit)


@pytest.mark.parametrize(
    ("code", "repairs", "days"),
    [
        ("000", (7,), 0),  # 7 days is not more than 7
        ("000", (8,), 8),  # over 7: the whole 8 days
        ("000", (3, 10, 8), 18),  # 10 + 8; the 3-day repair adds nothing
        ("001", (30,), 0),  # 001: never extended
    ],
)
def test_warranty_extension_by_immobilisation(code, repairs, days):
    assert warranty_extension_days(terms=preset_terms(code), immobilisation_days=repairs) == days
