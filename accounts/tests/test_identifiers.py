"""Identifier checks: each error names the field and says what is wrong.

Hand-checked values:
- SIREN 303265045 and 732829320 are valid (Luhn); 303265046 is not (last digit changed).
- SIRET 30326504500011: Luhn over 14 digits, doubling every second digit from the right:
  1+2+0+0+0+1+4+0+5+3+2+6+0+6 = 30, a multiple of 10.
- French VAT key = (12 + 3 × (SIREN mod 97)) mod 97. 732829320 mod 97 = 43
  (97 × 7554941 = 732829277), so 12 + 129 = 141, mod 97 = 44: FR44732829320.
  303265045 gives FR40303265045 (python-stdnum's documented example).
- Belgian 0403019261: 04030192 mod 97 = 36, key 97 − 36 = 61.
"""

import pytest

from accounts.identifiers import (
    enterprise_number_check,
    french_vat_for_siren,
    iban_check,
    is_dom_tom,
    phone_check,
    postcode_check,
    siren_check,
    siret_check,
    vat_check,
)
from core.errors import BusinessError


def error_of(func, *args, **kwargs) -> BusinessError:
    with pytest.raises(BusinessError) as info:
        func(*args, **kwargs)
    return info.value


def test_siren_valid_with_spaces_is_stored_compact():
    assert siren_check("303 265 045") == "303265045"


def test_siren_bad_checksum_names_the_field():
    error = error_of(siren_check, "303265046")
    assert (error.code, error.field) == ("siren_checksum", "siren")
    assert "303265046" in error.message and "clé de contrôle" in error.message


def test_siren_wrong_length_counts_the_digits():
    error = error_of(siren_check, "30326504")
    assert error.code == "siren_format"
    assert "8" in error.message


def test_siret_valid_and_starting_with_the_siren():
    assert siret_check("303 265 045 00011", siren="303265045") == "30326504500011"


def test_siret_bad_checksum():
    assert error_of(siret_check, "30326504500012", siren="303265045").code == "siret_checksum"


def test_siret_of_another_siren_is_refused():
    error = error_of(siret_check, "30326504500011", siren="732829320")
    assert (error.code, error.field) == ("siret_siren_mismatch", "siret")


def test_french_vat_key_computed_by_hand():
    assert french_vat_for_siren("732829320") == "FR44732829320"
    assert french_vat_for_siren("303265045") == "FR40303265045"


def test_french_vat_valid():
    assert vat_check("fr 40 303 265 045", country="FR", siren="303265045") == "FR40303265045"


def test_french_vat_bad_checksum():
    error = error_of(vat_check, "FR41303265045", country="FR", siren="303265045")
    assert (error.code, error.field) == ("vat_checksum", "vat_number")


def test_french_vat_not_matching_the_siren_tells_the_right_number():
    error = error_of(vat_check, "FR40303265045", country="FR", siren="732829320")
    assert error.code == "vat_siren_mismatch"
    assert "FR44732829320" in error.message


def test_french_company_with_a_belgian_vat_number():
    assert error_of(vat_check, "BE0403019261", country="FR").code == "vat_country_mismatch"


def test_belgian_enterprise_number_and_vat():
    assert enterprise_number_check("0403.019.261") == "0403019261"
    assert vat_check("BE 0403.019.261", country="BE", enterprise_number="0403019261") == (
        "BE0403019261"
    )


def test_belgian_enterprise_number_bad_checksum():
    error = error_of(enterprise_number_check, "0403019262")
    assert (error.code, error.field) == ("enterprise_number_checksum", "enterprise_number")


def test_belgian_vat_must_be_the_enterprise_number():
    error = error_of(vat_check, "BE0403019261", country="BE", enterprise_number="0899384295")
    assert error.code == "vat_enterprise_number_mismatch"


def test_other_eu_vat_number():
    assert vat_check("DE 136 695 976", country="EU") == "DE136695976"
    assert error_of(vat_check, "DE136695977", country="EU").code == "vat_checksum"
    assert error_of(vat_check, "136695976", country="EU").code == "vat_prefix_missing"
    assert error_of(vat_check, "FR40303265045", country="EU").code == "vat_country_mismatch"


def test_vat_required_in_the_eu_optional_outside():
    assert error_of(vat_check, "", country="FR").code == "vat_required"
    assert vat_check("", country="XX") == ""


def test_iban():
    assert iban_check("FR76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    error = error_of(iban_check, "FR7630006000011234567890188")
    assert (error.code, error.field) == ("iban_checksum", "iban")
    assert error_of(iban_check, "FR76300060", field="x").field == "x"


@pytest.mark.parametrize(
    ("postal_code", "country", "expected"),
    [
        ("97110", "FR", True),  # Pointe-à-Pitre, Guadeloupe
        ("97400", "FR", True),  # Saint-Denis, La Réunion
        ("97600", "FR", True),  # Mamoudzou, Mayotte
        ("98800", "FR", True),  # Nouméa, Nouvelle-Calédonie
        ("98000", "FR", False),  # Monaco's postcode is not French overseas
        ("69002", "FR", False),
        ("97110", "BE", False),
    ],
)
def test_dom_tom_from_the_postcode(postal_code, country, expected):
    assert is_dom_tom(postal_code=postal_code, country=country) is expected


def test_postcodes():
    assert postcode_check("69 002", country="FR", field="f") == "69002"
    assert postcode_check("1000", country="BE", field="f") == "1000"
    assert error_of(postcode_check, "6900", country="FR", field="f").code == "postcode_format"
    assert postcode_check("SW1A 1AA", country="GB", field="f") == "SW1A 1AA"


def test_phone():
    assert phone_check("+33 6 12 34 56 78") == "+33 6 12 34 56 78"
    assert error_of(phone_check, "appelez-moi").code == "phone_format"
