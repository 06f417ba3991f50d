"""A return request (RMA): one parcel, lines of one or more invoices of one company.

The pipeline is data (`TRANSITIONS`); moves go through core.transitions and leave an
audit row (docs/rules/returns-warranty.md). The RMA number is given at authorisation: no
parcel is accepted without it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class ReturnStatus(models.TextChoices):
    REQUESTED = "requested", _("demandé")
    AUTHORISED = "authorised", _("autorisé")
    PARTLY_AUTHORISED = "partly_authorised", _("autorisé en partie")
    REFUSED = "refused", _("refusé")
    RECEIVED = "received", _("reçu")
    DECIDED = "decided", _("décidé")
    PROCESSED = "processed", _("traité")
    CLOSED = "closed", _("clos")
    EXPIRED = "expired", _("expiré")


# Returns whose goods are on their way or at the seller's, and those carried out.
IN_PROGRESS = frozenset(
    {
        ReturnStatus.REQUESTED,
        ReturnStatus.AUTHORISED,
        ReturnStatus.PARTLY_AUTHORISED,
        ReturnStatus.RECEIVED,
        ReturnStatus.DECIDED,
    }
)
FINISHED = frozenset({ReturnStatus.PROCESSED, ReturnStatus.CLOSED})
AWAITING_PARCEL = frozenset({ReturnStatus.AUTHORISED, ReturnStatus.PARTLY_AUTHORISED})


class ReturnRequest(models.Model):
    TRANSITIONS = {
        ReturnStatus.REQUESTED: {
            ReturnStatus.AUTHORISED,
            ReturnStatus.PARTLY_AUTHORISED,
            ReturnStatus.REFUSED,
        },
        ReturnStatus.AUTHORISED: {ReturnStatus.RECEIVED, ReturnStatus.EXPIRED},
        ReturnStatus.PARTLY_AUTHORISED: {ReturnStatus.RECEIVED, ReturnStatus.EXPIRED},
        ReturnStatus.RECEIVED: {ReturnStatus.DECIDED},
        ReturnStatus.DECIDED: {ReturnStatus.PROCESSED},
        ReturnStatus.PROCESSED: {ReturnStatus.CLOSED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="return_requests",
        verbose_name=_("entreprise"),
    )
    terms = models.ForeignKey(
        "shop.Terms",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("CGV"),
        help_text=_("Les CGV de la facture la plus récente du retour : délai, frais, reprise."),
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ReturnStatus.choices, default=ReturnStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("demandé par"),
    )
    requested_at = models.DateTimeField(_("demandé le"))
    rma_number = models.CharField(_("numéro de retour (RMA)"), max_length=32, blank=True)
    authorised_on = models.DateField(_("autorisé le"), null=True, blank=True)
    arrival_deadline = models.DateField(
        _("colis attendu au plus tard le"),
        null=True,
        blank=True,
        help_text=_("Au-delà, le colis est refusé et l'autorisation expire."),
    )
    return_address = models.TextField(_("adresse de retour"), blank=True)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    received_on = models.DateField(_("reçu le"), null=True, blank=True)
    packaging_ok = models.BooleanField(_("emballage d'origine présent et en bon état"), null=True)
    intake_notes = models.TextField(_("notes de réception"), blank=True)
    customer_caused = models.BooleanField(_("retour imputable au client"), default=False)
    packaging_fee_ht = models.DecimalField(
        _("frais d'emballage (HT)"), max_digits=14, decimal_places=2, default=0
    )
    handling_fee_ht = models.DecimalField(
        _("frais de retour (HT)"), max_digits=14, decimal_places=2, default=0
    )
    reshipping_fee_ht = models.DecimalField(
        _("frais de réexpédition (HT)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=_("Le renvoi des articles au client, quand les CGV le lui font payer (001)."),
    )
    fees_deducted = models.BooleanField(
        _("frais déduits de l'avoir"),
        default=False,
        help_text=_("Retour commercial : crédité au prix facturé moins les frais (004 art. 9)."),
    )
    decided_on = models.DateField(_("décidé le"), null=True, blank=True)
    goods_to_collect_until = models.DateField(
        _("marchandise refusée à reprendre avant le"), null=True, blank=True
    )
    goods_collected_on = models.DateField(_("marchandise reprise le"), null=True, blank=True)
    goods_forfeited_on = models.DateField(
        _("marchandise acquise au vendeur le"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("demande de retour")
        verbose_name_plural = _("demandes de retour")
        ordering = ["-requested_at", "-id"]
        permissions = [("handle_returns", _("Traiter les retours (service après-vente)"))]
        constraints = [
            state_check_constraint("returnrequest", "status", ReturnStatus),
            models.UniqueConstraint(
                fields=["rma_number"],
                condition=~models.Q(rma_number=""),
                name="returnrequest_rma_number_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(status=ReturnStatus.REQUESTED)
                | models.Q(status=ReturnStatus.REFUSED)
                | ~models.Q(rma_number=""),
                name="returnrequest_authorised_has_rma_number",
            ),
        ]
        indexes = [models.Index(fields=["status", "requested_at"], name="return_status_age")]

    def __str__(self) -> str:
        return self.rma_number or _("demande n° %(pk)s") % {"pk": self.pk}

    def fees_charged(self) -> list[tuple[Decimal, Promise]]:
        """(amount HT, label) of each fee fixed at the decision: the fee invoice's lines,
        and what the customer's return page lists."""
        fees = [
            (self.packaging_fee_ht, _("Frais d'emballage d'origine manquant ou abîmé")),
            (self.handling_fee_ht, _("Frais de retour imputable au client")),
            (self.reshipping_fee_ht, _("Frais de réexpédition")),
        ]
        return [(amount, label) for amount, label in fees if amount > 0]
