"""KYC: the documents a company uploads, the submissions staff review, their decisions.

A document row points to an immutable `core.StoredDocument`; replacing a file is a new
row (the old one becomes "replaced"). At most one *current* document (draft, submitted,
approved or rejected) per company and kind: a partial unique constraint says so.
A submission is the set of current documents at the moment the company sent them for
review; its decision is the application's decision. Every move is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class DocumentKind(models.TextChoices):
    KBIS = "kbis", _("Extrait Kbis (ou extrait d'immatriculation)")
    ID_FRONT = "id_front", _("Pièce d'identité du représentant légal, recto")
    ID_BACK = "id_back", _("Pièce d'identité du représentant légal, verso")
    BANK_DETAILS = "bank_details", _("RIB ou relevé bancaire")


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Envoyé, pas encore soumis")
    SUBMITTED = "submitted", _("En cours de vérification")
    APPROVED = "approved", _("Accepté")
    REJECTED = "rejected", _("Refusé")
    REPLACED = "replaced", _("Remplacé")
    EXPIRED = "expired", _("À renouveler (compte inactif)")


CURRENT_DOCUMENT_STATUSES = (
    DocumentStatus.DRAFT,
    DocumentStatus.SUBMITTED,
    DocumentStatus.APPROVED,
    DocumentStatus.REJECTED,
)


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("En attente de vérification")
    APPROVED = "approved", _("Validé")
    REJECTED = "rejected", _("Refusé")


class KycSubmission(models.Model):
    """One sending of the company's documents for review, and the decision on it."""

    Status = SubmissionStatus
    TRANSITIONS = {
        SubmissionStatus.SUBMITTED: {SubmissionStatus.APPROVED, SubmissionStatus.REJECTED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="kyc_submissions",
        verbose_name=_("entreprise"),
    )
    number = models.PositiveIntegerField(_("numéro d'envoi"))
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=SubmissionStatus,
        default=SubmissionStatus.SUBMITTED,
        editable=False,
    )
    submitted_at = models.DateTimeField(_("soumis le"), default=timezone.now)
    submitted_on = models.DateField(_("jour de soumission"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("soumis par"),
    )
    terms_version = models.PositiveIntegerField(
        _("version des CGV appliquée"), null=True, blank=True
    )
    kbis_max_age_months = models.PositiveSmallIntegerField(_("âge maximal du Kbis (mois)"))
    documents = models.ManyToManyField(
        "accounts.KycDocument", related_name="submissions", verbose_name=_("pièces")
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidé par"),
    )
    decision_reason = models.TextField(_("motif communiqué au client"), blank=True)

    class Meta:
        verbose_name = _("dossier KYC soumis")
        verbose_name_plural = _("dossiers KYC soumis")
        ordering = ["submitted_at", "id"]
        permissions = [
            ("review_kyc", _("Peut vérifier les dossiers KYC et lire leurs pièces")),
        ]
        constraints = [
            state_check_constraint("kycsubmission", "status", SubmissionStatus),
            models.UniqueConstraint(
                fields=["company", "number"], name="kycsubmission_company_number_unique"
            ),
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(status=SubmissionStatus.SUBMITTED),
                name="kycsubmission_one_open_per_company",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=SubmissionStatus.REJECTED)
                | ~models.Q(decision_reason=""),
                name="kycsubmission_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} — n° {self.number}"


class KycDocument(models.Model):
    """One uploaded file of a company's KYC file, with what it states and its review."""

    Kind = DocumentKind
    Status = DocumentStatus
    TRANSITIONS = {
        DocumentStatus.DRAFT: {DocumentStatus.SUBMITTED, DocumentStatus.REPLACED},
        # A document still under review when the application is rejected may be replaced.
        DocumentStatus.SUBMITTED: {
            DocumentStatus.APPROVED,
            DocumentStatus.REJECTED,
            DocumentStatus.REPLACED,
        },
        # While the application is open, staff may change their mind on a document.
        DocumentStatus.APPROVED: {
            DocumentStatus.REJECTED,
            DocumentStatus.EXPIRED,
            DocumentStatus.REPLACED,
        },
        DocumentStatus.REJECTED: {DocumentStatus.APPROVED, DocumentStatus.REPLACED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="kyc_documents",
        verbose_name=_("entreprise"),
    )
    kind = models.CharField(_("pièce"), max_length=16, choices=DocumentKind)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=DocumentStatus,
        default=DocumentStatus.DRAFT,
        editable=False,
    )
    stored = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("fichier"),
    )
    issue_date = models.DateField(_("date de délivrance"), null=True, blank=True)
    expiry_date = models.DateField(_("date d'expiration"), null=True, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("envoyé par"),
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vérifié par"),
    )
    reviewed_at = models.DateTimeField(_("vérifié le"), null=True, blank=True)
    review_reason = models.TextField(_("motif communiqué au client"), blank=True)
    erased_at = models.DateTimeField(
        _("fichier supprimé le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Fin de la durée de conservation : le fichier est supprimé, l'IBAN masqué ; "
            "l'empreinte reste."
        ),
    )

    class Meta:
        verbose_name = _("pièce KYC")
        verbose_name_plural = _("pièces KYC")
        ordering = ["company", "kind", "-uploaded_at", "-id"]
        constraints = [
            state_check_constraint("kycdocument", "status", DocumentStatus),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="kycdocument_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["company", "kind"],
                condition=models.Q(status__in=CURRENT_DOCUMENT_STATUSES),
                name="kycdocument_one_current_per_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DocumentKind.KBIS) | models.Q(issue_date__isnull=False),
                name="kycdocument_kbis_has_issue_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind__in=[DocumentKind.ID_FRONT, DocumentKind.ID_BACK])
                | models.Q(expiry_date__isnull=False),
                name="kycdocument_id_has_expiry_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=DocumentKind.BANK_DETAILS) | ~models.Q(iban=""),
                name="kycdocument_bank_details_has_iban",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=DocumentStatus.REJECTED) | ~models.Q(review_reason=""),
                name="kycdocument_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.company}"

    @property
    def iban_masked(self) -> str:
        """The IBAN with only its country, key and last four characters shown."""
        if not self.iban:
            return ""
        return f"{self.iban[:4]} •••• {self.iban[-4:]}"

    @property
    def is_image(self) -> bool:
        return self.stored.content_type.startswith("image/")
