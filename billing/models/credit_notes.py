"""Credit notes (avoirs): their own "AV" series, linked to the invoice they correct.

A credit note's balance (`total_ttc - amount_used - amount_expired`) is usable against
the company's invoices until `expires_on` (the Terms' validity, 000 art. 4: 12 months);
the daily job then expires what is left: "neither refundable nor chargeable".
"""

from __future__ import annotations

from decimal import Decimal

import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

from billing.models.documents import (
    DocumentLine,
    FrozenQuerySet,
    IssuedDocument,
    amount_field,
    frozen_columns_trigger,
    no_delete_trigger,
)
from core.transitions import state_check_constraint


class CreditNoteStatus(models.TextChoices):
    OPEN = "open", _("disponible")
    USED = "used", _("utilisé")
    EXPIRED = "expired", _("expiré")


class CreditNoteCause(models.TextChoices):
    CANCELLATION = "cancellation", _("annulation de commande")
    RETURN = "return", _("retour de marchandise")
    NON_CONFORMITY = "non_conformity", _("non-conformité")
    UNAVAILABLE = "unavailable", _("produit indisponible")
    GESTURE = "gesture", _("geste commercial")
    CORRECTION = "correction", _("correction de facture")


class CreditNote(IssuedDocument):
    """One issued credit note. Status moves: core.transitions only (see TRANSITIONS)."""

    objects = FrozenQuerySet.as_manager()

    Status = CreditNoteStatus
    TRANSITIONS = {
        CreditNoteStatus.OPEN: {CreditNoteStatus.USED, CreditNoteStatus.EXPIRED},
    }
    MUTABLE_FIELDS = ("status", "amount_used", "amount_expired", "pdf")

    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("facture corrigée"),
    )
    invoice_number = models.CharField(_("numéro de la facture corrigée"), max_length=32, blank=True)
    cause = models.CharField(
        _("motif"), max_length=16, choices=CreditNoteCause, default=CreditNoteCause.GESTURE
    )
    reason = models.TextField(_("explication"))
    expires_on = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    status = models.CharField(
        _("statut"), max_length=16, choices=CreditNoteStatus, default=CreditNoteStatus.OPEN
    )
    amount_used = amount_field(_("montant utilisé"))
    amount_expired = amount_field(_("montant expiré"))
    pdf = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF Factur-X"),
    )

    class Meta:
        verbose_name = _("avoir")
        verbose_name_plural = _("avoirs")
        ordering = ["-issue_date", "-number"]
        indexes = [
            models.Index(fields=["company", "status"], name="creditnote_company_status"),
            models.Index(fields=["status", "expires_on"], name="creditnote_status_expires"),
        ]
        constraints = [
            state_check_constraint("creditnote", "status", CreditNoteStatus),
            models.CheckConstraint(
                condition=models.Q(cause__in=CreditNoteCause.values), name="creditnote_cause_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(total_ttc=models.F("total_ht") + models.F("total_vat"))
                & models.Q(total_ttc__gt=0),
                name="creditnote_totals_consistent",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_used__gte=0, amount_expired__gte=0)
                & models.Q(amount_used__lte=models.F("total_ttc") - models.F("amount_expired")),
                name="creditnote_balance_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=CreditNoteStatus.OPEN) | models.Q(amount_expired=0),
                name="creditnote_open_not_expired",
            ),
        ]
        triggers = [
            frozen_columns_trigger(
                "creditnote_content_frozen",
                (
                    *IssuedDocument.CONTENT_COLUMNS,
                    "invoice_id",
                    "invoice_number",
                    "cause",
                    "reason",
                    "expires_on",
                ),
            ),
            pgtrigger.Protect(
                name="creditnote_pdf_written_once",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__pdf_id__isnull=False)
                & pgtrigger.Q(old__pdf_id__df=pgtrigger.F("new__pdf_id")),
            ),
            no_delete_trigger("creditnote_not_deleted"),
        ]

    @property
    def balance(self) -> Decimal:
        """What is left to use against invoices."""
        return self.total_ttc - self.amount_used - self.amount_expired


class CreditNoteLine(DocumentLine):
    objects = FrozenQuerySet.as_manager()

    credit_note = models.ForeignKey(
        CreditNote, on_delete=models.PROTECT, related_name="lines", verbose_name=_("avoir")
    )

    class Meta(DocumentLine.Meta):
        verbose_name = _("ligne d'avoir")
        verbose_name_plural = _("lignes d'avoir")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_note", "position"], name="creditnoteline_position_unique"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="creditnoteline_frozen", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.credit_note_id} #{self.position}"
