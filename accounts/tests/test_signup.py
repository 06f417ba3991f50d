"""Opening an account: the company, its addresses, its first user, e-mail verification."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import (
    Company,
    CompanyCommercialSettings,
    CompanyStatus,
    DeliveryAddress,
    Membership,
    Role,
    User,
)
from accounts.services import (
    Address,
    CompanyIdentity,
    Person,
    company_sign_up,
    user_verify_email,
)
from accounts.tests.factories import CompanyFactory
from accounts.tokens import email_verification_token
from core.audit import audit_history
from core.errors import BusinessError

pytestmark = pytest.mark.django_db

FRENCH = CompanyIdentity(
    legal_name="  Atelier Dupont  ",
    legal_form="SARL",
    country="FR",
    siren="303 265 045",
    siret="303 265 045 00011",
    vat_number="FR 40 303 265 045",
)
BELGIAN = CompanyIdentity(
    legal_name="Brussels IT",
    legal_form="SRL",
    country="BE",
    enterprise_number="0403.019.261",
    vat_number="BE0403019261",
)
BILLING = Address(line1="5 rue Neuve", postal_code="69002", city="Lyon", country="FR")
PERSON = Person(
    first_name="Alice",
    last_name="Dupont",
    email="Alice.Dupont@Atelier.example",
    phone="+33 4 72 00 00 00",
    password="Un-Mot-De-Passe-Solide-7",
)


def sign_up(identity=FRENCH, deliveries=None, person=PERSON, **kwargs):
    return company_sign_up(
        identity=identity,
        billing=BILLING,
        deliveries=deliveries
        or [
            Address(line1="ZI Nord", postal_code="69120", city="Vaulx-en-Velin", country="FR"),
            Address(
                label="Agence Guadeloupe",
                line1="Rue Frébault",
                postal_code="97110",
                city="Pointe-à-Pitre",
                country="FR",
            ),
        ],
        person=person,
        base_url="https://boutique.example",
        **kwargs,
    )


def test_sign_up_creates_a_draft_company_with_its_first_administrator(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        membership = sign_up()

    company = membership.company
    assert (company.legal_name, company.siren, company.siret, company.vat_number) == (
        "Atelier Dupont",
        "303265045",
        "30326504500011",
        "FR40303265045",
    )
    assert company.status == CompanyStatus.DRAFT
    assert sorted(membership.roles) == sorted(Role.values)
    user = membership.user
    assert user.email == "alice.dupont@atelier.example"
    assert user.email_verified_at is None
    assert user.check_password("Un-Mot-De-Passe-Solide-7")
    addresses = list(DeliveryAddress.objects.filter(company=company).order_by("id"))
    assert [(a.postal_code, a.is_dom_tom) for a in addresses] == [("69120", False), ("97110", True)]
    settings = CompanyCommercialSettings.objects.get(company=company)
    assert (settings.payment_methods, settings.payment_term) == (
        ["card", "transfer"],
        "cash_at_order",
    )
    assert [e.to_state for e in audit_history(company)] == ["draft"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice.dupont@atelier.example"]
    assert "https://boutique.example/compte/verifier/" in mail.outbox[0].body


def test_belgian_company():
    company = sign_up(identity=BELGIAN).company
    assert (company.enterprise_number, company.vat_number, company.siren) == (
        "0403019261",
        "BE0403019261",
        "",
    )


def test_the_verification_e_mail_is_sent_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up()
    assert len(mail.outbox) == 0
    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("identity", "code", "field"),
    [
        (FRENCH.__class__(**{**FRENCH.__dict__, "siren": "303265046"}), "siren_checksum", "siren"),
        (
            FRENCH.__class__(**{**FRENCH.__dict__, "siret": "73282932000074"}),
            "siret_siren_mismatch",
            "siret",
        ),
        (
            FRENCH.__class__(**{**FRENCH.__dict__, "vat_number": "FR44732829320"}),
            "vat_siren_mismatch",
            "vat_number",
        ),
        (
            FRENCH.__class__(**{**FRENCH.__dict__, "vat_number": "FR41303265045"}),
            "vat_checksum",
            "vat_number",
        ),
        (
            BELGIAN.__class__(**{**BELGIAN.__dict__, "vat_number": "BE0899384295"}),
            "vat_enterprise_number_mismatch",
            "vat_number",
        ),
    ],
)
def test_bad_identifiers_store_nothing(identity, code, field):
    with pytest.raises(BusinessError) as info:
        sign_up(identity=identity)
    assert (info.value.code, info.value.field) == (code, field)
    assert Company.objects.count() == 0
    assert User.objects.count() == 0


def test_a_second_sign_up_of_the_same_siren_is_refused_with_a_way_forward():
    sign_up()
    other_person = Person(**{**PERSON.__dict__, "email": "bob@atelier.example"})
    with pytest.raises(BusinessError) as info:
        sign_up(person=other_person)
    assert (info.value.code, info.value.field) == ("company_already_registered", "siren")
    assert "inviter" in info.value.message
    assert Company.objects.count() == 1
    assert not User.objects.filter(email="bob@atelier.example").exists()


def test_a_second_sign_up_of_the_same_belgian_company_is_refused():
    sign_up(identity=BELGIAN)
    with pytest.raises(BusinessError) as info:
        sign_up(
            identity=BELGIAN,
            person=Person(**{**PERSON.__dict__, "email": "autre@brussels.example"}),
        )
    assert (info.value.code, info.value.field) == (
        "company_already_registered",
        "enterprise_number",
    )


def test_an_e_mail_address_already_used_is_refused():
    sign_up()
    with pytest.raises(BusinessError) as info:
        sign_up(identity=BELGIAN)
    assert (info.value.code, info.value.field) == ("email_taken", "email")
    assert Company.objects.count() == 1


def test_an_e_mail_address_differing_only_in_case_is_refused():
    sign_up()
    shouted = Person(**{**PERSON.__dict__, "email": PERSON.email.upper()})
    assert shouted.email != PERSON.email
    with pytest.raises(BusinessError) as info:
        sign_up(identity=BELGIAN, person=shouted)
    assert (info.value.code, info.value.field) == ("email_taken", "email")
    assert Company.objects.count() == 1


def test_a_weak_password_is_refused_on_its_field():
    with pytest.raises(BusinessError) as info:
        sign_up(person=Person(**{**PERSON.__dict__, "password": "12345678"}))
    assert info.value.field == "password1"
    assert Company.objects.count() == 0


def test_a_bad_delivery_postcode_names_its_address():
    with pytest.raises(BusinessError) as info:
        sign_up(
            deliveries=[
                Address(line1="a", postal_code="75001", city="Paris", country="FR"),
                Address(line1="b", postal_code="7500", city="Paris", country="FR"),
            ]
        )
    assert info.value.field == "deliveries-1-postal_code"


def test_verification_link_marks_the_address_verified():
    user = sign_up().user
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)

    verified = user_verify_email(uidb64=uidb64, token=token)

    assert verified.pk == user.pk
    user.refresh_from_db()
    assert user.email_verified_at is not None


def test_verification_link_with_a_wrong_token_is_refused():
    user = sign_up().user
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    with pytest.raises(BusinessError) as info:
        user_verify_email(uidb64=uidb64, token="abc-123")
    assert info.value.code == "verification_link_invalid"
    user.refresh_from_db()
    assert user.email_verified_at is None


def test_verification_link_expires_after_the_password_reset_timeout(settings):
    user = sign_up().user
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    # A day past the timeout (datetime.now() is naive local time, an hour off UTC here).
    later = timezone.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT, days=1)
    with time_machine.travel(later, tick=False), pytest.raises(BusinessError):
        user_verify_email(uidb64=uidb64, token=token)


def test_company_factory_is_valid():
    company = CompanyFactory()
    assert Membership.objects.filter(company=company).count() == 0
