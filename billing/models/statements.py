"""Imported bank statements and their lines, matched to what they pay.

A line's `idempotency_key` (the account and the bank's own reference of the transaction)
is unique: importing the same statement again, or an overlapping one, adds nothing.
Rules: docs/rules/payments.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", _("CAMT.053 (ISO 20022)")
    CODA = "coda", _("CODA (banques belges)")
    CSV = "csv", _("CSV simple")


class BankStatement(models.Model):
    account_iban = models.CharField(_("compte"), max_length=34)
    format = models.CharField(_("format"), max_length=8, choices=StatementFormat.choices)
    statement_reference = models.CharField(_("référence du relevé"), max_length=64, blank=True)
    filename = models.CharField(_("fichier"), max_length=255)
    file_sha256 = models.CharField(_("empreinte du fichier"), max_length=64)
    lines_read = models.PositiveIntegerField(_("lignes lues"), default=0)
    lines_added = models.PositiveIntegerField(_("lignes ajoutées"), default=0)
    lines_known = models.PositiveIntegerField(_("lignes déjà importées"), default=0)
    imported_at = models.DateTimeField(_("importé le"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("importé par"),
    )

    class Meta:
        verbose_name = _("relevé bancaire")
        verbose_name_plural = _("relevés bancaires")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=StatementFormat.values), name="bankstatement_format_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_iban} — {self.filename}"


class LineStatus(models.TextChoices):
    UNMATCHED = "unmatched", _("à rapprocher")
    PROPOSED = "proposed", _("rapprochement proposé")
    CONFIRMED = "confirmed", _("confirmé")
    IGNORED = "ignored", _("ignoré")


class MatchKind(models.TextChoices):
    REFERENCE = "reference", _("par la référence")
    AMOUNT_AND_PAYER = "amount_payer", _("par le montant et le payeur")


class BankStatementLine(models.Model):
    Status = LineStatus
    TRANSITIONS = {
        LineStatus.UNMATCHED: {LineStatus.CONFIRMED, LineStatus.IGNORED},
        LineStatus.PROPOSED: {LineStatus.CONFIRMED, LineStatus.UNMATCHED, LineStatus.IGNORED},
        LineStatus.IGNORED: {LineStatus.UNMATCHED},
    }

    statement = models.ForeignKey(
        BankStatement, on_delete=models.PROTECT, related_name="lines", verbose_name=_("relevé")
    )
    idempotency_key = models.CharField(_("clé d'unicité"), max_length=120, unique=True)
    entry_reference = models.CharField(_("référence de la banque"), max_length=80)
    booking_date = models.DateField(_("date de comptabilisation"))
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("devise"), max_length=3)
    payer_name = models.CharField(_("donneur d'ordre"), max_length=140, blank=True)
    payer_iban = models.CharField(_("compte du donneur d'ordre"), max_length=34, blank=True)
    structured_reference = models.CharField(_("référence structurée"), max_length=40, blank=True)
    free_text = models.CharField(_("libellé"), max_length=500, blank=True)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=LineStatus.choices,
        default=LineStatus.UNMATCHED,
        editable=False,
    )
    match_kind = models.CharField(
        _("rapprochement"), max_length=16, choices=MatchKind.choices, blank=True
    )
    match_note = models.CharField(_("remarque"), max_length=255, blank=True)
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("client"),
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facture"),
    )
    order_reference = models.CharField(_("commande"), max_length=32, blank=True)
    payment = models.OneToOneField(
        "billing.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_line",
        verbose_name=_("paiement"),
    )

    class Meta:
        verbose_name = _("ligne de relevé bancaire")
        verbose_name_plural = _("lignes de relevé bancaire")
        ordering = ["statement", "booking_date", "id"]
        indexes = [models.Index(fields=["status"], name="statementline_status")]
        constraints = [
            state_check_constraint("statementline", "status", LineStatus),
            models.CheckConstraint(
                condition=~Q(status=LineStatus.PROPOSED) | Q(company__isnull=False),
                name="statementline_proposal_has_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount} {self.currency} {self.payer_name}"
