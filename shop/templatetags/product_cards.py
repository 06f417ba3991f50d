"""`{% load product_cards %}`: the product grid and a product's price, built in Python.

A card rendered by `{% include %}` resolved some twenty tags and variables, two
`{% url %}` and several translations per product: a large share of a catalogue page. Here
the translations and the two URL prefixes are taken once per grid, and each card is one
`format_html`.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from core.templatetags.money import eur
from shop.models.catalogue import DiscountClass

register = template.Library()

# What Django's `reverse` leaves unquoted in a path (django.urls.resolvers).
PATH_SAFE = "!$&'()*+,;=/~:@"


def _login_for_prices(request) -> SafeString:
    href = f"{reverse('login')}?next={quote(request.get_full_path(), safe='/')}"
    return format_html(
        '<p class="product-price price-hidden"><a href="{}">{}</a></p>',
        href,
        gettext("Connectez-vous pour voir les prix"),
    )


def _price(price, labels: dict[str, str]) -> SafeString:
    ttc = (
        format_html("{} {}", eur(price.ttc), labels["ttc"])
        if price.charges_vat
        else labels["exempt"]
    )
    return format_html(
        '<p class="product-price"><span class="price-ht">{} <abbr title="{}">{}</abbr></span>'
        ' <span class="price-ttc">{}</span></p>',
        eur(price.ht),
        labels["excluding_taxes"],
        labels["ht"],
        ttc,
    )


def _price_labels() -> dict[str, str]:
    return {
        "ht": gettext("HT"),
        "excluding_taxes": gettext("hors taxes"),
        "ttc": gettext("TTC"),
        "exempt": gettext("exonéré de TVA"),
    }


@register.simple_tag(takes_context=True)
def product_price(context, price) -> SafeString:
    """A product's unit price, HT then TTC (or "exonéré de TVA"); None (a visitor, when
    prices are for customers) gives the link to log in and come back."""
    if not price:
        return _login_for_prices(context["request"])
    return _price(price, _price_labels())


@register.simple_tag(takes_context=True)
def product_cards(context, rows) -> SafeString:
    """One `<li class="product-card">` per `(product, price)` row."""
    product_prefix = reverse("product_detail", args=["-"]).removesuffix("-/")
    image_prefix = reverse("product_image", args=[0]).removesuffix("0/")
    labels = _price_labels()
    in_stock = format_html('<span class="stock stock-in">{}</span>', gettext("En stock"))
    on_order = format_html('<span class="stock stock-out">{}</span>', gettext("Sur commande"))
    liquidation = format_html(
        ' <span class="badge badge-liquidation">{}</span>', gettext("Liquidation")
    )
    separately = format_html(' <span class="badge">{}</span>', gettext("À commander séparément"))
    hidden_price = None
    cards = []
    for product, price in rows:
        if price:
            price_html = _price(price, labels)
        else:
            hidden_price = hidden_price or _login_for_prices(context["request"])
            price_html = hidden_price
        picture = (
            format_html(
                '<img class="product-thumb" src="{}{}/" alt="" width="480" height="360"'
                ' loading="lazy">',
                image_prefix,
                product.picture_id,
            )
            if product.picture_id
            else ""
        )
        brand = (
            format_html('<p class="product-brand">{}</p>', product.brand.name)
            if product.brand
            else ""
        )
        pack = (
            format_html(
                ' <span class="badge">{}</span>',
                gettext("Par %(n)s") % {"n": product.pack_multiple},
            )
            if product.pack_multiple > 1
            else ""
        )
        cards.append(
            format_html(
                '<li class="product-card">{}<p class="product-ref">{}</p>'
                '<h3><a href="{}{}/">{}</a></h3>{}{}<p class="product-meta">{}{}{}{}</p></li>',
                picture,
                product.reference,
                product_prefix,
                quote(product.reference, safe=PATH_SAFE),
                product.designation,
                brand,
                price_html,
                in_stock if product.stock_available else on_order,
                pack,
                liquidation if product.discount_class == DiscountClass.LIQUIDATION else "",
                separately if product.order_separately else "",
            )
        )
    return format_html_join("\n", "{}", ((card,) for card in cards))
