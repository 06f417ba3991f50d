"""The seller's identity: identifiers checked with python-stdnum, one row, history kept."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shop.models import Seller
from shop.selectors import seller_get_current
from shop.tests.factories import SellerFactory, belgian_enterprise_number, luhn_complete


def errors_of(seller: Seller) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as invalid:
        seller.full_clean()
    return invalid.value.message_dict


@pytest.mark.django_db
def test_valid_french_identifiers_are_accepted_and_stored_compact():
    seller = SellerFactory.build(
        siren="401 483 300",
        siret="401 483 300 00018",
        vat_number="fr 39 401483300",
        iban="FR76 3000 6000 0112 3456 7890 189",
    )

    seller.full_clean()

    assert (seller.siren, seller.siret, seller.vat_number) == (
        "401483300",
        "40148330000018",
        "FR39401483300",
    )
    assert seller.iban == "FR7630006000011234567890189"
    assert seller.siren_display == "401 483 300"


@pytest.mark.django_db
def test_invalid_siren_checksum_is_refused_naming_the_field():
    seller = SellerFactory.build(siren="401483301", siret="", vat_number="")

    assert errors_of(seller) == {
        "siren": ["Le SIREN 401483301 est invalide : sa clé de contrôle est fausse."]
    }


@pytest.mark.django_db
def test_siren_of_the_wrong_length_is_refused():
    seller = SellerFactory.build(siren="40148330", siret="", vat_number="")

    assert errors_of(seller) == {"siren": ["Le SIREN doit comporter exactement 9 chiffres."]}


@pytest.mark.django_db
def test_vat_number_not_matching_the_siren_is_refused():
    # FR40792662637 is a valid VAT number, but for another company (SIREN 792662637).
    seller = SellerFactory.build(vat_number="FR40792662637")

    assert errors_of(seller) == {
        "vat_number": [
            "Le numéro de TVA intracommunautaire FR40792662637 ne correspond pas "
            "au SIREN 401483300."
        ]
    }


@pytest.mark.django_db
def test_vat_key_not_matching_its_own_siren_is_refused():
    seller = SellerFactory.build(vat_number="FR26401483300")

    assert errors_of(seller) == {
        "vat_number": [
            "Le numéro de TVA intracommunautaire FR26401483300 est invalide : sa clé ne "
            "correspond pas au SIREN qu'il contient."
        ]
    }


@pytest.mark.django_db
def test_siret_must_start_with_the_siren():
    other_siret = luhn_complete("7926626370002")
    seller = SellerFactory.build(siret=other_siret)

    assert errors_of(seller) == {
        "siret": [f"Le SIRET {other_siret} ne commence pas par le SIREN 401483300."]
    }


@pytest.mark.django_db
def test_valid_belgian_identifiers_are_accepted():
    seller = SellerFactory.build(belgian=True, vat_number="BE 0403.000.059")

    seller.full_clean()

    assert (seller.enterprise_number, seller.vat_number) == ("0403000059", "BE0403000059")
    assert seller.enterprise_number_display == "0403.000.059"


@pytest.mark.django_db
def test_invalid_belgian_vat_number_is_refused_naming_the_field():
    seller = SellerFactory.build(belgian=True, vat_number="BE0403000058")

    assert errors_of(seller) == {
        "vat_number": [
            "Le numéro de TVA belge BE0403000058 est invalide : sa clé de contrôle est fausse."
        ]
    }


@pytest.mark.django_db
def test_invalid_belgian_enterprise_number_is_refused():
    seller = SellerFactory.build(belgian=True, enterprise_number="0403000058", vat_number="")

    assert errors_of(seller) == {
        "enterprise_number": [
            "Le numéro d'entreprise 0403000058 est invalide : sa clé de contrôle est fausse."
        ]
    }


@pytest.mark.django_db
def test_belgian_vat_number_must_be_the_enterprise_number():
    other = belgian_enterprise_number(4_030_001)
    seller = SellerFactory.build(belgian=True, vat_number=f"BE{other}")

    assert errors_of(seller) == {
        "vat_number": [
            f"Le numéro de TVA belge BE{other} ne correspond pas au numéro d'entreprise 0403000059."
        ]
    }


@pytest.mark.django_db
def test_vat_prefix_must_match_the_seller_country():
    seller = SellerFactory.build(belgian=True, vat_number="FR39401483300")

    assert errors_of(seller) == {
        "vat_number": ["Le numéro de TVA intracommunautaire d'un vendeur belge commence par BE."]
    }


@pytest.mark.django_db
def test_invalid_iban_is_refused():
    seller = SellerFactory.build(iban="FR7630006000011234567890180")

    assert errors_of(seller) == {"iban": ["L'IBAN FR7630006000011234567890180 est invalide."]}


@pytest.mark.django_db
def test_identifiers_are_optional_when_the_seed_does_not_give_them():
    seller = SellerFactory.build(siren="", siret="", vat_number="", iban="", bic="")

    seller.full_clean()


@pytest.mark.django_db
def test_there_is_only_one_seller():
    SellerFactory()

    second = SellerFactory.build(legal_name="AUTRE SOCIÉTÉ")
    assert errors_of(second) == {"__all__": ["Un vendeur est déjà enregistré."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


@pytest.mark.django_db
def test_current_seller(django_assert_num_queries):
    assert seller_get_current() is None
    seller = SellerFactory()

    with django_assert_num_queries(1):
        assert seller_get_current() == seller


@pytest.mark.django_db
def test_identity_changes_are_kept_in_history():
    seller = SellerFactory()
    seller.phone = "+33 4 11 11 11 11"
    seller.save()
    Seller.objects.update(city="Villeurbanne")  # a bulk update is caught too

    history = list(seller.events.order_by("pgh_id").values_list("pgh_label", "phone", "city"))
    assert history == [
        ("insert", "+33 4 00 00 00 00", "Lyon"),
        ("update", "+33 4 11 11 11 11", "Lyon"),
        ("update", "+33 4 11 11 11 11", "Villeurbanne"),
    ]
