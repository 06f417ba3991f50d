"""Orders: formed when a quote is signed ("Bon pour accord"), with lines copied from it.

The status pipeline is data (`TRANSITIONS`); moves go through core.transitions and leave
an audit row. An order on hold carries the reason, shown to staff and to the customer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint
from orders.models.quotes import LineKind
from shop.models.terms_choices import PaymentMethod


class OrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("en attente de paiement")
    CONFIRMED = "confirmed", _("confirmée")
    IN_PREPARATION = "in_preparation", _("en préparation")
    PARTIALLY_SHIPPED = "partially_shipped", _("expédiée en partie")
    SHIPPED = "shipped", _("expédiée")
    DELIVERED = "delivered", _("livrée")
    CLOSED = "closed", _("clôturée")
    CANCELLED = "cancelled", _("annulée")
    ON_HOLD = "on_hold", _("bloquée")


class PaymentTermKind(models.TextChoices):
    """The company's payment term when the order was formed (accounts' PaymentTerm values)."""

    CASH_AT_ORDER = "cash_at_order", _("comptant à la commande")
    DEFERRED = "deferred", _("paiement différé (à terme)")


class HoldCode(models.TextChoices):
    CREDIT_LIMIT = "credit_limit", _("L'encours autorisé serait dépassé")
    DELIVERY_SUSPENDED = "delivery_suspended", _("Livraisons suspendues")
    OVERDUE_INVOICES = "overdue_invoices", _("Factures échues impayées")
    PAYMENT_DISPUTED = "payment_disputed", _("Paiement contesté auprès de la banque")
    STAFF = "staff", _("Mise en attente par nos services")


class CancellationCause(models.TextChoices):
    """Causes of a cancellation decided by a rule, worded in the reader's language."""

    UNPAID_TRANSFER = (
        "unpaid_transfer",
        _("Virement non reçu dans le délai prévu par nos conditions de vente"),
    )
    UNPAID_CARD = (
        "unpaid_card",
        _("Paiement par carte non abouti dans le délai prévu par nos conditions de vente"),
    )
    SPECIAL_ORDER_UNPAID = (
        "special_order_unpaid",
        _("Commande spéciale non payée dans le délai prévu par nos conditions de vente"),
    )
    PICKUP_EXPIRED = (
        "pickup_expired",
        _("Marchandise non retirée dans le délai prévu par nos conditions de vente"),
    )


