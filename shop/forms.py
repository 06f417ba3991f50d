"""Input validation of the shop's forms (admin and public pages). No business decisions here:
rules that need the database or the terms are in services, which raise BusinessError."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from core.forms import add_business_error
from core.money import to_decimal
from core.uploads import upload_check
from shop.models import VAT_RATES_BY_COUNTRY, DiscountClass, ExchangeRate, Product, ProductImage
from shop.selectors import seller_get_current
from shop.services.currency import exchange_rate_check

PER_PAGE_CHOICES = (24, 48, 96)
IMPORT_MAX_BYTES = 20 * 1024 * 1024
QUICK_ORDER_MAX_BYTES = 1024 * 1024


def _seller_rates() -> tuple[Decimal, ...]:
    seller = seller_get_current()
    return VAT_RATES_BY_COUNTRY[seller.country if seller else "FR"]


def _rates_text(rates) -> str:
    return " ; ".join(f"{rate.normalize():f}".replace(".", ",") for rate in rates)


class FrenchDecimalField(forms.Field):
    """A positive amount typed "12,50" or "12.50"; kept as typed when refused.

    At most `max_digits` digits in all, like the amount columns (14, 2 after the comma):
    a longer number would overflow the decimal context when rounded.
    """

    def __init__(self, *, places: int = 2, max_digits: int = 14, **kwargs):
        self.places = places
        self.max_digits = max_digits
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        cleaned = text.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("€", "")
        try:
            amount = to_decimal(cleaned)
        except (TypeError, ValueError):
            raise ValidationError(
                _("Saisissez un montant, par exemple 12,50."), code="invalid"
            ) from None
        if amount < 0:
            raise ValidationError(_("Le montant ne peut pas être négatif."), code="negative")
        whole_digits = self.max_digits - self.places
        if amount >= Decimal(10) ** whole_digits:
            raise ValidationError(
                _("Montant trop grand : %(digits)s chiffres avant la virgule au plus.")
                % {"digits": whole_digits},
                code="too_large",
            )
        if amount != amount.quantize(Decimal(1).scaleb(-self.places)):
            raise ValidationError(
                _("%(places)s décimales au plus.") % {"places": self.places}, code="places"
            )
        return amount


# --- admin -------------------------------------------------------------------------------------


class ExchangeRateAdminForm(forms.ModelForm):
    """The rate of a currency on a day, checked by the service's own rule."""

    # Text, so that "1,0850" (French decimal comma) reaches the service's check.
    rate = forms.CharField(
        label=_("cours (unités de devise pour 1 EUR)"),
        help_text=_("Par exemple 1,0850 : 1 EUR vaut 1,0850 USD."),
    )

    class Meta:
        model = ExchangeRate
        fields = ("currency", "day", "rate")

    def clean(self):
        cleaned = super().clean()
        currency = cleaned.get("currency", getattr(self.instance, "currency", ""))
        try:
            cleaned["currency"], cleaned["rate"] = exchange_rate_check(
                currency=currency, rate=cleaned.get("rate")
            )
        except BusinessError as error:
            add_business_error(self, error)
        return cleaned


class ProductAdminForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = (
            *("reference", "designation", "description", "category", "brand", "is_active"),
            *("price_ht", "vat_rate", "discount_class", "eco_tax_ht", "packaging_ht"),
            *("is_currency_indexed", "indexed_currency", "stock_on_hand", "stock_reserved"),
            *("pack_multiple", "lot_size", "warranty_class", "manufacturer_warranty"),
            *("is_own_product", "custom_configuration", "order_separately", "is_console"),
        )

    def clean_vat_rate(self):
        rate = self.cleaned_data["vat_rate"]
        rates = _seller_rates()
        if rate is not None and rate not in rates:
            raise ValidationError(
                _(
                    "Taux de TVA %(rate)s %% inexistant dans le pays du vendeur ; taux permis : "
                    "%(rates)s."
                ),
                code="vat_rate_unknown",
                params={
                    "rate": f"{rate.normalize():f}".replace(".", ","),
                    "rates": _rates_text(rates),
                },
            )
        return rate

    def clean_indexed_currency(self):
        return (self.cleaned_data.get("indexed_currency") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        indexed = cleaned.get("is_currency_indexed")
        currency = cleaned.get("indexed_currency", "")
        if indexed and len(currency) != 3:
            self.add_error(
                "indexed_currency",
                _("Indiquez la devise d'indexation (code ISO de 3 lettres, par exemple USD)."),
            )
        if not indexed and currency:
            self.add_error(
                "is_currency_indexed",
                _("Cochez « prix indexé » ou effacez la devise d'indexation."),
            )
        return cleaned


class QuantityTierInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        discount_class = self.instance.discount_class if self.instance else ""
        pack = self.instance.pack_multiple or 1 if self.instance else 1
        active = [
            f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE", False)
        ]
        if active and discount_class == DiscountClass.NEVER_DISCOUNTED:
            raise ValidationError(
                _("Un produit de classe S n'est jamais remisé : supprimez ses paliers.")
            )
        for form in active:
            quantity = form.cleaned_data.get("min_quantity")
            if quantity and quantity % pack:
                form.add_error(
                    "min_quantity",
                    _("Le palier doit être un multiple du PCB (%(pcb)s).") % {"pcb": pack},
                )


class ProductImageForm(forms.ModelForm):
    class Meta:
        model = ProductImage
        fields = ("image", "alt_text", "position")

    def clean_image(self):
        uploaded = self.cleaned_data.get("image")
        if uploaded is None or not hasattr(uploaded, "content_type"):
            return uploaded  # unchanged file
        try:
            checked = upload_check(uploaded_file=uploaded, field="image")
        except BusinessError as error:
            raise ValidationError(error.message, code=error.code) from None
        if checked.content_type not in ("image/png", "image/jpeg"):
            raise ValidationError(_("Choisissez une image PNG ou JPEG."), code="not_an_image")
        self.instance.content_type = checked.content_type
        uploaded.seek(0)
        return uploaded


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV du catalogue"),
        help_text=_(
            "Séparateur point-virgule ; UTF-8 ou Windows-1252 ; décimales avec une virgule ou "
            "un point. Rien n'est importé si une ligne est en erreur."
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > IMPORT_MAX_BYTES:
            raise ValidationError(_("Le fichier dépasse 20 Mo."), code="too_large")
        return uploaded


# --- public pages ------------------------------------------------------------------------------


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)
    categorie = forms.SlugField(label=_("Catégorie"), required=False)
    marque = forms.IntegerField(label=_("Marque"), required=False, min_value=1)
    en_stock = forms.BooleanField(label=_("En stock uniquement"), required=False)
    prix_min = FrenchDecimalField(label=_("Prix HT minimum"), required=False)
    prix_max = FrenchDecimalField(label=_("Prix HT maximum"), required=False)
    par_page = forms.TypedChoiceField(
        label=_("Par page"),
        required=False,
        coerce=int,
        choices=[(n, n) for n in PER_PAGE_CHOICES],
        empty_value=PER_PAGE_CHOICES[0],
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("prix_min"), cleaned.get("prix_max")
        if low is not None and high is not None and low > high:
            self.add_error("prix_max", _("Le prix maximum est inférieur au prix minimum."))
        return cleaned


class AddToCartForm(forms.Form):
    """The quantity is checked by `quantity_parse` (service) to name every bad case."""

    quantite = forms.CharField(label=_("Quantité"), max_length=12)


class CartLineForm(forms.Form):
    quantite = forms.CharField(label=_("Quantité"), max_length=12)


class QuickOrderForm(forms.Form):
    lignes = forms.CharField(
        label=_("Lignes à commander"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_("Une ligne par produit : RÉFÉRENCE;QUANTITÉ, par exemple PC-PRO-14;2."),
    )
    fichier = forms.FileField(
        label=_("ou un fichier CSV"),
        required=False,
        help_text=_("Deux colonnes, référence et quantité, séparées par un point-virgule."),
    )

    def clean_fichier(self):
        uploaded = self.cleaned_data.get("fichier")
        if uploaded is not None and uploaded.size > QUICK_ORDER_MAX_BYTES:
            raise ValidationError(_("Le fichier dépasse 1 Mo."), code="too_large")
        return uploaded

    def clean(self):
        cleaned = super().clean()
        empty = not (cleaned.get("lignes") or "").strip() and not cleaned.get("fichier")
        if empty and not self.errors:
            raise ValidationError(
                _("Collez des lignes RÉFÉRENCE;QUANTITÉ ou choisissez un fichier."),
                code="empty",
            )
        return cleaned


class QuoteRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message au service commercial"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
