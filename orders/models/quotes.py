"""Quotes (devis), their lines, and the evidence of a "Bon pour accord".

A quote is prepared by sales as a draft, then **issued**: it receives a number from the
"DEV" series, a validity end from the pinned terms, a canonical content (deterministic
JSON of everything the customer signs) with its SHA-256, and a PDF stored once with its
own SHA-256. From then on its content is frozen in the database (triggers refuse any
change of the content columns and of its lines). A revision is a new version (same
number, version + 1) that supersedes the previous one when it is issued.

`QuoteSignature` is the evidence of the acceptance: who, when, from where, what exactly
(content and PDF hashes), under which terms version, with which payment method, and the
signature itself. It is append-only (a database trigger refuses UPDATE and DELETE).
"""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.transitions import state_check_constraint
from shop.models.terms_choices import PaymentMethod

SHA256_REGEX = r"^[0-9a-f]{64}$"


class QuoteStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    ISSUED = "issued", _("émis, en attente de signature")
    SIGNED = "signed", _("signé (bon pour accord)")
    EXPIRED = "expired", _("expiré")
    SUPERSEDED = "superseded", _("remplacé par une nouvelle version")
    CANCELLED = "cancelled", _("brouillon abandonné")


# Statuses whose content is frozen (the quote was issued).
ISSUED_STATUSES = (
    QuoteStatus.ISSUED,
    QuoteStatus.SIGNED,
    QuoteStatus.EXPIRED,
    QuoteStatus.SUPERSEDED,
)


class LineKind(models.TextChoices):
    GOODS = "goods", _("article du catalogue")
    SPECIAL = "special", _("commande spéciale (hors catalogue)")
    ECO_TAX = "eco_tax", _("éco-participation")
    PACKAGING = "packaging", _("emballage")
    SHIPPING = "shipping", _("frais de port")


# Lines sales type in; the others are computed by the pricing engine.
ENTERED_KINDS = (LineKind.GOODS, LineKind.SPECIAL)


class SignatureMode(models.TextChoices):
    DRAWN = "drawn", _("signature dessinée")
    TYPED = "typed", _("signature saisie au clavier")


def _frozen(*fields: str) -> pgtrigger.Q:
    condition = pgtrigger.Q()
    for name in fields:
        condition |= pgtrigger.Q(**{f"old__{name}__df": pgtrigger.F(f"new__{name}")})
    return condition


