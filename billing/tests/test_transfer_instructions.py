"""Transfer instructions: the Belgian structured communication (mod 97, 97 for a zero
remainder), its reading back, and the EPC QR code a banking app decodes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from billing.payments.transfer import (
    document_number_from_structured,
    structured_communication,
    structured_parse,
    transfer_instructions,
)
from billing.tests.qr import epc_decode
from core.errors import BusinessError
from shop.models import Seller

BE_IBAN = "BE68539007547034"
FR_IBAN = "FR7630006000011234567890189"


def test_the_structured_communication_of_an_order_number():
    # CMD → kind 1, year 2026 → 026, sequence 000123: base 1026000123.
    # 1026000123 = 97 × 10577320 + 83 → check digits 83.
    assert structured_communication("CMD-2026-000123") == "+++102/6000/12383+++"


def test_a_zero_remainder_gives_97():
    # Base 1026000040 = 97 × 10577320 exactly: remainder 0, so the check digits are 97.
    assert structured_communication("CMD-2026-000040") == "+++102/6000/04097+++"


def test_quotes_and_invoices_have_their_own_first_digit():
    # DEV → 3: 3026000123 = 97 × 31195877 (= 3026000069) + 54.
    assert structured_communication("DEV-2026-000123") == "+++302/6000/12354+++"
    # FA → 2: 2026000123 = 97 × 20886599 (= 2026000103) + 20.
    assert structured_communication("FA-2026-000123") == "+++202/6000/12320+++"


@pytest.mark.parametrize(
    "printed",
    ["+++102/6000/12383+++", "***102/6000/12383***", "102600012383", " +++102 / 6000 / 12383+++ "],
)
def test_a_structured_communication_is_read_however_the_bank_prints_it(printed):
    digits = structured_parse(printed)
    assert digits == "102600012383"
    assert document_number_from_structured(digits) == "CMD-2026-000123"


def test_a_wrong_check_digit_is_refused_with_a_clear_message():
    with pytest.raises(BusinessError) as refused:
        structured_parse("+++102/6000/12384+++")  # 84 where 1026000123 mod 97 is 83
    assert refused.value.code == "structured_check_digit"
    assert "+++102/6000/12384+++" in refused.value.message


@pytest.mark.parametrize("text", ["", "+++102/6000/1238+++", "CMD-2026-000123", "1026000123x3"])
def test_what_is_not_twelve_digits_is_malformed(text):
    with pytest.raises(BusinessError) as refused:
        structured_parse(text)
    assert refused.value.code == "structured_malformed"


def test_an_unknown_first_digit_names_no_document():
    # 9 names no series; 9026000123 = 97 × 93051547 (= 9026000059) + 64.
    assert structured_parse("+++902/6000/12364+++") == "902600012364"
    assert document_number_from_structured("902600012364") is None


def _seller(**kw) -> Seller:
    values = {"legal_name": "BELTECH SRL", "country": "BE", "iban": BE_IBAN, "bic": "BPOTBEB1"}
    return Seller(**{**values, **kw})


def test_a_belgian_sellers_qr_code_decodes_to_iban_amount_and_structured_reference():
    instructions = transfer_instructions(
        seller=_seller(), amount=Decimal("432.00"), document_number="CMD-2026-000123"
    )
    assert instructions.reference == "+++102/6000/12383+++"
    assert instructions.iban_display == "BE68 5390 0754 7034"
    decoded = epc_decode(instructions.qr_png())
    assert decoded == {
        "bic": "BPOTBEB1",
        "name": "BELTECH SRL",
        "iban": BE_IBAN,
        "currency": "EUR",
        "amount": Decimal("432.00"),
        "structured": "102600012383",
        "text": "",
    }


def test_a_french_sellers_reference_is_the_order_number_in_the_free_text():
    instructions = transfer_instructions(
        seller=_seller(country="FR", iban=FR_IBAN, bic="AGRIFRPP"),
        amount=Decimal("1234.56"),
        document_number="CMD-2026-000007",
    )
    assert (instructions.reference, instructions.structured) == ("CMD-2026-000007", False)
    decoded = epc_decode(instructions.qr_png())
    assert (decoded["iban"], decoded["amount"]) == (FR_IBAN, Decimal("1234.56"))
    assert (decoded["structured"], decoded["text"]) == ("", "CMD-2026-000007")
    assert instructions.qr_data_uri().startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize("iban", ["", "BE68539007547035"])  # none, or a wrong check
def test_without_a_valid_iban_there_are_no_instructions(iban):
    assert (
        transfer_instructions(
            seller=_seller(iban=iban), amount=Decimal("1.00"), document_number="CMD-2026-000001"
        )
        is None
    )
