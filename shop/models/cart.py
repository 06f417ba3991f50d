"""Carts of signed-in users, and the quote requests made from them.

A user may hold several carts (a product "to order separately" gets a cart of its
own); the most recently touched one is the current cart. Cart lines hold a product
and a quantity only: prices are computed by `shop.services.pricing` each time, from
the catalogue. A quote request copies the lines as they were priced (reference,
designation, quantity, unit price HT, VAT rate), so later catalogue edits change
nothing already asked for.

Only buyers use carts: views require the permission `shop.buy_for_company`
(`shop.permissions.BUY_FOR_COMPANY`), which accounts grants to the users holding a
company's buyer role through its authentication backend.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint


class Cart(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="carts",
        verbose_name=_("utilisateur"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    touched_at = models.DateTimeField(_("modifié le"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("panier")
        verbose_name_plural = _("paniers")
        ordering = ["-touched_at", "-id"]
        permissions = [
            (
                "buy_for_company",
                _("Acheter pour son entreprise (panier, commande rapide, demande de devis)"),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Panier')} {self.pk} ({self.user})"


class CartLine(models.Model):
    cart = models.ForeignKey(
        Cart, on_delete=models.CASCADE, related_name="lines", verbose_name=_("panier")
    )
    product = models.ForeignKey(
        "shop.Product", on_delete=models.CASCADE, related_name="+", verbose_name=_("produit")
    )
    quantity = models.PositiveIntegerField(_("quantité"))
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    class Meta:
        verbose_name = _("ligne de panier")
        verbose_name_plural = _("lignes de panier")
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cart", "product"], name="cart_line_unique_product"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="cart_line_qty_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} × {self.quantity}"


class QuoteRequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("envoyée au service commercial")
    HANDLED = "handled", _("traitée")
    DECLINED = "declined", _("refusée")


class QuoteRequest(models.Model):
    """A buyer asks sales for a quote on a cart's contents (the quote itself comes later).

    The company it is made for is recorded by orders (`orders.QuoteRequestCompany`) in the
    same transaction, told by the `shop.signals.quote_request_submitted` signal: links to
    companies live on the right of shop.
    """

    Status = QuoteRequestStatus
    TRANSITIONS = {
        QuoteRequestStatus.SUBMITTED: {QuoteRequestStatus.HANDLED, QuoteRequestStatus.DECLINED}
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="quote_requests",
        verbose_name=_("demandeur"),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=QuoteRequestStatus.choices,
        default=QuoteRequestStatus.SUBMITTED,
        editable=False,
    )
    message = models.TextField(_("message"), blank=True)
    vat_regime = models.JSONField(
        _("régime de TVA"),
        default=dict,
        help_text=_("Régime et mention légale estimés à la demande (le devis les fixera)."),
    )
    goods_ht = models.DecimalField(
        _("marchandises HT estimées"), max_digits=14, decimal_places=2, default=0
    )
    extras = models.JSONField(
        _("autres lignes estimées"),
        default=list,
        blank=True,
        help_text=_(
            "Éco-participation, emballage et frais de port estimés comme au panier "
            "(type, montant HT ou vide si à chiffrer, taux de TVA)."
        ),
    )
    total_ht = models.DecimalField(
        _("total HT estimé"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Comme au panier : marchandises, éco-participation, emballage et port."),
    )
    decline_reason = models.TextField(_("motif du refus"), blank=True)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("demande de devis")
        verbose_name_plural = _("demandes de devis")
        ordering = ["-created_at", "-id"]
        constraints = [state_check_constraint("quote_request", "status", QuoteRequestStatus)]

    def __str__(self) -> str:
        return f"{_('Demande de devis')} n° {self.pk}"


class QuoteRequestLine(models.Model):
    request = models.ForeignKey(
        QuoteRequest, on_delete=models.CASCADE, related_name="lines", verbose_name=_("demande")
    )
    product = models.ForeignKey(
        "shop.Product",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("produit"),
    )
    reference = models.CharField(_("référence"), max_length=64)
    designation = models.CharField(_("désignation"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantité"))
    unit_price_ht = models.DecimalField(_("prix unitaire HT"), max_digits=14, decimal_places=2)
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2)
    line_total_ht = models.DecimalField(_("total HT"), max_digits=14, decimal_places=2)
    exchange_rate = models.DecimalField(
        _("cours de la devise du jour"),
        max_digits=14,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Produits indexés sur une devise : cours du jour de la demande."),
    )

    class Meta:
        verbose_name = _("ligne de demande de devis")
        verbose_name_plural = _("lignes de demande de devis")
        ordering = ["request", "id"]

    def __str__(self) -> str:
        return f"{self.reference} × {self.quantity}"