class Order(models.Model):
    Status = OrderStatus
    # Shipping happens only from preparation; an order on hold returns to the state it was
    # held from (`held_from`) once the cause clears. 003 art. 6.2 allows a cancellation
    # (with its fee) after shipping, until delivery.
    TRANSITIONS = {
        OrderStatus.AWAITING_PAYMENT: {
            OrderStatus.CONFIRMED,
            OrderStatus.ON_HOLD,
            OrderStatus.CANCELLED,
        },
        OrderStatus.CONFIRMED: {
            OrderStatus.IN_PREPARATION,
            OrderStatus.ON_HOLD,
            OrderStatus.CANCELLED,
        },
        OrderStatus.IN_PREPARATION: {
            OrderStatus.PARTIALLY_SHIPPED,
            OrderStatus.SHIPPED,
            OrderStatus.ON_HOLD,
            OrderStatus.CANCELLED,
        },
        OrderStatus.PARTIALLY_SHIPPED: {
            OrderStatus.SHIPPED,
            OrderStatus.ON_HOLD,
            OrderStatus.CANCELLED,
        },
        OrderStatus.SHIPPED: {OrderStatus.DELIVERED, OrderStatus.CANCELLED},
        OrderStatus.DELIVERED: {OrderStatus.CLOSED},
        OrderStatus.ON_HOLD: {
            OrderStatus.AWAITING_PAYMENT,
            OrderStatus.CONFIRMED,
            OrderStatus.IN_PREPARATION,
            OrderStatus.PARTIALLY_SHIPPED,
            OrderStatus.CANCELLED,
        },
    }

    number = models.CharField(_("numéro"), max_length=32, unique=True, editable=False)
    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("entreprise cliente"),
    )
    quote = models.OneToOneField(
        "orders.Quote",
        on_delete=models.PROTECT,
        related_name="order",
        verbose_name=_("devis signé"),
    )
    terms = models.ForeignKey(
        "shop.Terms", on_delete=models.PROTECT, related_name="+", verbose_name=_("version des CGV")
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=OrderStatus.choices, editable=False
    )
    hold_code = models.CharField(
        _("motif du blocage"), max_length=20, choices=HoldCode.choices, blank=True
    )
    hold_detail = models.TextField(_("détail du blocage"), blank=True)
    held_from = models.CharField(
        _("statut avant le blocage"),
        max_length=20,
        choices=OrderStatus.choices,
        blank=True,
        editable=False,
    )
    planned_delivery_on = models.DateField(
        _("livraison prévue le"),
        null=True,
        blank=True,
        help_text=_("Fixée par nos services ; elle borne les modifications (001 art. 5)."),
    )
    payment_method = models.CharField(
        _("moyen de paiement"), max_length=20, choices=PaymentMethod.choices
    )
    payment_term = models.CharField(
        _("conditions de paiement"), max_length=16, choices=PaymentTermKind.choices
    )
    deferred_days = models.PositiveSmallIntegerField(
        _("délai de paiement (jours)"), null=True, blank=True
    )
    deposit_amount = models.DecimalField(
        _("paiement exigé à la commande (TTC)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Fixé par nos services : la commande est confirmée dès qu'il est payé ; le "
            "solde suit les conditions de paiement."
        ),
    )
    vat_regime = models.JSONField(_("régime de TVA"), default=dict)
    delivery_address = models.TextField(_("adresse de livraison"), blank=True)
    goods_ht = models.DecimalField(_("total des articles HT"), max_digits=14, decimal_places=2)
    total_ht = models.DecimalField(_("total HT"), max_digits=14, decimal_places=2)
    total_vat = models.DecimalField(_("TVA"), max_digits=14, decimal_places=2)
    total_ttc = models.DecimalField(_("total TTC"), max_digits=14, decimal_places=2)
    vat_breakdown = models.JSONField(_("TVA par taux"), default=list)
    placed_at = models.DateTimeField(_("passée le"), default=timezone.now)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signée par"),
    )
    acknowledged_at = models.DateTimeField(
        _("accusé de réception envoyé le"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("commande")
        verbose_name_plural = _("commandes")
        ordering = ["-placed_at", "-id"]
        indexes = [models.Index(fields=["company", "status"], name="order_company_status")]
        permissions = [
            ("prepare_order", _("Peut préparer, expédier et livrer les commandes")),
            ("manage_order", _("Peut bloquer, débloquer, annuler et clôturer les commandes")),
        ]
        constraints = [
            state_check_constraint("order", "status", OrderStatus),
            models.CheckConstraint(
                condition=models.Q(deposit_amount__isnull=True)
                | models.Q(deposit_amount__gt=0, deposit_amount__lt=models.F("total_ttc")),
                name="order_deposit_within_total",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=OrderStatus.ON_HOLD) | ~models.Q(hold_code=""),
                name="order_on_hold_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(payment_method__in=PaymentMethod.values),
                name="order_payment_method_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(payment_term__in=PaymentTermKind.values),
                name="order_payment_term_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Commande')} {self.number}"

    @property
    def hold_label(self) -> str:
        return str(HoldCode(self.hold_code).label) if self.hold_code else ""


class OrderLine(models.Model):
    """A line copied from the signed quote; goods lines carry their stock reservation."""

    Kind = LineKind

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("commande")
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type de ligne"), max_length=16, choices=LineKind.choices)
    product = models.ForeignKey(
        "shop.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("produit"),
    )
    reference = models.CharField(_("référence"), max_length=64, blank=True)
    designation = models.CharField(_("désignation"), max_length=255, blank=True)
    quantity = models.PositiveIntegerField(_("quantité"))
    unit_price_ht = models.DecimalField(_("prix unitaire HT"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2)
    line_total_ht = models.DecimalField(_("total HT"), max_digits=14, decimal_places=2)
    quantity_reserved = models.PositiveIntegerField(_("quantité réservée"), default=0)
    quantity_backordered = models.PositiveIntegerField(_("quantité en reliquat"), default=0)
    quantity_shipped = models.PositiveIntegerField(_("quantité expédiée"), default=0)

    class Meta:
        verbose_name = _("ligne de commande")
        verbose_name_plural = _("lignes de commande")
        ordering = ["order", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=LineKind.values), name="order_line_kind_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=LineKind.GOODS)
                | models.Q(
                    quantity=models.F("quantity_reserved") + models.F("quantity_backordered")
                ),
                name="order_line_goods_reserved_or_backordered",
            ),
            models.CheckConstraint(
                condition=models.Q(kind=LineKind.GOODS) | models.Q(quantity_reserved=0),
                name="order_line_only_goods_reserved",
            ),
            # Only reserved units of the catalogue leave the warehouse; never more than
            # ordered (a special order's line is not held in stock).
            models.CheckConstraint(
                condition=models.Q(quantity_shipped__lte=models.F("quantity"))
                & (
                    ~models.Q(kind=LineKind.GOODS)
                    | models.Q(quantity_shipped__lte=models.F("quantity_reserved"))
                ),
                name="order_line_shipped_within_reserved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or self.get_kind_display()} × {self.quantity}"

    @property
    def is_backordered(self) -> bool:
        return self.quantity_backordered > 0

    @property
    def quantity_to_ship(self) -> int:
        """Units that may leave now: reserved in stock for a catalogue line, all the rest
        for a special order (bought for this customer)."""
        ready = self.quantity_reserved if self.kind == LineKind.GOODS else self.quantity
        return ready - self.quantity_shipped
