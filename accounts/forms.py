"""Input forms of the customer portal: parsing and field-level checks only.

The identifier checks are the services' own (`accounts.identifiers`), run here per field
so that every fault is shown at once next to its input; the services check again.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.identifiers import (
    enterprise_number_check,
    iban_check,
    phone_check,
    postcode_check,
    siren_check,
    siret_check,
    vat_check,
)
from accounts.models import ADDRESS_COUNTRIES, Company, CompanyCountry, DocumentKind, Role, User
from accounts.services.company_data import LANGUAGE_INVALID
from core.errors import BusinessError
from core.forms import add_business_error

LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English"), ("nl", "Nederlands")]
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _run(form: forms.Form, check, *args, **kwargs):
    """Call an identifier check; on BusinessError show it on its field and return None."""
    try:
        return check(*args, **kwargs)
    except BusinessError as error:
        if error.field not in form.errors:
            add_business_error(form, error)
        return None


class LoginForm(AuthenticationForm):
    """Django's sign-in form with the e-mail read as the shop stores it (trimmed, lower
    case) and its length capped before any lookup (axes records the name it is given)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Saisissez une adresse e-mail et un mot de passe valides. Le mot de passe "
            "distingue les majuscules des minuscules."
        ),
    }

    def clean_username(self) -> str:
        email = (self.cleaned_data.get("username") or "").strip().lower()
        limit = User._meta.get_field("email").max_length
        if len(email) > limit:
            raise ValidationError(
                _("Une adresse e-mail compte au plus %(max)s caractères."),
                code="max_length",
                params={"max": limit},
            )
        return email


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _text(label, *, required=True, max_length=255, autocomplete="", help_text="", **attrs):
    widget_attrs = {"autocomplete": autocomplete} if autocomplete else {}
    widget_attrs.update(attrs)
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=widget_attrs),
    )


class PasswordFieldsMixin:
    """Two password inputs checked against each other and Django's validators."""

    password_user = None

    def clean_password_pair(self, cleaned_data) -> None:
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1:
            try:
                password_validation.validate_password(password1, self.password_user)
            except ValidationError as error:
                self.add_error("password1", error)


