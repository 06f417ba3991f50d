"""Payments received from customers, and what payment providers told us about them.

A payment belongs to a company and copies the order reference it pays (billing never
links to orders: orders keeps `OrderPayment`). Its status moves only through
core.transitions. Every notification of a provider is a `ProviderEvent` row whose
(provider, event id) is unique: a notification delivered twice, or five times at once,
is handled once. Rules: docs/rules/payments.md.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint
from shop.models.terms_choices import PaymentMethod


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("en attente")
    VALIDATED = "validated", _("validé")
    FAILED = "failed", _("refusé")
    ABANDONED = "abandoned", _("abandonné")
    DISPUTED = "disputed", _("contesté")
    REFUNDED = "refunded", _("remboursé")


class Payment(models.Model):
    Status = PaymentStatus
    TRANSITIONS = {
        PaymentStatus.PENDING: {
            PaymentStatus.VALIDATED,
            PaymentStatus.FAILED,
            PaymentStatus.ABANDONED,
        },
        # A provider's final success wins over an earlier failure: the money was taken.
        PaymentStatus.FAILED: {PaymentStatus.VALIDATED},
        PaymentStatus.ABANDONED: {PaymentStatus.VALIDATED},
        PaymentStatus.VALIDATED: {PaymentStatus.DISPUTED, PaymentStatus.REFUNDED},
        PaymentStatus.DISPUTED: {PaymentStatus.VALIDATED, PaymentStatus.REFUNDED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="payments",
        verbose_name=_("entreprise cliente"),
    )
    method = models.CharField(_("moyen de paiement"), max_length=20, choices=PaymentMethod.choices)
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("devise"), max_length=3, default="EUR")
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
        editable=False,
    )
    reference = models.CharField(_("référence du paiement"), max_length=64, blank=True)
    order_reference = models.CharField(_("commande payée"), max_length=32, blank=True)
    received_on = models.DateField(_("reçu le"), null=True, blank=True)
    validated_on = models.DateField(_("validé le"), null=True, blank=True)
    provider = models.CharField(_("prestataire de paiement"), max_length=32, blank=True)
    provider_payment_id = models.CharField(
        _("identifiant chez le prestataire"), max_length=64, blank=True
    )
    checkout_url = models.URLField(_("page de paiement"), max_length=500, blank=True)
    failure_message = models.CharField(_("motif du refus"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("paiement")
        verbose_name_plural = _("paiements")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["company", "order_reference"], name="payment_company_order"),
        ]
        constraints = [
            state_check_constraint("payment", "status", PaymentStatus),
            models.CheckConstraint(
                condition=Q(method__in=PaymentMethod.values), name="payment_method_valid"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.UniqueConstraint(
                fields=["provider", "provider_payment_id"],
                condition=~Q(provider_payment_id=""),
                name="payment_provider_id_unique",
            ),
            # A double click on "pay" finds the checkout already open instead of a second one.
            models.UniqueConstraint(
                fields=["company", "order_reference", "method"],
                condition=Q(status=PaymentStatus.PENDING, method=PaymentMethod.CARD)
                & ~Q(order_reference=""),
                name="payment_one_open_card_checkout_per_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Paiement')} {self.pk} — {self.amount} {self.currency}"


class ProviderEventOutcome(models.TextChoices):
    APPLIED = "applied", _("appliqué")
    IGNORED = "ignored", _("sans effet (déjà appliqué ou dépassé)")
    REFUSED = "refused", _("refusé (montant ou devise différents)")
    UNKNOWN_PAYMENT = "unknown_payment", _("paiement inconnu")


class ProviderEvent(models.Model):
    """One notification of a payment provider, recorded once: the unique (provider, event
    id) makes every later delivery of it a no-op, whatever the order of arrival."""

    provider = models.CharField(_("prestataire"), max_length=32)
    event_id = models.CharField(_("identifiant de l'événement"), max_length=128)
    type = models.CharField(_("type"), max_length=64)
    payment = models.ForeignKey(
        Payment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="provider_events",
        verbose_name=_("paiement"),
    )
    outcome = models.CharField(_("résultat"), max_length=16, choices=ProviderEventOutcome.choices)
    detail = models.CharField(_("détail"), max_length=255, blank=True)
    payload = models.JSONField(_("contenu"))
    received_at = models.DateTimeField(_("reçu le"), default=timezone.now)

    class Meta:
        verbose_name = _("événement du prestataire de paiement")
        verbose_name_plural = _("événements du prestataire de paiement")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once"),
            state_check_constraint("provider_event", "outcome", ProviderEventOutcome),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id} ({self.type})"


class SandboxCheckoutStatus(models.TextChoices):
    OPEN = "open", _("ouverte")
    CHALLENGE = "challenge", _("authentification 3-D Secure demandée")
    SUCCEEDED = "succeeded", _("payée")
    DECLINED = "declined", _("refusée")
    ABANDONED = "abandoned", _("abandonnée")


class SandboxCheckout(models.Model):
    """The sandbox provider's own record of a hosted payment page (what a real provider
    keeps on its side): the shop's payment is reached only through its notifications."""

    TRANSITIONS = {
        SandboxCheckoutStatus.OPEN: {
            SandboxCheckoutStatus.CHALLENGE,
            SandboxCheckoutStatus.SUCCEEDED,
            SandboxCheckoutStatus.DECLINED,
            SandboxCheckoutStatus.ABANDONED,
        },
        SandboxCheckoutStatus.CHALLENGE: {
            SandboxCheckoutStatus.SUCCEEDED,
            SandboxCheckoutStatus.DECLINED,
            SandboxCheckoutStatus.ABANDONED,
        },
    }

    token = models.CharField(max_length=48, unique=True)
    status = models.CharField(
        max_length=16, choices=SandboxCheckoutStatus.choices, default=SandboxCheckoutStatus.OPEN
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=255)
    metadata = models.JSONField(default=dict)
    return_url = models.URLField(max_length=500)
    card_last4 = models.CharField(max_length=4, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("paiement du bac à sable")
        verbose_name_plural = _("paiements du bac à sable")
        constraints = [
            state_check_constraint("sandbox_checkout", "status", SandboxCheckoutStatus),
        ]

    def __str__(self) -> str:
        return self.token


class PaymentAllocation(models.Model):
    """Part of a validated payment counted against one invoice (the invoice's own
    `InvoiceSettlement` records the same amount). What no allocation covers is the
    customer's credit, usable on later invoices or refunded by staff."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("paiement")
    )
    invoice = models.ForeignKey(
        "billing.Invoice",
        on_delete=models.PROTECT,
        related_name="payment_allocations",
        verbose_name=_("facture"),
    )
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    created_by = models.CharField(_("enregistré par"), max_length=200)

    class Meta:
        verbose_name = _("affectation de paiement")
        verbose_name_plural = _("affectations de paiement")
        ordering = ["payment", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="paymentallocation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} → {self.invoice_id}: {self.amount}"


class PaymentRefund(models.Model):
    """Part of a validated payment that no allocation uses (the customer's credit), paid
    back to the customer by staff (a transfer out). Never more than that part."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("paiement")
    )
    amount = models.DecimalField(_("montant"), max_digits=14, decimal_places=2)
    refunded_on = models.DateField(_("remboursé le"))
    reference = models.CharField(_("référence du virement"), max_length=64)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)
    created_by = models.CharField(_("enregistré par"), max_length=200)

    class Meta:
        verbose_name = _("remboursement de crédit")
        verbose_name_plural = _("remboursements de crédit")
        ordering = ["payment", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="paymentrefund_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} ← {self.amount}"