class Quote(models.Model):
    """One version of a quote. Moves: core.transitions only (see TRANSITIONS)."""

    Status = QuoteStatus
    TRANSITIONS = {
        QuoteStatus.DRAFT: {QuoteStatus.ISSUED, QuoteStatus.CANCELLED},
        QuoteStatus.ISSUED: {QuoteStatus.SIGNED, QuoteStatus.EXPIRED, QuoteStatus.SUPERSEDED},
        QuoteStatus.EXPIRED: {QuoteStatus.SUPERSEDED},
    }

    company = models.ForeignKey(
        "accounts.Company",
        on_delete=models.PROTECT,
        related_name="quotes",
        verbose_name=_("entreprise cliente"),
    )
    delivery_address = models.ForeignKey(
        "accounts.DeliveryAddress",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adresse de livraison"),
        help_text=_("Vide : la première adresse de livraison de l'entreprise."),
    )
    quote_request = models.ForeignKey(
        "shop.QuoteRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("demande de devis d'origine"),
    )
    previous_version = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revisions",
        verbose_name=_("version précédente"),
        editable=False,
    )
    number = models.CharField(_("numéro"), max_length=32, blank=True, db_index=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=QuoteStatus.choices,
        default=QuoteStatus.DRAFT,
        editable=False,
    )
    is_special_order = models.BooleanField(
        _("commande spéciale"),
        default=False,
        editable=False,
        help_text=_(
            "Au moins une ligne hors catalogue : la validité est celle d'une offre sur "
            "commande spéciale quand les CGV en prévoient une (003 art. 2.3)."
        ),
    )
    discount_percent = models.DecimalField(
        _("remise client (%)"),
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text=_(
            "Pourcentage de remise sur le prix unitaire des articles de classe normale "
            "(jamais sur les classes « L » et « S », 004 art. 4)."
        ),
    )
    shipping_fee_ht = models.DecimalField(
        _("frais de port chiffrés (HT)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "Vide : frais calculés par la règle des CGV. Rempli : frais chiffrés par le "
            "service commercial (001 art. 6), 0 pour une livraison offerte."
        ),
    )
    free_text = models.TextField(
        _("texte libre"),
        blank=True,
        help_text=_("Imprimé sur le devis (conditions particulières, délai, remarques)."),
    )
    terms = models.ForeignKey(
        "shop.Terms",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("version des CGV"),
        editable=False,
    )
    vat_regime = models.JSONField(_("régime de TVA"), default=dict, blank=True, editable=False)
    payment_methods = ArrayField(
        models.CharField(max_length=20, choices=PaymentMethod.choices),
        verbose_name=_("moyens de paiement proposés"),
        default=list,
        blank=True,
        editable=False,
    )
    goods_ht = models.DecimalField(
        _("total des articles HT"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    total_ht = models.DecimalField(
        _("total HT"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    total_vat = models.DecimalField(
        _("TVA"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    total_ttc = models.DecimalField(
        _("total TTC"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    issued_at = models.DateTimeField(_("émis le"), null=True, blank=True, editable=False)
    valid_until = models.DateTimeField(
        _("valable jusqu'au"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Premier instant où le devis n'est plus valable (exclu)."),
    )
    canonical_content = models.TextField(_("contenu canonique (JSON)"), blank=True, editable=False)
    content_sha256 = models.CharField(
        _("empreinte SHA-256 du contenu"), max_length=64, blank=True, editable=False
    )
    pdf = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF émis"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("créé par"),
        editable=False,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("émis par"),
        editable=False,
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("devis")
        verbose_name_plural = _("devis")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("issue_quote", _("Peut émettre, réviser et abandonner des devis")),
        ]
        indexes = [
            models.Index(fields=["status", "valid_until"], name="quote_status_valid_until"),
            models.Index(fields=["company", "status"], name="quote_company_status"),
        ]
        constraints = [
            state_check_constraint("quote", "status", QuoteStatus),
            models.UniqueConstraint(
                fields=["number", "version"],
                condition=~models.Q(number="") & ~models.Q(status=QuoteStatus.CANCELLED),
                name="quote_number_version_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=ISSUED_STATUSES)
                | (
                    ~models.Q(number="")
                    & models.Q(
                        issued_at__isnull=False,
                        valid_until__isnull=False,
                        pdf__isnull=False,
                        terms__isnull=False,
                        content_sha256__regex=SHA256_REGEX,
                    )
                ),
                name="quote_issued_is_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_percent__gte=0, discount_percent__lte=100),
                name="quote_discount_percent_range",
            ),
            models.CheckConstraint(
                condition=models.Q(shipping_fee_ht__isnull=True) | models.Q(shipping_fee_ht__gte=0),
                name="quote_shipping_fee_positive",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="quote_version_gte_1"),
        ]
        triggers = [
            # What was issued is what is signed: no change of content once issued.
            pgtrigger.Protect(
                name="quote_issued_content_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status__in=[s.value for s in ISSUED_STATUSES])
                & _frozen(
                    "company_id",
                    "number",
                    "version",
                    "canonical_content",
                    "content_sha256",
                    "pdf_id",
                    "valid_until",
                    "issued_at",
                    "terms_id",
                    "total_ht",
                    "total_ttc",
                    "payment_methods",
                ),
            ),
            pgtrigger.Protect(
                name="quote_issued_not_deleted",
                operation=pgtrigger.Delete,
                condition=~pgtrigger.Q(old__status=QuoteStatus.DRAFT.value),
            ),
        ]

    def __str__(self) -> str:
        if not self.number:
            return f"{_('Devis')} ({_('brouillon')} #{self.pk})"
        return f"{_('Devis')} {self.reference}"

    @property
    def reference(self) -> str:
        """The printed identifier: the number, with the version from the second one."""
        if not self.number:
            return ""
        return self.number if self.version == 1 else f"{self.number} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.status == QuoteStatus.DRAFT


_LINES_FROZEN_SQL = """
IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM orders_quote q WHERE q.id = OLD.quote_id AND q.status <> 'draft')
    THEN
        RAISE EXCEPTION 'The lines of an issued quote cannot change';
    END IF;
    RETURN OLD;
END IF;
IF EXISTS (SELECT 1 FROM orders_quote q WHERE q.id = NEW.quote_id AND q.status <> 'draft') THEN
    RAISE EXCEPTION 'The lines of an issued quote cannot change';
END IF;
IF TG_OP = 'UPDATE' AND EXISTS (
    SELECT 1 FROM orders_quote q WHERE q.id = OLD.quote_id AND q.status <> 'draft'
) THEN
    RAISE EXCEPTION 'The lines of an issued quote cannot change';
END IF;
RETURN NEW;
"""


class QuoteLine(models.Model):
    """A line of a quote. Goods and special lines are entered by sales; eco-tax, packaging
    and shipping lines are written by the pricing engine (`quote_draft_reprice`)."""

    Kind = LineKind

    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, related_name="lines", verbose_name=_("devis")
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    kind = models.CharField(
        _("type de ligne"), max_length=16, choices=LineKind.choices, default=LineKind.GOODS
    )
    product = models.ForeignKey(
        "shop.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("produit"),
        help_text=_("Vide pour une ligne hors catalogue (commande spéciale)."),
    )
    reference = models.CharField(_("référence"), max_length=64, blank=True)
    designation = models.CharField(_("désignation"), max_length=255, blank=True)
    quantity = models.PositiveIntegerField(_("quantité"), default=1)
    list_price_ht = models.DecimalField(
        _("prix catalogue HT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Ligne hors catalogue : prix unitaire HT proposé. Sinon : prix du catalogue."),
    )
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    discount_percent = models.DecimalField(
        _("remise de la ligne (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Remplace la remise du devis pour cette ligne (articles de classe normale)."),
    )
    net_price_ht = models.DecimalField(
        _("prix net HT"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Prix unitaire HT accordé, sans palier ni remise."),
    )
    unit_price_ht = models.DecimalField(
        _("prix unitaire HT"), max_digits=14, decimal_places=2, default=0, editable=False
    )
    line_total_ht = models.DecimalField(
        _("total HT"), max_digits=14, decimal_places=2, default=0, editable=False
    )

    class Meta:
        verbose_name = _("ligne de devis")
        verbose_name_plural = _("lignes de devis")
        ordering = ["quote", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=LineKind.values), name="quote_line_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(quantity__gte=1), name="quote_line_quantity_gte_1"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=LineKind.GOODS) | models.Q(product__isnull=False),
                name="quote_line_goods_has_product",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=LineKind.SPECIAL) | models.Q(product__isnull=True),
                name="quote_line_special_has_no_product",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_percent__isnull=True)
                | (
                    models.Q(net_price_ht__isnull=True)
                    & models.Q(discount_percent__gt=0, discount_percent__lt=100)
                ),
                name="quote_line_discount_or_net_price",
            ),
            models.CheckConstraint(
                condition=models.Q(net_price_ht__isnull=True) | models.Q(net_price_ht__gte=0),
                name="quote_line_net_price_gte_0",
            ),
        ]
        triggers = [
            pgtrigger.Trigger(
                name="quote_line_frozen_after_issue",
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                when=pgtrigger.Before,
                func=_LINES_FROZEN_SQL,
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference or self.get_kind_display()} × {self.quantity}"


class QuoteSignature(models.Model):
    """The evidence of one "Bon pour accord". Append-only (database trigger)."""

    quote = models.OneToOneField(
        Quote, on_delete=models.PROTECT, related_name="signature", verbose_name=_("devis")
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signataire (compte)"),
    )
    signer_name = models.CharField(_("nom saisi"), max_length=150)
    signer_title = models.CharField(_("qualité saisie"), max_length=150)
    company_name = models.CharField(_("entreprise (en guise de cachet)"), max_length=255)
    signed_at = models.DateTimeField(_("signé le"))
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    user_agent = models.TextField(_("navigateur (user agent)"), blank=True)
    terms = models.ForeignKey(
        "shop.Terms",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("CGV acceptées"),
    )
    terms_version = models.PositiveIntegerField(_("version des CGV acceptée"))
    payment_method = models.CharField(
        _("moyen de paiement choisi"), max_length=20, choices=PaymentMethod.choices
    )
    content_sha256 = models.CharField(_("SHA-256 du contenu signé"), max_length=64)
    shown_pdf_sha256 = models.CharField(_("SHA-256 du PDF présenté"), max_length=64)
    signature_mode = models.CharField(
        _("type de signature"), max_length=8, choices=SignatureMode.choices
    )
    signature_image = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image de la signature (PNG)"),
    )
    signature_image_sha256 = models.CharField(
        _("SHA-256 de l'image de la signature"), max_length=64, blank=True
    )
    typed_signature = models.CharField(_("signature saisie"), max_length=150, blank=True)
    # Rendered after commit by a worker (outbox topic "orders.quote_signed_pdf"): empty
    # for the seconds in between, then set once and frozen like the rest.
    signed_pdf = models.ForeignKey(
        "core.StoredDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF signé"),
    )
    signed_pdf_sha256 = models.CharField(_("SHA-256 du PDF signé"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("bon pour accord (preuve)")
        verbose_name_plural = _("bons pour accord (preuves)")
        ordering = ["-signed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    content_sha256__regex=SHA256_REGEX,
                    shown_pdf_sha256__regex=SHA256_REGEX,
                ),
                name="quote_signature_hashes_hex",
            ),
            models.CheckConstraint(
                condition=models.Q(signed_pdf__isnull=True, signed_pdf_sha256="")
                | models.Q(signed_pdf__isnull=False, signed_pdf_sha256__regex=SHA256_REGEX),
                name="quote_signature_signed_pdf_with_hash",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    signature_mode=SignatureMode.DRAWN,
                    signature_image__isnull=False,
                    signature_image_sha256__regex=SHA256_REGEX,
                )
                | (models.Q(signature_mode=SignatureMode.TYPED) & ~models.Q(typed_signature="")),
                name="quote_signature_has_signature",
            ),
            models.CheckConstraint(
                condition=models.Q(payment_method__in=PaymentMethod.values),
                name="quote_signature_payment_method_valid",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="quote_signature_append_only", operation=pgtrigger.Delete),
            # The only update: the signed PDF and its hash, set once after commit.
            pgtrigger.Protect(
                name="quote_signature_evidence_frozen",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__signed_pdf__isnull=False)
                | _frozen(
                    "id",
                    "quote_id",
                    "signer_id",
                    "signer_name",
                    "signer_title",
                    "company_name",
                    "signed_at",
                    "ip_address",
                    "user_agent",
                    "terms_id",
                    "terms_version",
                    "payment_method",
                    "content_sha256",
                    "shown_pdf_sha256",
                    "signature_mode",
                    "signature_image_id",
                    "signature_image_sha256",
                    "typed_signature",
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Bon pour accord')} {self.quote.reference} — {self.signer_name}"
