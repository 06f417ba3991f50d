"""Invoices, their lines, and the settlements that reduce what they leave due.

An invoice is created issued (no draft): number from the "FA" series of its year, content
copied from what it bills, totals per VAT rate. Its content never changes (see
`billing.models.documents`); only the bookkeeping of what was paid moves: `amount_paid`,
`status`, `paid_on`, and `due_date` (an acceleration may bring it forward; the printed
one stays in `original_due_date`). Overdue is derived: `due_date` passed with an amount due.
"""

from __future__ import annotations

from decimal import Decimal

import pgtrigger
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from billing.models.documents import (
    DocumentLine,
    FrozenModel,
    FrozenQuerySet,
    IssuedDocument,
    amount_field,
    frozen_columns_trigger,
    no_delete_trigger,
)
from core.transitions import state_check_constraint
from shop.models.terms_choices import PaymentMethod


class InvoiceKind(models.TextChoices):
    GOODS_AND_SERVICES = "sale", _("vente")
    FEE = "fee", _("frais")
    PENALTY = "penalty", _("pénalités et indemnités de retard")


class InvoiceStatus(models.TextChoices):
    ISSUED = "issued", _("émise, à payer")
    PARTIALLY_PAID = "partially_paid", _("partiellement payée")
    PAID = "paid", _("payée")


class Invoice(IssuedDocument):
    """One issued invoice. Status moves: core.transitions only (see TRANSITIONS)."""

    objects = FrozenQuerySet.as_manager()

    Kind = InvoiceKind
    Status = InvoiceStatus
    TRANSITIONS = {
        InvoiceStatus.ISSUED: {InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAID},
        InvoiceStatus.PARTIALLY_PAID: {InvoiceStatus.PAID},
    }
    MUTABLE_FIELDS = ("status", "amount_paid", "paid_on", "due_date", "pdf")

    kind = models.CharField(
        _("nature"), max_length=16, choices=InvoiceKind, default=InvoiceKind.GOODS_AND_SERVICES
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=InvoiceStatus, default=InvoiceStatus.ISSUED
    )
    imported = models.BooleanField(
        _("reprise de solde"),
        default=False,
        help_text=_("Facture d'un ancien système, reprise avec son propre numéro."),
    )
    delivery_date = models.DateField(_("date de livraison"), null=True, blank=True)
    original_due_date = models.DateField(_("échéance imprimée"))
    due_date = models.DateField(_("échéance"))
    payment_term_days = models.PositiveSmallIntegerField(
        _("délai de paiement (jours)"), null=True, blank=True
    )
    payment_term_start = models.CharField(_("point de départ du délai"), max_length=32, blank=True)
    payment_methods = ArrayField(
        models.CharField(max_length=20, choices=PaymentMethod),
        verbose_name=_("moyens de paiement"),
        default=list,
    )
    amount_paid = amount_field(_("montant réglé"))
    paid_on = models.DateField(_("soldée le"), null=True, blank=True)
    pdf = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF Factur-X"),
    )

    class Meta:
        verbose_name = _("facture")
        verbose_name_plural = _("factures")
        ordering = ["-issue_date", "-number"]
        indexes = [
            models.Index(fields=["company", "status"], name="invoice_company_status"),
            models.Index(fields=["issue_date"], name="invoice_issue_date"),
            models.Index(fields=["status", "due_date"], name="invoice_status_due_date"),
            # Bank statement lines without a reference are matched by amount and payer name.
            models.Index(Upper("buyer_name"), name="invoice_buyer_name_upper"),
        ]
        constraints = [
            state_check_constraint("invoice", "status", InvoiceStatus),
            models.CheckConstraint(
                condition=models.Q(kind__in=InvoiceKind.values), name="invoice_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(total_ttc=models.F("total_ht") + models.F("total_vat")),
                name="invoice_ttc_is_ht_plus_vat",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_paid__gte=0, amount_paid__lte=models.F("total_ttc")),
                name="invoice_amount_paid_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=InvoiceStatus.PAID)
                | models.Q(amount_paid=models.F("total_ttc"), paid_on__isnull=False),
                name="invoice_paid_in_full",
            ),
            models.CheckConstraint(
                condition=models.Q(original_due_date__gte=models.F("issue_date")),
                name="invoice_due_after_issue",
            ),
        ]
        triggers = [
            frozen_columns_trigger(
                "invoice_content_frozen",
                (
                    *IssuedDocument.CONTENT_COLUMNS,
                    "kind",
                    "imported",
                    "delivery_date",
                    "original_due_date",
                    "payment_term_days",
                    "payment_term_start",
                    "payment_methods",
                ),
            ),
            # The PDF is stored once: set after issue, then never replaced.
            pgtrigger.Protect(
                name="invoice_pdf_written_once",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__pdf_id__isnull=False)
                & pgtrigger.Q(old__pdf_id__df=pgtrigger.F("new__pdf_id")),
            ),
            no_delete_trigger("invoice_not_deleted"),
        ]

    @property
    def amount_due(self) -> Decimal:
        return self.total_ttc - self.amount_paid


class InvoiceLine(DocumentLine):
    objects = FrozenQuerySet.as_manager()

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="lines", verbose_name=_("facture")
    )

    class Meta(DocumentLine.Meta):
        verbose_name = _("ligne de facture")
        verbose_name_plural = _("lignes de facture")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "position"], name="invoiceline_position_unique"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="invoiceline_frozen", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id} #{self.position}"


class SettlementSource(models.TextChoices):
    PAYMENT = "payment", _("paiement")
    CREDIT_NOTE = "credit_note", _("avoir")
    # A payment of an imported invoice, as the previous system recorded it (issue 13).
    OPENING_BALANCE = "opening_balance", _("paiement repris d'un ancien système")


class InvoiceSettlement(FrozenModel):
    """An amount that reduced what an invoice leaves due, on a date. Append-only."""

    objects = FrozenQuerySet.as_manager()

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="settlements", verbose_name=_("facture")
    )
    amount = amount_field(_("montant"))
    on = models.DateField(_("date"))
    source = models.CharField(_("origine"), max_length=16, choices=SettlementSource)
    source_id = models.PositiveBigIntegerField(_("identifiant de l'origine"))
    recorded_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)
    recorded_by = models.CharField(_("enregistré par"), max_length=200)

    class Meta:
        verbose_name = _("règlement de facture")
        verbose_name_plural = _("règlements de facture")
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="invoicesettlement_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=SettlementSource.values),
                name="invoicesettlement_source_valid",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="invoicesettlement_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}: {self.amount} ({self.on})"
