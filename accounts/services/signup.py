"""Opening a company account online, and verifying the first user's e-mail address."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accounts.emails import mail_users
from accounts.identifiers import (
    enterprise_number_check,
    is_dom_tom,
    phone_check,
    postcode_check,
    siren_check,
    siret_check,
    vat_check,
)
from accounts.models import (
    ADDRESS_COUNTRIES,
    Company,
    CompanyCommercialSettings,
    CompanyCountry,
    CompanyStatus,
    DeliveryAddress,
    Membership,
    Role,
    User,
)
from accounts.tokens import email_verification_token
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.links import site_url, url_in_language

ADDRESS_COUNTRY_CODES = {code for code, _label in ADDRESS_COUNTRIES}


@dataclass(frozen=True)
class CompanyIdentity:
    legal_name: str
    legal_form: str
    country: str
    siren: str = ""
    siret: str = ""
    enterprise_number: str = ""
    vat_number: str = ""
    registration_number: str = ""


@dataclass(frozen=True)
class Address:
    line1: str
    postal_code: str
    city: str
    country: str
    line2: str = ""
    label: str = ""


@dataclass(frozen=True)
class Person:
    first_name: str
    last_name: str
    email: str
    phone: str
    password: str
    language: str = "fr"


def company_identity_check(identity: CompanyIdentity) -> CompanyIdentity:
    """The identity with its identifiers checked and compact; BusinessError on the first fault.

    France: SIREN, SIRET starting with it, FR VAT number whose key matches the SIREN.
    Belgium: enterprise number, BE VAT number equal to it. Other EU: a valid EU VAT number.
    Outside the EU: no identifier is checked.
    """
    if not identity.legal_name.strip():
        raise BusinessError(
            "legal_name_required", _("La dénomination sociale est obligatoire."), field="legal_name"
        )
    if not identity.legal_form.strip():
        raise BusinessError(
            "legal_form_required", _("La forme juridique est obligatoire."), field="legal_form"
        )
    country = identity.country
    if country not in CompanyCountry.values:
        raise BusinessError(
            "country_invalid", _("Choisissez le pays d'immatriculation."), field="country"
        )
    siren = siret = enterprise_number = ""
    if country == CompanyCountry.FRANCE:
        siren = siren_check(identity.siren)
        siret = siret_check(identity.siret, siren=siren)
    elif country == CompanyCountry.BELGIUM:
        enterprise_number = enterprise_number_check(identity.enterprise_number)
    vat = vat_check(
        identity.vat_number, country=country, siren=siren, enterprise_number=enterprise_number
    )
    registration = (
        identity.registration_number.strip()
        if country in (CompanyCountry.OTHER_EU, CompanyCountry.NON_EU)
        else ""
    )
    return replace(
        identity,
        legal_name=identity.legal_name.strip(),
        legal_form=identity.legal_form.strip(),
        siren=siren,
        siret=siret,
        enterprise_number=enterprise_number,
        vat_number=vat,
        registration_number=registration,
    )


def address_check(address: Address, *, prefix: str) -> Address:
    """The address with its postcode checked; field names are `<prefix>line1` etc."""
    for name, label in (("line1", _("L'adresse")), ("city", _("La ville"))):
        if not getattr(address, name).strip():
            raise BusinessError(
                f"{name}_required",
                _("%(label)s est obligatoire."),
                field=f"{prefix}{name}",
                params={"label": label},
            )
    if address.country not in ADDRESS_COUNTRY_CODES:
        raise BusinessError("country_invalid", _("Choisissez le pays."), field=f"{prefix}country")
    postal_code = postcode_check(
        address.postal_code, country=address.country, field=f"{prefix}postal_code"
    )
    return replace(
        address,
        line1=address.line1.strip(),
        line2=address.line2.strip(),
        city=address.city.strip(),
        label=address.label.strip(),
        postal_code=postal_code,
    )


def company_duplicate_check(identity: CompanyIdentity) -> None:
    """One company per SIREN, enterprise number or VAT number."""
    checks = (
        ("siren", identity.siren),
        ("enterprise_number", identity.enterprise_number),
        ("vat_number", identity.vat_number),
    )
    for name, value in checks:
        if value and Company.objects.filter(**{name: value}).exists():
            raise _already_registered(name)


def _already_registered(field: str) -> BusinessError:
    return BusinessError(
        "company_already_registered",
        _(
            "Cette entreprise a déjà un compte client. Demandez à l'administrateur de ce "
            "compte de vous inviter : il le fait depuis la page « Utilisateurs » de son "
            "espace. Si vous ne savez pas qui c'est, contactez-nous."
        ),
        field=field,
    )


def company_sign_up(
    *,
    identity: CompanyIdentity,
    billing: Address,
    deliveries: list[Address],
    person: Person,
    base_url: str | None = None,
    now: datetime | None = None,
) -> Membership:
    """Create a company (KYC status "draft"), its addresses, its default commercial
    settings and its first user, who holds every role. Send the verification e-mail.

    Preconditions: none (every input is checked here). Effects: one transaction; the
    e-mail is sent after commit. Raises BusinessError naming the field: an invalid
    identifier, address or password; an e-mail address already used; a company already
    registered (same SIREN, enterprise number or VAT number).
    """
    now = now or timezone.now()
    identity = company_identity_check(identity)
    billing = address_check(billing, prefix="billing_")
    if not deliveries:
        raise BusinessError(
            "delivery_address_required",
            _("Indiquez au moins une adresse de livraison."),
            field="deliveries",
        )
    deliveries = [
        address_check(address, prefix=f"deliveries-{index}-")
        for index, address in enumerate(deliveries)
    ]
    email = User.objects.normalize_email(person.email).strip().lower()
    if not email:
        raise BusinessError("email_required", _("L'adresse e-mail est obligatoire."), field="email")
    phone = phone_check(person.phone)
    for name in ("first_name", "last_name"):
        if not getattr(person, name).strip():
            raise BusinessError(
                f"{name}_required",
                _("Le prénom est obligatoire.")
                if name == "first_name"
                else _("Le nom est obligatoire."),
                field=name,
            )
    company_duplicate_check(identity)
    if User.objects.filter(email__iexact=email).exists():
        raise _email_taken()
    user = User(
        email=email,
        first_name=person.first_name.strip(),
        last_name=person.last_name.strip(),
        phone=phone,
        language=person.language,
    )
    try:
        password_validation.validate_password(person.password, user)
    except ValidationError as error:
        raise BusinessError(
            "password_invalid", " ".join(error.messages), field="password1"
        ) from None
    user.set_password(person.password)
    try:
        with transaction.atomic():
            company = Company.objects.create(
                legal_name=identity.legal_name,
                legal_form=identity.legal_form,
                country=identity.country,
                siren=identity.siren,
                siret=identity.siret,
                enterprise_number=identity.enterprise_number,
                vat_number=identity.vat_number,
                registration_number=identity.registration_number,
                billing_line1=billing.line1,
                billing_line2=billing.line2,
                billing_postal_code=billing.postal_code,
                billing_city=billing.city,
                billing_country=billing.country,
                language=person.language,
                status=CompanyStatus.DRAFT,
                created_at=now,
            )
            DeliveryAddress.objects.bulk_create(
                DeliveryAddress(
                    company=company,
                    label=address.label,
                    line1=address.line1,
                    line2=address.line2,
                    postal_code=address.postal_code,
                    city=address.city,
                    country=address.country,
                    is_dom_tom=is_dom_tom(postal_code=address.postal_code, country=address.country),
                    created_at=now,
                )
                for address in deliveries
            )
            CompanyCommercialSettings.objects.create(company=company, updated_at=now)
            user.save()
            membership = Membership.objects.create(
                user=user, company=company, roles=list(Role.values), created_at=now
            )
            audit_record(
                obj=company,
                actor=Actor.of_user(user),
                to_state=CompanyStatus.DRAFT,
                reason="Ouverture du compte en ligne",
                at=now,
            )
            email_verification_send(user=user, base_url=base_url)
    except IntegrityError as error:
        # A concurrent sign-up of the same company or e-mail address won the race.
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        if "email" in constraint:
            raise _email_taken() from None
        field = "enterprise_number" if "enterprise" in constraint else "siren"
        if "vat" in constraint:
            field = "vat_number"
        raise _already_registered(field) from None
    return membership


def _email_taken() -> BusinessError:
    return BusinessError(
        "email_taken",
        _(
            "Cette adresse e-mail a déjà un compte. Connectez-vous, ou utilisez « Mot de passe "
            "oublié » si vous ne vous en souvenez plus."
        ),
        field="email",
    )


def email_verification_send(*, user: User, base_url: str | None = None) -> None:
    """Queue the verification e-mail (link valid PASSWORD_RESET_TIMEOUT seconds)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)

    def path_for(language: str) -> str:
        path = url_in_language(
            "verify_email", language=language, kwargs={"uidb64": uidb64, "token": token}
        )
        return site_url(path, base_url=base_url)

    mail_users(users=[user], name="verify_email", context={}, path_for=path_for)


def user_verify_email(*, uidb64: str, token: str, now: datetime | None = None) -> User:
    """Mark the address of the user named in a verification link as verified.

    Idempotent for an address already verified by this link's user. Raises BusinessError
    `verification_link_invalid` for a wrong, altered or expired link.
    """
    now = now or timezone.now()
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        pk = None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(pk=pk).first() if pk else None
        if user is None:
            raise _link_invalid()
        if user.email_verified_at is not None:
            return user
        if not email_verification_token.check_token(user, token):
            raise _link_invalid()
        user.email_verified_at = now
        user.save(update_fields=["email_verified_at"])
    return user


def _link_invalid() -> BusinessError:
    return BusinessError(
        "verification_link_invalid",
        _(
            "Ce lien de vérification n'est pas valide ou a expiré. Connectez-vous pour "
            "recevoir un nouveau lien."
        ),
    )
