"""What the daily jobs know about late invoices and companies in arrears.

`InvoicePenalty` is the accrual of one invoice that fell late: marked overdue the day
after its due date (`overdue_since`), then its interest state and fixed amounts as
computed on `as_of` (never moving back to an earlier day). They change only on events (a
settlement, the litigation, a rate entered or corrected), so the daily job writes a row
only when one happened; the interest and days late of any later day are computed on
reading (`amounts_on`). The invoice itself stays as issued; only its `due_date` moves on
acceleration. `CompanyArrears` remembers that
billing suspended a company's deliveries, so that billing releases only what it
suspended (docs/rules/late-payment.md).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _

from billing.penalties import InterestState, InterestUnit, PenaltyAmounts, RateTable
from core.calendar import days_late
from core.money import ZERO


def _amount(label):
    return models.DecimalField(label, max_digits=14, decimal_places=2, default=0)


class InvoicePenalty(models.Model):
    invoice = models.OneToOneField(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="penalty",
        verbose_name=_("facture"),
    )
    overdue_since = models.DateField(_("en retard depuis le"))
    as_of = models.DateField(_("calculé au"))
    # The interest state (`billing.penalties.InterestState`); no rate while one is missing.
    interest_unit = models.CharField(
        _("unité de retard"),
        max_length=8,
        blank=True,
        choices=[
            (InterestUnit.DAYS, _("jour (taux annuel / 365)")),
            (InterestUnit.MONTHS, _("mois commencé (taux annuel / 12)")),
            (InterestUnit.DAILY, _("jour (taux journalier)")),
        ],
    )
    interest_rate = models.DecimalField(
        _("taux appliqué (%)"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    interest_start = models.DateField(_("intérêts courus après le"), null=True, blank=True)
    interest_closed = models.DecimalField(
        _("part réglée pondérée par son retard"), max_digits=20, decimal_places=2, default=0
    )
    unpaid = _amount(_("principal impayé"))
    settled_on = models.DateField(_("soldée le"), null=True, blank=True)
    rates_version = models.PositiveBigIntegerField(
        _("version des tables de taux"),
        default=0,
        help_text=_("Calculées avec les taux tels qu'ils étaient à cette version."),
    )
    recovery_indemnity = _amount(_("indemnité forfaitaire de recouvrement"))
    collection_fee = _amount(_("frais d'encaissement"))
    litigation_penalty = _amount(_("clause pénale"))
    amount_paid_seen = _amount(_("montant réglé lors du calcul"))
    rate_missing_table = models.CharField(
        _("taux manquant"),
        max_length=32,
        blank=True,
        choices=[
            (RateTable.FRENCH_LEGAL, _("taux d'intérêt légal français")),
            (RateTable.ECB, _("taux de refinancement de la BCE")),
            (RateTable.BELGIAN_COMMERCIAL, _("taux belge des transactions commerciales")),
        ],
        help_text=_("Les pénalités ne sont plus calculées tant que ce taux n'est pas saisi."),
    )
    rate_missing_on = models.DateField(_("taux manquant pour le"), null=True, blank=True)
    litigation_on = models.DateField(
        _("transmise au contentieux le"),
        null=True,
        blank=True,
        help_text=_("Date à laquelle le personnel a transmis la créance au recouvrement."),
    )
    waived_at = models.DateTimeField(_("abandonnées le"), null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("abandonnées par"),
        # No index: a few rows carry it, and every penalty row inserted would pay for one.
        db_index=False,
    )
    waiver_reason = models.TextField(_("motif de l'abandon"), blank=True)
    # What was already invoiced of each amount (on penalty invoices).
    billed_interest = _amount(_("intérêts déjà facturés"))
    billed_recovery_indemnity = _amount(_("indemnité déjà facturée"))
    billed_collection_fee = _amount(_("frais d'encaissement déjà facturés"))
    billed_litigation_penalty = _amount(_("clause pénale déjà facturée"))
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("pénalités de retard d'une facture")
        verbose_name_plural = _("pénalités de retard")
        permissions = [
            (
                "manage_penalties",
                _("Peut transmettre au contentieux, facturer et abandonner des pénalités"),
            ),
            ("import_open_items", _("Peut reprendre les créances ouvertes d'un ancien système")),
        ]
        ordering = ["-overdue_since", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(as_of__gte=models.F("overdue_since")),
                name="invoicepenalty_as_of_after_overdue",
            ),
            models.CheckConstraint(
                condition=models.Q(waived_at__isnull=True) | ~models.Q(waiver_reason=""),
                name="invoicepenalty_waiver_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(rate_missing_table="") | models.Q(rate_missing_on__isnull=False),
                name="invoicepenalty_rate_missing_dated",
            ),
        ]
        indexes = [
            models.Index(
                fields=["rate_missing_table"],
                name="invoicepenalty_rate_missing",
                condition=~models.Q(rate_missing_table=""),
            ),
        ]

    def __str__(self) -> str:
        return str(self.invoice)

    def amounts_on(self, day: date) -> PenaltyAmounts:
        """Days late and penalties on `day`: the stored state carried forward.

        Never before `as_of` (the state knows nothing earlier), never after the waiver (the
        amounts stopped then).
        """
        day = max(day, self.as_of)
        if self.waived_at is not None:
            day = min(day, localdate(self.waived_at))
        interest = ZERO
        if self.interest_rate is not None and self.interest_start is not None:
            state = InterestState(
                unit=self.interest_unit,
                rate=self.interest_rate,
                start=self.interest_start,
                closed=self.interest_closed,
                unpaid=self.unpaid,
            )
            interest = state.interest_on(day)
        due_date = self.overdue_since - timedelta(days=1)
        return PenaltyAmounts(
            days_late=days_late(due=due_date, paid=self.settled_on or day),
            interest=interest,
            recovery_indemnity=self.recovery_indemnity,
            collection_fee=self.collection_fee,
            litigation_penalty=self.litigation_penalty,
        )


class CompanyArrears(models.Model):
    """A company whose deliveries billing suspended for arrears, and when it released them."""

    company = models.OneToOneField(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="arrears",
        verbose_name=_("entreprise"),
    )
    suspended = models.BooleanField(_("livraisons suspendues pour impayés"), default=False)
    suspended_since = models.DateField(_("livraisons suspendues depuis le"), null=True, blank=True)
    released_on = models.DateField(_("livraisons reprises le"), null=True, blank=True)
    first_incident_on = models.DateField(_("premier incident de paiement le"))

    class Meta:
        verbose_name = _("impayés d'une entreprise")
        verbose_name_plural = _("impayés des entreprises")

    def __str__(self) -> str:
        return str(self.company)