def _password_fields():
    return (
        forms.CharField(
            label=_("Mot de passe"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text=_("Au moins 10 caractères, pas uniquement des chiffres."),
        ),
        forms.CharField(
            label=_("Mot de passe (confirmation)"),
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


def _conditional(form: forms.Form, names) -> None:
    """Fields required in some cases only: no "(optional)" hint next to their label."""
    for name in names:
        form.fields[name].conditional = True


class SignupForm(PasswordFieldsMixin, forms.Form):
    """The company, its billing address and its first user (delivery addresses: a formset)."""

    legal_name = _text(_("Dénomination sociale"), autocomplete="organization")
    legal_form = _text(
        _("Forme juridique"), max_length=64, help_text=_("Par exemple SAS, SARL, EURL, SA, SRL.")
    )
    country = forms.ChoiceField(
        label=_("Pays d'immatriculation"), choices=CompanyCountry.choices, initial="FR"
    )
    siren = _text(
        _("SIREN"),
        required=False,
        max_length=20,
        inputmode="numeric",
        help_text=_("France : 9 chiffres, sur votre extrait Kbis."),
    )
    siret = _text(
        _("SIRET du siège"),
        required=False,
        max_length=24,
        inputmode="numeric",
        help_text=_("France : 14 chiffres, commençant par le SIREN."),
    )
    enterprise_number = _text(
        _("Numéro d'entreprise (BCE)"),
        required=False,
        max_length=20,
        help_text=_("Belgique : 10 chiffres, par exemple 0403.019.261."),
    )
    vat_number = _text(
        _("Numéro de TVA intracommunautaire"),
        required=False,
        max_length=24,
        help_text=_("Avec le code du pays, par exemple FR40303265045 ou BE0403019261."),
    )
    registration_number = _text(
        _("Numéro d'immatriculation"),
        required=False,
        max_length=64,
        help_text=_("Hors France et Belgique : numéro du registre du commerce."),
    )
    billing_line1 = _text(_("Adresse"), autocomplete="billing address-line1")
    billing_line2 = _text(
        _("Complément d'adresse"), required=False, autocomplete="billing address-line2"
    )
    billing_postal_code = _text(_("Code postal"), max_length=16, autocomplete="billing postal-code")
    billing_city = _text(_("Ville"), max_length=128, autocomplete="billing address-level2")
    billing_country = forms.ChoiceField(label=_("Pays"), choices=ADDRESS_COUNTRIES, initial="FR")
    delivery_same_as_billing = forms.BooleanField(
        label=_("Livrer à l'adresse de facturation"),
        required=False,
        initial=True,
        help_text=_(
            "Décochez pour saisir une ou plusieurs adresses de livraison différentes : les "
            "champs ci-dessous ne servent que dans ce cas."
        ),
    )
    first_name = _text(_("Prénom"), max_length=150, autocomplete="given-name")
    last_name = _text(_("Nom"), max_length=150, autocomplete="family-name")
    email = forms.EmailField(
        label=_("Adresse e-mail professionnelle"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Nous y enverrons un lien pour la confirmer."),
    )
    phone = _text(_("Téléphone"), max_length=32, autocomplete="tel", type="tel")
    password1, password2 = _password_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _conditional(self, ("siren", "siret", "enterprise_number", "vat_number"))

    def clean(self):
        data = super().clean()
        country = data.get("country")
        siren = enterprise_number = ""
        if country == CompanyCountry.FRANCE:
            siren = _run(self, siren_check, data.get("siren", "")) or ""
            siret = _run(self, siret_check, data.get("siret", ""), siren=siren)
            data["siren"], data["siret"] = siren, siret or data.get("siret", "")
        elif country == CompanyCountry.BELGIUM:
            enterprise_number = (
                _run(self, enterprise_number_check, data.get("enterprise_number", "")) or ""
            )
        if country:
            vat = _run(
                self,
                vat_check,
                data.get("vat_number", ""),
                country=country,
                siren=siren,
                enterprise_number=enterprise_number,
            )
            if vat is not None:
                data["vat_number"] = vat
        if data.get("billing_country") and data.get("billing_postal_code"):
            _run(
                self,
                postcode_check,
                data["billing_postal_code"],
                country=data["billing_country"],
                field="billing_postal_code",
            )
        if data.get("phone"):
            _run(self, phone_check, data["phone"])
        self.password_user = User(
            email=data.get("email") or "",
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
        )
        self.clean_password_pair(data)
        return data


class DeliveryAddressForm(forms.Form):
    label = _text(
        _("Nom de l'adresse"),
        required=False,
        max_length=100,
        help_text=_("Facultatif, par exemple « Entrepôt » ou « Agence de Lille »."),
    )
    line1 = _text(_("Adresse"), autocomplete="shipping address-line1")
    line2 = _text(_("Complément d'adresse"), required=False, autocomplete="shipping address-line2")
    postal_code = _text(
        _("Code postal"),
        max_length=16,
        autocomplete="shipping postal-code",
        help_text=_("Un code postal d'outre-mer (971 à 988) est repéré automatiquement."),
    )
    city = _text(_("Ville"), max_length=128, autocomplete="shipping address-level2")
    country = forms.ChoiceField(label=_("Pays"), choices=ADDRESS_COUNTRIES, initial="FR")

    def clean(self):
        data = super().clean()
        if data.get("country") and data.get("postal_code"):
            _run(
                self,
                postcode_check,
                data["postal_code"],
                country=data["country"],
                field="postal_code",
            )
        return data


DeliveryAddressFormSet = forms.formset_factory(
    DeliveryAddressForm, extra=0, min_num=1, validate_min=True, max_num=20, validate_max=True
)


class KycUploadForm(forms.Form):
    """The four KYC files and what they state; each part may be sent on its own."""

    kbis_file = forms.FileField(
        label=_("Fichier de l'extrait Kbis"),
        required=False,
        help_text=_("PDF, PNG ou JPEG."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    kbis_issue_date = forms.DateField(
        label=_("Date de délivrance de l'extrait"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
    )
    id_front_file = forms.FileField(
        label=_("Recto de la pièce d'identité"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    id_back_file = forms.FileField(
        label=_("Verso de la pièce d'identité"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    id_expiry_date = forms.DateField(
        label=_("Date d'expiration de la pièce d'identité"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput(),
    )
    bank_details_file = forms.FileField(
        label=_("Fichier du RIB ou du relevé bancaire"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    iban = _text(_("IBAN"), required=False, max_length=42, autocomplete="off")

    # kind -> (file field, fields that must come with it)
    PARTS = {
        DocumentKind.KBIS: ("kbis_file", ("kbis_issue_date",)),
        DocumentKind.ID_FRONT: ("id_front_file", ("id_expiry_date",)),
        DocumentKind.ID_BACK: ("id_back_file", ("id_expiry_date",)),
        DocumentKind.BANK_DETAILS: ("bank_details_file", ("iban",)),
    }

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current or {}
        _conditional(self, self.fields)

    def clean(self):
        data = super().clean()
        for file_field, needs in self.PARTS.values():
            if data.get(file_field):
                for name in needs:
                    if not data.get(name) and name not in self.errors:
                        self.add_error(name, self._missing_message(name))
        for name, file_fields in (
            ("kbis_issue_date", ("kbis_file",)),
            ("id_expiry_date", ("id_front_file", "id_back_file")),
            ("iban", ("bank_details_file",)),
        ):
            if data.get(name) and not any(data.get(field) for field in file_fields):
                for field in file_fields:
                    kind = field.removesuffix("_file")
                    if kind not in self.current and field not in self.errors:
                        self.add_error(field, _("Choisissez le fichier correspondant."))
        if data.get("iban") and "iban" not in self.errors:
            iban = _run(self, iban_check, data["iban"])
            if iban:
                data["iban"] = iban
        chosen = any(data.get(file_field) for file_field, _needs in self.PARTS.values())
        if not chosen and not self.errors:
            raise ValidationError(_("Choisissez au moins un fichier à envoyer."))
        return data

    @staticmethod
    def _missing_message(name: str):
        return {
            "kbis_issue_date": _("Indiquez la date de délivrance imprimée sur l'extrait Kbis."),
            "id_expiry_date": _("Indiquez la date d'expiration de la pièce d'identité."),
            "iban": _("Indiquez l'IBAN figurant sur le RIB."),
        }[name]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail de la personne à inviter"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rôles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Role.BUYER],
        error_messages={"required": _("Choisissez au moins un rôle.")},
    )
    language = forms.ChoiceField(
        label=_("Langue de l'invitation"), choices=LANGUAGE_CHOICES, initial="fr"
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Rôles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un rôle.")},
    )


class CompanyLanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Langue de vos prochains devis, factures et e-mails"),
        # Each language named in its own language, as on the staff's company form.
        choices=Company._meta.get_field("language").choices,
        help_text=_("Les documents déjà émis ne changent pas."),
        error_messages={"required": LANGUAGE_INVALID, "invalid_choice": LANGUAGE_INVALID},
    )


class InvitationAcceptForm(PasswordFieldsMixin, forms.Form):
    first_name = _text(_("Prénom"), max_length=150, autocomplete="given-name")
    last_name = _text(_("Nom"), max_length=150, autocomplete="family-name")
    phone = _text(_("Téléphone"), max_length=32, autocomplete="tel", type="tel")
    password1, password2 = _password_fields()

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        if data.get("phone"):
            _run(self, phone_check, data["phone"])
        self.password_user = User(
            email=self.email,
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
        )
        self.clean_password_pair(data)
        return data
