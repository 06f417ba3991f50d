"""The legal mentions each country requires of the seller, the refusal that lists them and
the admin's seller page that shows the same list (expected lists written out by hand from
docs/rules/seller-identity.md)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from core.errors import BusinessError
from shop.legal_mentions import seller_issuing_check, seller_legal_mentions_missing
from shop.models import Seller
from shop.tests.factories import SellerFactory


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(email="admin@example.com", password="x")
    client.force_login(user)
    return client


def codes(seller) -> list[str]:
    return [mention.code for mention in seller_legal_mentions_missing(seller=seller)]


def test_a_complete_french_seller_lacks_nothing():
    assert codes(SellerFactory.build()) == []
    seller_issuing_check(seller=SellerFactory.build())  # no error


def test_a_french_seller_named_only_lacks_every_other_mention_in_legal_order():
    seller = Seller(legal_name="INNELEC", country="FR", website="https://www.innelec.com")
    assert codes(seller) == [
        "legal_form",
        "share_capital",
        "siren",
        "rcs_city",
        "address",
        "vat_number",
        "email",
        "phone",
    ]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        ("legal_name", "legal_name"),
        ("legal_form", "legal_form"),
        ("siren", "siren"),
        ("rcs_city", "rcs_city"),
        ("address_line1", "address"),
        ("postal_code", "address"),
        ("city", "address"),
        ("vat_number", "vat_number"),
        ("email", "email"),
        ("phone", "phone"),
    ],
)
def test_each_french_mention_alone(field, code):
    # The VAT number is given: the factory would derive it from the SIREN.
    for blank in ("", "   "):  # spaces are no mention either
        seller = SellerFactory.build(
            **{"vat_number": "FR39401483300", "siret": "40148330000018", field: blank}
        )
        assert codes(seller) == [code]


def test_french_share_capital_is_owed_except_by_partnerships():
    assert codes(SellerFactory.build(share_capital=None)) == ["share_capital"]
    assert codes(SellerFactory.build(legal_form="SARL", share_capital=None)) == ["share_capital"]
    # A capital of zero is a stated amount, not a missing one.
    assert codes(SellerFactory.build(share_capital=Decimal("0.00"))) == []
    # R.123-238, 1° and 2°: SNC and SCS state their form only.
    assert codes(SellerFactory.build(legal_form="SNC", share_capital=None)) == []
    assert codes(SellerFactory.build(legal_form="s.c.s.", share_capital=None)) == []


def test_a_complete_belgian_seller_lacks_nothing_without_capital_or_phone():
    seller = SellerFactory.build(belgian=True, phone="", share_capital=None)
    assert codes(seller) == []


def test_a_belgian_seller_owes_its_rpm_court_iban_and_e_mail():
    seller = SellerFactory.build(belgian=True, rpm_court="", iban="", email="")
    assert codes(seller) == ["rpm_court", "email", "iban"]
    seller = SellerFactory.build(belgian=True, enterprise_number="", vat_number="")
    assert codes(seller) == ["enterprise_number", "vat_number"]


def test_the_refusal_names_every_missing_mention_in_the_readers_language():
    seller = SellerFactory.build(siren="", vat_number="", phone="")
    with pytest.raises(BusinessError) as error:
        seller_issuing_check(seller=seller)
    assert error.value.code == "seller_identity_incomplete"
    assert (
        "(numéro SIREN, numéro de TVA intracommunautaire, numéro de téléphone)"
        in error.value.message
    )
    with translation.override("en"):
        assert "(SIREN number, intra-EU VAT number, telephone number)" in error.value.message
    with translation.override("nl"):
        assert "(SIREN-nummer, intracommunautair btw-nummer, telefoonnummer)" in (
            error.value.message
        )


@pytest.mark.django_db
def test_the_admin_seller_page_shows_the_same_list(admin_client):
    seller = SellerFactory(rcs_city="", email="")
    url = reverse("admin:shop_seller_change", args=[seller.pk])

    html = admin_client.get(url).content.decode()

    block = html[html.index("Mentions manquantes") :]
    block = block[: block.index("</ul>")]
    assert "Devis et factures sont refusés" in block
    assert "<li>ville du RCS <small>(C. com. R.123-237 2°)</small></li>" in block
    assert "<li>adresse e-mail <small>(LCEN art. 19 2°)</small></li>" in block
    assert block.count("<li>") == 2

    Seller.objects.update(rcs_city="Lyon", email="contact@atelier-numerique.example")
    html = admin_client.get(url).content.decode()
    assert "Aucune : le vendeur peut émettre devis et factures." in html
