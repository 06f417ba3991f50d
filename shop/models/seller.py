"""The seller: the company that operates the shop (one row per deployment)."""

from __future__ import annotations

import pghistory
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.be import vat as be_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.fr import tva as fr_tva

from shop.models.catalogue import catalogue_version_trigger


class SellerCountry(models.TextChoices):
    FRANCE = "FR", _("France")
    BELGIUM = "BE", _("Belgique")


@pghistory.track()
class Seller(models.Model):
    """Identity of the shop operator, printed on quotes, invoices and the terms of sale.

    Identifiers are checked by `clean()` (admin forms and the preset loader) with
    python-stdnum and stored compact (digits only, VAT with its country prefix); the
    columns are a little wider so that a number typed with spaces reaches that check.
    A database constraint keeps a single row.
    """

    Country = SellerCountry

    legal_name = models.CharField(
        _("dénomination sociale"),
        max_length=255,
        help_text=_("Nom légal de la société, tel qu'il figure au registre."),
    )
    trade_name = models.CharField(
        _("nom commercial"),
        max_length=255,
        blank=True,
        help_text=_("Nom affiché sur la boutique, s'il diffère de la dénomination sociale."),
    )
    legal_form = models.CharField(
        _("forme juridique"),
        max_length=64,
        blank=True,
        help_text=_("Par exemple SAS, SARL, SA."),
    )
    share_capital = models.DecimalField(
        _("capital social (EUR)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    siren = models.CharField(
        _("SIREN"),
        max_length=11,
        blank=True,
        help_text=_("France : 9 chiffres, clé de contrôle vérifiée."),
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=17,
        blank=True,
        help_text=_("France : 14 chiffres commençant par le SIREN (établissement du siège)."),
    )
    enterprise_number = models.CharField(
        _("numéro d'entreprise (BCE)"),
        max_length=12,
        blank=True,
        help_text=_("Belgique : 10 chiffres, par exemple 0899384295."),
    )
    vat_number = models.CharField(
        _("numéro de TVA intracommunautaire"),
        max_length=20,
        blank=True,
        help_text=_(
            "Avec le préfixe du pays (FR ou BE). En France, la clé doit correspondre au SIREN ; "
            "en Belgique, le numéro doit être le numéro d'entreprise."
        ),
    )
    rcs_city = models.CharField(
        _("ville du RCS"),
        max_length=100,
        blank=True,
        help_text=_("Greffe d'immatriculation au registre du commerce (France)."),
    )
    rpm_court = models.CharField(
        _("tribunal du RPM"),
        max_length=100,
        blank=True,
        help_text=_(
            "Belgique : siège du tribunal de l'entreprise où la société est inscrite au "
            "registre des personnes morales, par exemple « Anvers, division Anvers »."
        ),
    )
    address_line1 = models.CharField(_("adresse"), max_length=255, blank=True)
    address_line2 = models.CharField(_("complément d'adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=16, blank=True)
    city = models.CharField(_("ville"), max_length=100, blank=True)
    country = models.CharField(
        _("pays"),
        max_length=2,
        choices=SellerCountry.choices,
        default=SellerCountry.FRANCE,
        help_text=_(
            "Ligne « seller country » des paramètres des CGV : fixe le droit applicable, "
            "les jours fériés et les identifiants attendus."
        ),
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=32, blank=True)
    website = models.URLField(_("site internet"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=42, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    logo = models.ImageField(_("logo"), upload_to="seller/", blank=True)
    show_prices_to_anonymous = models.BooleanField(
        _("prix visibles sans connexion"),
        default=True,
        help_text=_(
            "Décoché : les visiteurs non connectés voient le catalogue sans les prix "
            "(réservés aux clients connectés)."
        ),
    )

    class Meta:
        verbose_name = _("vendeur")
        verbose_name_plural = _("vendeur")
        constraints = [
            # One seller per deployment: every row has the same value for this index.
            models.UniqueConstraint(
                models.Value(True),
                name="seller_single_row",
                violation_error_message=_("Un vendeur est déjà enregistré."),
            ),
            models.CheckConstraint(
                condition=models.Q(country__in=SellerCountry.values),
                name="seller_country_valid",
            ),
        ]
        triggers = [catalogue_version_trigger("seller_bumps_catalogue_version")]

    def __str__(self) -> str:
        return self.trade_name or self.legal_name

    # --- display helpers (presentation only) ----------------------------------------

    @property
    def display_name(self) -> str:
        return self.trade_name or self.legal_name

    @property
    def siren_display(self) -> str:
        return fr_siren.format(self.siren) if self.siren else ""

    @property
    def siret_display(self) -> str:
        return fr_siret.format(self.siret) if self.siret else ""

    @property
    def enterprise_number_display(self) -> str:
        n = self.enterprise_number
        return f"{n[:4]}.{n[4:7]}.{n[7:]}" if len(n) == 10 else n

    @property
    def iban_display(self) -> str:
        return stdnum_iban.format(self.iban) if self.iban else ""

    # --- validation -----------------------------------------------------------------

    def clean(self) -> None:
        """Check and normalise the identifiers; errors name the field, in French."""
        super().clean()
        errors: dict[str, ValidationError] = {}
        for name in ("siren", "siret", "enterprise_number", "vat_number", "iban", "bic"):
            raw = getattr(self, name) or ""
            if not raw.strip():
                setattr(self, name, "")
                continue
            try:
                setattr(self, name, _IDENTIFIER_CHECKS[name](self, raw))
            except ValidationError as error:
                errors[name] = error
        if not errors:
            errors.update(self._consistency_errors())
        if errors:
            raise ValidationError(errors)

    def _consistency_errors(self) -> dict[str, ValidationError]:
        errors: dict[str, ValidationError] = {}
        if self.siren and self.siret and not self.siret.startswith(self.siren):
            errors["siret"] = ValidationError(
                _("Le SIRET %(siret)s ne commence pas par le SIREN %(siren)s."),
                code="siret_siren_mismatch",
                params={"siret": self.siret, "siren": self.siren},
            )
        vat = self.vat_number
        if vat.startswith("FR"):
            if self.country != SellerCountry.FRANCE:
                errors["vat_number"] = ValidationError(
                    _("Le numéro de TVA intracommunautaire d'un vendeur belge commence par BE."),
                    code="vat_country_mismatch",
                )
            elif self.siren and vat[4:] != self.siren:
                errors["vat_number"] = ValidationError(
                    _(
                        "Le numéro de TVA intracommunautaire %(vat)s ne correspond pas "
                        "au SIREN %(siren)s."
                    ),
                    code="vat_siren_mismatch",
                    params={"vat": vat, "siren": self.siren},
                )
        elif vat.startswith("BE"):
            if self.country != SellerCountry.BELGIUM:
                errors["vat_number"] = ValidationError(
                    _("Le numéro de TVA intracommunautaire d'un vendeur français commence par FR."),
                    code="vat_country_mismatch",
                )
            elif self.enterprise_number and vat[2:] != self.enterprise_number:
                errors["vat_number"] = ValidationError(
                    _(
                        "Le numéro de TVA belge %(vat)s ne correspond pas au numéro "
                        "d'entreprise %(number)s."
                    ),
                    code="vat_enterprise_number_mismatch",
                    params={"vat": vat, "number": self.enterprise_number},
                )
        return errors


def _check_siren(seller: Seller, raw: str) -> str:
    value = fr_siren.compact(raw)
    try:
        return fr_siren.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("Le SIREN %(value)s est invalide : sa clé de contrôle est fausse."),
            code="siren_checksum",
            params={"value": value},
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Le SIREN doit comporter exactement 9 chiffres."), code="siren_format"
        ) from None


def _check_siret(seller: Seller, raw: str) -> str:
    value = fr_siret.compact(raw)
    try:
        return fr_siret.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("Le SIRET %(value)s est invalide : sa clé de contrôle est fausse."),
            code="siret_checksum",
            params={"value": value},
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Le SIRET doit comporter exactement 14 chiffres."), code="siret_format"
        ) from None


def _check_enterprise_number(seller: Seller, raw: str) -> str:
    value = be_vat.compact(raw)
    try:
        return be_vat.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("Le numéro d'entreprise %(value)s est invalide : sa clé de contrôle est fausse."),
            code="enterprise_number_checksum",
            params={"value": value},
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Le numéro d'entreprise belge doit comporter 10 chiffres (0 ou 1 en tête)."),
            code="enterprise_number_format",
        ) from None


def _check_vat_number(seller: Seller, raw: str) -> str:
    value = raw.upper().replace(" ", "").replace(".", "").replace("-", "")
    if value.startswith("FR"):
        digits = fr_tva.compact(value)
        if len(digits) == 11 and digits[2:].isdigit() and not fr_siren.is_valid(digits[2:]):
            raise ValidationError(
                _(
                    "Le numéro de TVA intracommunautaire %(value)s est invalide : le SIREN "
                    "qu'il contient est faux."
                ),
                code="vat_siren_invalid",
                params={"value": value},
            )
        try:
            return "FR" + fr_tva.validate(value)
        except InvalidChecksum:
            raise ValidationError(
                _(
                    "Le numéro de TVA intracommunautaire %(value)s est invalide : sa clé ne "
                    "correspond pas au SIREN qu'il contient."
                ),
                code="vat_checksum",
                params={"value": value},
            ) from None
        except StdnumError:
            raise ValidationError(
                _("Le numéro de TVA intracommunautaire français s'écrit FR, 2 caractères, SIREN."),
                code="vat_format",
            ) from None
    if value.startswith("BE"):
        try:
            return "BE" + be_vat.validate(value)
        except InvalidChecksum:
            raise ValidationError(
                _("Le numéro de TVA belge %(value)s est invalide : sa clé de contrôle est fausse."),
                code="vat_checksum",
                params={"value": value},
            ) from None
        except StdnumError:
            raise ValidationError(
                _("Le numéro de TVA belge s'écrit BE et les 10 chiffres du numéro d'entreprise."),
                code="vat_format",
            ) from None
    raise ValidationError(
        _("Le numéro de TVA intracommunautaire doit commencer par FR ou BE."),
        code="vat_prefix",
    )


def _check_iban(seller: Seller, raw: str) -> str:
    try:
        return stdnum_iban.validate(raw)
    except StdnumError:
        raise ValidationError(
            _("L'IBAN %(value)s est invalide."),
            code="iban_invalid",
            params={"value": stdnum_iban.compact(raw)},
        ) from None


def _check_bic(seller: Seller, raw: str) -> str:
    try:
        return stdnum_bic.validate(raw)
    except StdnumError:
        raise ValidationError(
            _("Le BIC %(value)s est invalide (8 ou 11 caractères)."),
            code="bic_invalid",
            params={"value": raw},
        ) from None


_IDENTIFIER_CHECKS = {
    "siren": _check_siren,
    "siret": _check_siret,
    "enterprise_number": _check_enterprise_number,
    "vat_number": _check_vat_number,
    "iban": _check_iban,
    "bic": _check_bic,
}
