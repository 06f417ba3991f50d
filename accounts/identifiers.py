"""Company identifiers, IBAN and addresses: checked with python-stdnum, stored compact.

Each check returns the compact value to store or raises `BusinessError` naming the form
field and saying what is wrong in French, so the form shows it next to the input.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.be import vat as be_vat
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
)
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva

from core.errors import BusinessError

# French overseas postcodes: DROM (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La
# Réunion, 976 Mayotte) and COM (975 Saint-Pierre-et-Miquelon, 977 Saint-Barthélemy,
# 978 Saint-Martin, 984 TAAF, 986 Wallis-et-Futuna, 987 Polynésie française,
# 988 Nouvelle-Calédonie). 980xx is Monaco, not France.
DOM_TOM_PREFIXES = (
    *("971", "972", "973", "974", "975", "976", "977", "978"),
    *("984", "986", "987", "988"),
)
POSTCODE_PATTERNS = {"FR": re.compile(r"^[0-9]{5}$"), "BE": re.compile(r"^[1-9][0-9]{3}$")}
PHONE_ALLOWED = re.compile(r"^\+?[0-9 ().\-/]+$")


def _digits_count(raw: str) -> int:
    return sum(ch.isdigit() for ch in raw)


def siren_check(raw: str, *, field: str = "siren") -> str:
    """A French SIREN: 9 digits with a Luhn key. Returns the 9 digits."""
    raw = (raw or "").strip()
    if not raw:
        raise BusinessError(
            "siren_required",
            _("Le SIREN est obligatoire pour une entreprise immatriculée en France."),
            field=field,
        )
    try:
        return fr_siren.validate(raw)
    except InvalidChecksum:
        raise BusinessError(
            "siren_checksum",
            _(
                "Le SIREN %(value)s n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Vérifiez chaque chiffre sur votre extrait Kbis."
            ),
            field=field,
            params={"value": raw},
        ) from None
    except StdnumError:
        raise BusinessError(
            "siren_format",
            _("Le SIREN comporte exactement 9 chiffres (vous en avez saisi %(count)s)."),
            field=field,
            params={"count": _digits_count(raw)},
        ) from None


def siret_check(raw: str, *, siren: str, field: str = "siret") -> str:
    """A French SIRET: 14 digits with a Luhn key, starting with the company's SIREN."""
    raw = (raw or "").strip()
    if not raw:
        raise BusinessError(
            "siret_required",
            _("Le SIRET est obligatoire pour une entreprise immatriculée en France."),
            field=field,
        )
    try:
        siret = fr_siret.validate(raw)
    except InvalidChecksum:
        raise BusinessError(
            "siret_checksum",
            _(
                "Le SIRET %(value)s n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Vérifiez chaque chiffre."
            ),
            field=field,
            params={"value": raw},
        ) from None
    except StdnumError:
        raise BusinessError(
            "siret_format",
            _("Le SIRET comporte exactement 14 chiffres (vous en avez saisi %(count)s)."),
            field=field,
            params={"count": _digits_count(raw)},
        ) from None
    if siren and not siret.startswith(siren):
        raise BusinessError(
            "siret_siren_mismatch",
            _(
                "Le SIRET %(siret)s ne commence pas par le SIREN %(siren)s : les 9 premiers "
                "chiffres du SIRET sont le SIREN de l'entreprise."
            ),
            field=field,
            params={"siret": siret, "siren": siren},
        )
    return siret


def enterprise_number_check(raw: str, *, field: str = "enterprise_number") -> str:
    """A Belgian enterprise number (BCE/KBO): 10 digits, 0 or 1 first, mod-97 key."""
    raw = (raw or "").strip()
    if not raw:
        raise BusinessError(
            "enterprise_number_required",
            _("Le numéro d'entreprise est obligatoire pour une entreprise belge."),
            field=field,
        )
    try:
        return be_vat.validate(raw)
    except InvalidChecksum:
        raise BusinessError(
            "enterprise_number_checksum",
            _(
                "Le numéro d'entreprise %(value)s n'est pas valide : sa clé de contrôle (les "
                "deux derniers chiffres) ne correspond pas."
            ),
            field=field,
            params={"value": raw},
        ) from None
    except StdnumError:
        raise BusinessError(
            "enterprise_number_format",
            _(
                "Le numéro d'entreprise belge comporte 10 chiffres et commence par 0 ou 1, "
                "par exemple 0403.019.261."
            ),
            field=field,
        ) from None


def french_vat_for_siren(siren: str) -> str:
    """The French VAT number of a SIREN: FR, a two-digit key, the SIREN."""
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def _prefix(raw: str) -> str:
    compact = re.sub(r"[\s.\-/]", "", raw).upper()
    return compact[:2] if compact[:2].isalpha() else ""


