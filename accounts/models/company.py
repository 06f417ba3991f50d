"""Customer companies, their addresses and the people who act for them.

A company's `status` is its KYC state: only an approved company may accept a quote or
place an order (docs/rules/accounts-kyc.md). Moves go through `core.transitions.transition_apply`
and leave an audit row; identifiers are checked by `accounts.identifiers` before they
reach these rows and stored compact (digits only, VAT with its country prefix).
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models.fields import ChoiceArrayField
from core.transitions import state_check_constraint


class CompanyCountry(models.TextChoices):
    FRANCE = "FR", _("France")
    BELGIUM = "BE", _("Belgique")
    OTHER_EU = "EU", _("Autre pays de l'Union européenne")
    NON_EU = "XX", _("Hors Union européenne")


class CompanyStatus(models.TextChoices):
    DRAFT = "draft", _("Dossier à compléter")
    SUBMITTED = "submitted", _("Dossier en cours de vérification")
    REJECTED = "rejected", _("Dossier à corriger")
    APPROVED = "approved", _("Compte validé")
    DORMANT = "dormant", _("Compte inactif : pièces à renvoyer")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrateur")
    BUYER = "buyer", _("Acheteur")
    SIGNATORY = "signatory", _("Signataire")
    ACCOUNTANT = "accountant", _("Comptable")


# Countries offered for addresses: the European Union, its neighbours and a few export
# destinations. ISO 3166-1 alpha-2 codes.
ADDRESS_COUNTRIES = [
    ("FR", _("France")),
    ("BE", _("Belgique")),
    ("LU", _("Luxembourg")),
    ("DE", _("Allemagne")),
    ("AT", _("Autriche")),
    ("BG", _("Bulgarie")),
    ("CY", _("Chypre")),
    ("HR", _("Croatie")),
    ("DK", _("Danemark")),
    ("ES", _("Espagne")),
    ("EE", _("Estonie")),
    ("FI", _("Finlande")),
    ("GR", _("Grèce")),
    ("HU", _("Hongrie")),
    ("IE", _("Irlande")),
    ("IT", _("Italie")),
    ("LV", _("Lettonie")),
    ("LT", _("Lituanie")),
    ("MT", _("Malte")),
    ("NL", _("Pays-Bas")),
    ("PL", _("Pologne")),
    ("PT", _("Portugal")),
    ("CZ", _("Tchéquie")),
    ("RO", _("Roumanie")),
    ("SK", _("Slovaquie")),
    ("SI", _("Slovénie")),
    ("SE", _("Suède")),
    ("CH", _("Suisse")),
    ("GB", _("Royaume-Uni")),
    ("NO", _("Norvège")),
    ("IS", _("Islande")),
    ("LI", _("Liechtenstein")),
    ("MC", _("Monaco")),
    ("AD", _("Andorre")),
    ("US", _("États-Unis")),
    ("CA", _("Canada")),
]


# What staff may correct on a company (its identity and billing address), with history.
COMPANY_IDENTITY_FIELDS = [
    "legal_name",
    "legal_form",
    "country",
    "siren",
    "siret",
    "enterprise_number",
    "vat_number",
    "registration_number",
    "billing_line1",
    "billing_line2",
    "billing_postal_code",
    "billing_city",
    "billing_country",
]


@pghistory.track(fields=COMPANY_IDENTITY_FIELDS, model_name="CompanyIdentityEvent")
class Company(models.Model):
    """A professional customer. Its `status` decides whether it may order."""

    Status = CompanyStatus
    Country = CompanyCountry
    TRANSITIONS = {
        CompanyStatus.DRAFT: {CompanyStatus.SUBMITTED},
        CompanyStatus.SUBMITTED: {CompanyStatus.APPROVED, CompanyStatus.REJECTED},
        CompanyStatus.REJECTED: {CompanyStatus.SUBMITTED},
        CompanyStatus.APPROVED: {CompanyStatus.DORMANT},
        CompanyStatus.DORMANT: {CompanyStatus.SUBMITTED},
    }

    legal_name = models.CharField(_("dénomination sociale"), max_length=255)
    legal_form = models.CharField(_("forme juridique"), max_length=64)
    country = models.CharField(_("pays d'immatriculation"), max_length=2, choices=CompanyCountry)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    enterprise_number = models.CharField(_("numéro d'entreprise (BCE)"), max_length=10, blank=True)
    vat_number = models.CharField(_("numéro de TVA intracommunautaire"), max_length=16, blank=True)
    registration_number = models.CharField(
        _("numéro d'immatriculation"),
        max_length=64,
        blank=True,
        help_text=_("Hors France et Belgique : le numéro du registre du commerce du pays."),
    )
    billing_line1 = models.CharField(_("adresse de facturation"), max_length=255)
    billing_line2 = models.CharField(_("complément d'adresse"), max_length=255, blank=True)
    billing_postal_code = models.CharField(_("code postal"), max_length=16)
    billing_city = models.CharField(_("ville"), max_length=128)
    billing_country = models.CharField(_("pays"), max_length=2, choices=ADDRESS_COUNTRIES)
    language = models.CharField(
        _("langue des documents"),
        max_length=2,
        choices=[("fr", "Français"), ("en", "English"), ("nl", "Nederlands")],
        default="fr",
        help_text=_(
            "Les factures et avoirs sont rédigés en français ; en anglais ou en néerlandais, "
            "leurs intitulés sont aussi traduits dans cette langue."
        ),
    )

    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=CompanyStatus,
        default=CompanyStatus.DRAFT,
        editable=False,
    )
    approved_on = models.DateField(_("validé le"), null=True, blank=True, editable=False)
    last_order_on = models.DateField(
        _("dernière commande le"), null=True, blank=True, editable=False
    )
    dormant_since = models.DateField(_("inactif depuis le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)
    imported = models.BooleanField(
        _("reprise d'un ancien système, KYC à compléter"),
        default=False,
        editable=False,
        help_text=_(
            "Client créé par la reprise des créances ouvertes : son dossier KYC reste à "
            "compléter (SIRET, adresse, pièces) avant toute nouvelle commande."
        ),
    )

    class Meta:
        verbose_name = _("entreprise cliente")
        verbose_name_plural = _("entreprises clientes")
        ordering = ["legal_name", "id"]
        permissions = [
            ("correct_identity", _("Peut corriger l'identité et l'adresse d'une entreprise")),
        ]
        constraints = [
            state_check_constraint("company", "status", CompanyStatus),
            models.CheckConstraint(
                condition=models.Q(country__in=CompanyCountry.values), name="company_country_valid"
            ),
            models.UniqueConstraint(
                fields=["siren"], condition=~models.Q(siren=""), name="company_siren_unique"
            ),
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~models.Q(enterprise_number=""),
                name="company_enterprise_number_unique",
            ),
            models.UniqueConstraint(
                fields=["vat_number"],
                condition=~models.Q(vat_number=""),
                name="company_vat_number_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(country=CompanyCountry.FRANCE)
                | models.Q(siren__regex=r"^[0-9]{9}$", siret__regex=r"^[0-9]{14}$")
                | models.Q(imported=True, status=CompanyStatus.DRAFT, siren__regex=r"^[0-9]{9}$"),
                name="company_france_has_siren_siret",
            ),
            models.CheckConstraint(
                condition=~models.Q(country=CompanyCountry.BELGIUM)
                | models.Q(enterprise_number__regex=r"^[01][0-9]{9}$"),
                name="company_belgium_has_enterprise_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=CompanyStatus.APPROVED)
                | models.Q(approved_on__isnull=False),
                name="company_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.legal_name

    @property
    def national_identifier(self) -> str:
        """SIREN (France), enterprise number (Belgium) or the registration number."""
        return self.siren or self.enterprise_number or self.registration_number


@pghistory.track()
class DeliveryAddress(models.Model):
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        related_name="delivery_addresses",
        verbose_name=_("entreprise"),
    )
    label = models.CharField(_("nom de l'adresse"), max_length=100, blank=True)
    line1 = models.CharField(_("adresse"), max_length=255)
    line2 = models.CharField(_("complément d'adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=16)
    city = models.CharField(_("ville"), max_length=128)
    country = models.CharField(_("pays"), max_length=2, choices=ADDRESS_COUNTRIES)
    is_dom_tom = models.BooleanField(
        _("outre-mer (DOM-TOM)"),
        default=False,
        editable=False,
        help_text=_("Déduit du code postal français (971 à 978, 984 à 988)."),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("adresse de livraison")
        verbose_name_plural = _("adresses de livraison")
        ordering = ["id"]

    def __str__(self) -> str:
        parts = [self.label, self.line1, f"{self.postal_code} {self.city}"]
        return ", ".join(part for part in parts if part)


@pghistory.track()
class Membership(models.Model):
    """One person acting for one company, with one or more roles."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="membership",
        verbose_name=_("utilisateur"),
    )
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("entreprise")
    )
    roles = ChoiceArrayField(
        models.CharField(max_length=16, choices=Role), verbose_name=_("rôles"), default=list
    )
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    deactivated_at = models.DateTimeField(_("désactivé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("utilisateur d'une entreprise")
        verbose_name_plural = _("utilisateurs des entreprises")
        ordering = ["company", "id"]
        permissions = [
            ("impersonate_member", _("Peut voir le portail en tant qu'un utilisateur client")),
            ("act_as_member", _("Peut agir sur le portail en tant qu'un utilisateur client")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(roles__contained_by=Role.values) & models.Q(roles__len__gt=0),
                name="membership_roles_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.company})"

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.roles

    @property
    def is_administrator(self) -> bool:
        return self.has_role(Role.ADMINISTRATOR)

    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[role]) for role in Role.values if role in self.roles]


class Invitation(models.Model):
    """An administrator's invitation of a colleague; the link carries a one-time token.

    Only the SHA-256 of the token is stored. An invitation is usable once, before
    `expires_at`, unless revoked.
    """

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("entreprise")
    )
    email = models.EmailField(_("adresse e-mail"))
    roles = ChoiceArrayField(models.CharField(max_length=16, choices=Role), verbose_name=_("rôles"))
    language = models.CharField(_("langue"), max_length=5, default="fr")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("invité par"),
    )
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)
    expires_at = models.DateTimeField(_("expire le"))
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acceptée par"),
    )
    revoked_at = models.DateTimeField(_("annulée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(roles__contained_by=Role.values) & models.Q(roles__len__gt=0),
                name="invitation_roles_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"

    def is_pending(self, *, now) -> bool:
        return self.accepted_at is None and self.revoked_at is None and now < self.expires_at

    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[role]) for role in Role.values if role in self.roles]
