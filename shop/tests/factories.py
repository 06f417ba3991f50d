"""factory_boy factories for the seller and its terms of sale.

There is one seller per deployment (a database constraint): `SellerFactory` returns the
existing seller of the same legal name instead of creating a second one.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Permission

from shop.models import Seller, Terms, TermsStatus


def luhn_complete(digits: str) -> str:
    """`digits` followed by the Luhn check digit (SIREN, SIRET)."""
    total = 0
    for position, char in enumerate(reversed(digits + "0")):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            value = value - 9 if value > 9 else value
        total += value
    return digits + str((10 - total % 10) % 10)


def french_vat_number(siren: str) -> str:
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def belgian_enterprise_number(base: int) -> str:
    """A valid Belgian enterprise number from a 7-digit base (0 + base + 97-modulus key)."""
    body = f"0{base:07d}"
    return f"{body}{97 - int(body) % 97:02d}"


class SellerFactory(factory.django.DjangoModelFactory):
    """A French SAS with valid identifiers (SIREN, SIRET, VAT number, IBAN)."""

    class Meta:
        model = Seller
        django_get_or_create = ("legal_name",)

    legal_name = "ATELIER NUMÉRIQUE"
    trade_name = "Atelier Numérique"
    legal_form = "SAS"
    share_capital = Decimal("10000.00")
    siren = luhn_complete("40148330")
    siret = factory.LazyAttribute(lambda o: luhn_complete(o.siren + "0001"))
    vat_number = factory.LazyAttribute(lambda o: french_vat_number(o.siren))
    rcs_city = "Lyon"
    address_line1 = "12 rue de la République"
    postal_code = "69002"
    city = "Lyon"
    country = "FR"
    email = "contact@atelier-numerique.example"
    phone = "+33 4 00 00 00 00"
    website = "https://atelier-numerique.example"
    iban = "FR7630006000011234567890189"
    bic = "AGRIFRPP"

    class Params:
        belgian = factory.Trait(
            legal_name="BRUXELLES HARDWARE",
            trade_name="",
            legal_form="SRL",
            siren="",
            siret="",
            rcs_city="",
            share_capital=None,
            rpm_court="Bruxelles",
            enterprise_number=belgian_enterprise_number(4_030_000),
            vat_number=factory.LazyAttribute(lambda o: f"BE{o.enterprise_number}"),
            address_line1="Rue Neuve 1",
            postal_code="1000",
            city="Bruxelles",
            country="BE",
            iban="BE71096123456769",
            bic="",
        )


class TermsFactory(factory.django.DjangoModelFactory):
    """A draft version with the model defaults (the "default" column) and a short text.

    `TermsFactory(published=True)` creates it already published (a plain insert: the
    database only protects rows that are published before the statement).
    """

    class Meta:
        model = Terms

    seller = factory.SubFactory(SellerFactory)
    version = factory.Sequence(lambda n: n + 1)
    effective_date = date(2026, 1, 1)
    status = TermsStatus.DRAFT
    text_fr = factory.LazyAttribute(
        lambda o: f"Conditions générales de vente, version {o.version}."
    )

    class Params:
        published = factory.Trait(
            status=TermsStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: datetime(2025, 12, 1, 9, 0, tzinfo=UTC)),
        )


def grant_buying(user):
    """Give `user` the permission to use carts, quick order and quote requests, the standard
    Django way (a user permission, granted by `ModelBackend`), so shop tests need no company:
    in the running shop, a company's buyer role grants it (`accounts.backends`)."""
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="shop", codename="buy_for_company")
    )
    return user