def vat_check(
    raw: str,
    *,
    country: str,
    siren: str = "",
    enterprise_number: str = "",
    field: str = "vat_number",
) -> str:
    """The intra-EU VAT number of a company registered in `country` (FR, BE, EU, XX).

    France: FR + key + SIREN, the key matching the SIREN. Belgium: BE + the enterprise
    number. Other EU country: any valid EU VAT number except French or Belgian ones (the
    company then chooses France or Belgium). Outside the EU: optional, stored as typed.
    Returns the number with its country prefix, compact.
    """
    raw = (raw or "").strip()
    if country == "XX":
        return re.sub(r"\s", "", raw).upper()[:16]
    if not raw:
        raise BusinessError(
            "vat_required",
            _("Le numéro de TVA intracommunautaire est obligatoire."),
            field=field,
        )
    prefix = _prefix(raw)
    if country == "FR":
        if prefix and prefix != "FR":
            raise BusinessError(
                "vat_country_mismatch",
                _("Le numéro de TVA d'une entreprise française commence par FR."),
                field=field,
            )
        try:
            vat = "FR" + fr_tva.validate(raw)
        except StdnumError as error:
            raise _vat_error(raw, error, field=field) from None
        if siren and vat[4:] != siren:
            raise BusinessError(
                "vat_siren_mismatch",
                _(
                    "Le numéro de TVA %(vat)s ne correspond pas au SIREN %(siren)s : pour ce "
                    "SIREN, le numéro de TVA est %(expected)s."
                ),
                field=field,
                params={"vat": vat, "siren": siren, "expected": french_vat_for_siren(siren)},
            )
        return vat
    if country == "BE":
        if prefix and prefix != "BE":
            raise BusinessError(
                "vat_country_mismatch",
                _("Le numéro de TVA d'une entreprise belge commence par BE."),
                field=field,
            )
        try:
            number = be_vat.validate(raw)
        except StdnumError as error:
            raise _vat_error(raw, error, field=field) from None
        if enterprise_number and number != enterprise_number:
            raise BusinessError(
                "vat_enterprise_number_mismatch",
                _(
                    "Le numéro de TVA %(vat)s ne correspond pas au numéro d'entreprise "
                    "%(number)s : en Belgique, le numéro de TVA est BE suivi du numéro "
                    "d'entreprise."
                ),
                field=field,
                params={"vat": "BE" + number, "number": enterprise_number},
            )
        return "BE" + number
    if not prefix:
        raise BusinessError(
            "vat_prefix_missing",
            _(
                "Saisissez le numéro de TVA avec le code de son pays en tête, par exemple "
                "DE123456789."
            ),
            field=field,
        )
    if prefix in ("FR", "BE"):
        raise BusinessError(
            "vat_country_mismatch",
            _(
                "Ce numéro de TVA est %(prefix)s : choisissez « France » ou « Belgique » comme "
                "pays d'immatriculation."
            ),
            field=field,
            params={"prefix": prefix},
        )
    try:
        return eu_vat.validate(raw)
    except StdnumError as error:
        raise _vat_error(raw, error, field=field) from None


def _vat_error(raw: str, error: StdnumError, *, field: str) -> BusinessError:
    if isinstance(error, InvalidChecksum):
        return BusinessError(
            "vat_checksum",
            _(
                "Le numéro de TVA %(value)s n'est pas valide : sa clé de contrôle ne "
                "correspond pas. Recopiez-le depuis une facture ou votre avis d'imposition."
            ),
            field=field,
            params={"value": raw},
        )
    if isinstance(error, InvalidComponent) and _prefix(raw):
        return BusinessError(
            "vat_country_unknown",
            _("Le code pays %(prefix)s du numéro de TVA n'est pas celui d'un pays de l'UE."),
            field=field,
            params={"prefix": _prefix(raw)},
        )
    return BusinessError(
        "vat_format",
        _(
            "Le numéro de TVA %(value)s n'a pas le bon format (nombre de caractères ou "
            "caractères non autorisés)."
        ),
        field=field,
        params={"value": raw},
    )


def iban_check(raw: str, *, field: str = "iban") -> str:
    """An IBAN: country format and mod-97 key. Returns it compact, upper case."""
    raw = (raw or "").strip()
    if not raw:
        raise BusinessError("iban_required", _("L'IBAN est obligatoire."), field=field)
    try:
        return stdnum_iban.validate(raw)
    except InvalidChecksum:
        raise BusinessError(
            "iban_checksum",
            _(
                "L'IBAN %(value)s n'est pas valide : sa clé de contrôle ne correspond pas. "
                "Recopiez-le depuis votre RIB."
            ),
            field=field,
            params={"value": raw},
        ) from None
    except (InvalidFormat, InvalidLength, InvalidComponent, StdnumError):
        raise BusinessError(
            "iban_format",
            _("L'IBAN %(value)s n'a pas le format attendu pour son pays (longueur ou caractères)."),
            field=field,
            params={"value": raw},
        ) from None


def postcode_check(raw: str, *, country: str, field: str) -> str:
    """The postcode, checked for France (5 digits) and Belgium (4 digits)."""
    value = (raw or "").strip().upper()
    if not value:
        raise BusinessError("postcode_required", _("Le code postal est obligatoire."), field=field)
    pattern = POSTCODE_PATTERNS.get(country)
    if pattern is not None and not pattern.match(value.replace(" ", "")):
        raise BusinessError(
            "postcode_format",
            _("Le code postal %(value)s n'est pas valide pour ce pays (%(expected)s)."),
            field=field,
            params={
                "value": value,
                "expected": _("5 chiffres") if country == "FR" else _("4 chiffres"),
            },
        )
    return value.replace(" ", "") if pattern is not None else value


def is_dom_tom(*, postal_code: str, country: str) -> bool:
    """True for a French overseas postcode (DROM-COM), e.g. 97110 Pointe-à-Pitre."""
    return country == "FR" and postal_code.startswith(DOM_TOM_PREFIXES)


def phone_check(raw: str, *, field: str = "phone") -> str:
    """A telephone number: digits with the usual separators, 6 to 20 digits."""
    value = (raw or "").strip()
    if not value:
        raise BusinessError("phone_required", _("Le téléphone est obligatoire."), field=field)
    if not PHONE_ALLOWED.match(value) or not 6 <= _digits_count(value) <= 20:
        raise BusinessError(
            "phone_format",
            _(
                "Le numéro de téléphone %(value)s n'est pas valide : utilisez des chiffres, "
                "éventuellement précédés de l'indicatif (+33, +32…)."
            ),
            field=field,
            params={"value": value},
        )
    return value
