"""Changes to a company's own data after sign-up: its administrators keep the delivery
addresses and the documents' language; staff correct the identity and billing address.
Field history is kept by pghistory (Company's identity fields, DeliveryAddress), the
correction's reason and the language change in the audit journal."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import is_dom_tom
from accounts.models import Company, DeliveryAddress, Membership
from accounts.services.signup import (
    Address,
    CompanyIdentity,
    address_check,
    company_identity_check,
)
from core.audit import Actor, audit_record
from core.errors import BusinessError


def delivery_address_save(
    *, membership: Membership, address: Address, pk: int | None = None
) -> DeliveryAddress:
    """Add a delivery address to the member's company, or change one of its addresses.

    Preconditions: the member is an active administrator of the company (BusinessError
    `administrators_only` otherwise). The postcode is checked for the country and the
    DOM-TOM flag is derived from it (BusinessError naming the field). An address of
    another company is not found (DeliveryAddress.DoesNotExist).
    """
    if not membership.is_administrator:
        raise BusinessError(
            "administrators_only",
            _("Seuls les administrateurs de l'entreprise peuvent modifier ses adresses."),
        )
    address = address_check(address, prefix="")
    values = {
        **asdict(address),
        "is_dom_tom": is_dom_tom(postal_code=address.postal_code, country=address.country),
    }
    with transaction.atomic():
        if pk is None:
            return DeliveryAddress.objects.create(company=membership.company, **values)
        row = (
            DeliveryAddress.objects.select_for_update(no_key=True)
            .filter(company=membership.company)
            .get(pk=pk)
        )
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
    return row


LANGUAGE_INVALID = _("Choisissez une des langues proposées : français, anglais ou néerlandais.")


def company_language_set(*, membership: Membership, language: str) -> Company:
    """Set the language of the member's company's next quotes, invoices and e-mails.

    Preconditions: the member is an active administrator (BusinessError
    `administrators_only`); `language` is one the shop offers (settings.LANGUAGES,
    BusinessError on the field `language`). Effects: the company is saved and an audit row
    records the old and new language; nothing is written when it is unchanged. Documents
    already issued keep their language.
    """
    if not membership.is_administrator:
        raise BusinessError(
            "administrators_only",
            _("Seuls les administrateurs de l'entreprise peuvent changer la langue des documents."),
        )
    if language not in {code for code, _label in settings.LANGUAGES}:
        raise BusinessError("language_invalid", LANGUAGE_INVALID, field="language")
    with transaction.atomic():
        locked = Company.objects.select_for_update(no_key=True).get(pk=membership.company_id)
        if locked.language == language:
            return locked
        previous, locked.language = locked.language, language
        locked.save(update_fields=["language"])
        audit_record(
            obj=locked,
            actor=Actor.of_user(membership.user),
            field="language",
            from_state=previous,
            to_state=language,
        )
    return locked


@dataclass(frozen=True)
class IdentityCorrection:
    values: dict
    reason: str


def company_identity_correction_check(
    *, company: Company, identity: CompanyIdentity, billing: Address, reason: str
) -> IdentityCorrection:
    """The correction checked: every identifier as at sign-up (`company_identity_check`),
    the billing address, no other company with the same SIREN, enterprise number or VAT
    number, a reason given. BusinessError naming the field otherwise."""
    reason = reason.strip()
    if not reason:
        raise BusinessError(
            "reason_required",
            _("Indiquez la raison de la correction (par exemple : extrait Kbis du 12/03)."),
            field="reason",
        )
    identity = company_identity_check(identity)
    billing = address_check(billing, prefix="billing_")
    values = {
        **asdict(identity),
        "billing_line1": billing.line1,
        "billing_line2": billing.line2,
        "billing_postal_code": billing.postal_code,
        "billing_city": billing.city,
        "billing_country": billing.country,
    }
    for name in ("siren", "enterprise_number", "vat_number"):
        taken = Company.objects.filter(**{name: values[name]}).exclude(pk=company.pk)
        if values[name] and taken.exists():
            raise _duplicate(name)
    return IdentityCorrection(values=values, reason=reason)


def company_identity_correct(
    *, company: Company, user, identity: CompanyIdentity, billing: Address, reason: str
) -> Company:
    """Staff correct a company's identity (name, form, identifiers) and billing address.

    Checks: `company_identity_correction_check`. Effects: the changed fields are saved
    (pghistory keeps each value, who and when) and an audit row records the reason and the
    fields changed; nothing is written when nothing changed.
    """
    correction = company_identity_correction_check(
        company=company, identity=identity, billing=billing, reason=reason
    )
    try:
        with transaction.atomic():
            locked = Company.objects.select_for_update(no_key=True).get(pk=company.pk)
            changed = [
                name for name, value in correction.values.items() if getattr(locked, name) != value
            ]
            if not changed:
                return locked
            for name in changed:
                setattr(locked, name, correction.values[name])
            locked.save(update_fields=changed)
            audit_record(
                obj=locked,
                actor=Actor.of_user(user),
                field="identity",
                to_state="corrigée",
                reason=correction.reason,
                data={"fields": changed},
            )
    except IntegrityError as error:
        # Another company took the number between the check and the save.
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", "") or ""
        field = next(
            (n for n in ("enterprise_number", "vat_number", "siren") if n in constraint), "siren"
        )
        raise _duplicate(field) from None
    return locked


def _duplicate(field: str) -> BusinessError:
    return BusinessError(
        "company_identifier_taken",
        _("Une autre entreprise cliente a déjà ce numéro : vérifiez-le."),
        field=field,
    )
