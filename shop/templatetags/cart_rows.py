"""`{% load cart_rows %}`: the cart's line rows, built in Python.

A row rendered by the template loop resolved some forty tags, variables, translations and
two `{% url %}` per line: three quarters of the time of a cart whose kept lines had to
be rendered again (after any change). Here the labels and URL prefixes are taken once
per cart, and each row is a few `format_html`.
"""

from urllib.parse import quote

from django import template
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from core.templatetags.money import eur
from shop.templatetags.product_cards import PATH_SAFE

register = template.Library()


def _url_maker(name: str):
    """A function of a line id giving `reverse(name, args=[id])`, reversed only once."""
    head, tail = reverse(name, args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


def _translated(text: str, **values) -> SafeString:
    """A translated sentence as `{% blocktranslate %}` prints it: the text as translated,
    the values escaped."""
    return mark_safe(text % {k: conditional_escape(v) for k, v in values.items()})  # noqa: S308


@register.simple_tag(takes_context=True)
def cart_rows(context, rows) -> SafeString:
    """One `<tr>` per row of the cart view (`line`, `priced`, `error`, `typed`,
    `backordered`), with the quantity and removal forms and the context's CSRF token."""
    product_prefix = reverse("product_detail", args=["-"]).removesuffix("-/")
    update_url, delete_url = _url_maker("cart_line_update"), _url_maker("cart_line_delete")
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context["csrf_token"]
    )
    labels = {
        "update": gettext("Mettre à jour"),
        "remove": gettext("Retirer"),
        "unit": gettext("Prix unitaire HT"),
        "vat": gettext("TVA"),
        "total": gettext("Total HT"),
    }
    return format_html_join(
        "\n",
        "{}",
        (
            (
                _row(
                    row,
                    product_prefix=product_prefix,
                    update=update_url(row["line"].pk),
                    delete=delete_url(row["line"].pk),
                    token=token,
                    labels=labels,
                ),
            )
            for row in rows
        ),
    )


def _notes(priced) -> SafeString:
    """The tier reached and the next one, under the designation."""
    notes = []
    if priced.tier:
        text = gettext("Prix par quantité atteint (à partir de %(n)s)")
        notes.append(_translated(text, n=priced.tier.min_quantity))
    if priced.next_tier:
        text = gettext("À partir de %(n)s : %(price)s HT l'unité")
        notes.append(
            _translated(
                text, n=priced.next_tier.min_quantity, price=eur(priced.next_tier.unit_price_ht)
            )
        )
    return format_html_join("", '<br><span class="tier-note">{}</span>', ((n,) for n in notes))


def _messages(row) -> SafeString:
    """The refused quantity's error and the backorder warning, under the quantity."""
    line, parts = row["line"], []
    if row["error"]:
        parts.append(
            format_html('<p class="field-error" id="err-{}">{}</p>', line.pk, row["error"])
        )
    if row["backordered"]:
        counter = row["backordered"]
        text = ngettext(
            "En stock : %(available)s ; %(counter)s unité sera livrée en reliquat, dès réception.",
            "En stock : %(available)s ; %(counter)s unités seront livrées en reliquat, dès "
            "réception.",
            counter,
        )
        warning = _translated(text, available=line.product.stock_available, counter=counter)
        parts.append(format_html('<p class="stock-warning" id="stock-{}">{}</p>', line.pk, warning))
    return mark_safe("".join(parts))  # noqa: S308 - built by format_html


def _row(row, *, product_prefix, update, delete, token, labels) -> SafeString:
    line, priced = row["line"], row["priced"]
    product = line.product
    invalid = (
        format_html(' aria-invalid="true" aria-describedby="err-{}"', line.pk)
        if row["error"]
        else ""
    )
    return format_html(
        '<tr id="line-{pk}" data-reference="{ref}">'
        '<td><a href="{href}">{ref}</a><br>{designation}{notes}</td>'
        '<td><form class="inline-form qty-form" method="post" action="{update}" novalidate>'
        '{token}<label class="visually-hidden" for="qty-{pk}">{label}</label>'
        '<input type="text" inputmode="numeric" size="5" name="quantite" id="qty-{pk}"'
        ' value="{typed}"{invalid}>'
        ' <button type="submit" class="button">{update_label}</button>{messages}</form></td>'
        '<td class="num" data-label="{unit_label}">{unit}</td>'
        '<td class="num" data-label="{vat_label}">{vat} %</td>'
        '<td class="num" data-label="{total_label}">{total}</td>'
        '<td><form class="inline-form" method="post" action="{delete}">'
        '{token}<button type="submit" class="button">{remove_label}</button></form></td>'
        "</tr>",
        pk=line.pk,
        ref=product.reference,
        href=f"{product_prefix}{quote(product.reference, safe=PATH_SAFE)}/",
        designation=product.designation,
        notes=_notes(priced),
        update=update,
        token=token,
        label=_translated(gettext("Quantité de %(ref)s"), ref=product.reference),
        typed=row["typed"],
        invalid=invalid,
        update_label=labels["update"],
        messages=_messages(row),
        unit_label=labels["unit"],
        unit=eur(priced.unit_price_ht),
        vat_label=labels["vat"],
        vat=floatformat(product.vat_rate, "-2"),
        total_label=labels["total"],
        total=eur(priced.line_total_ht),
        delete=delete,
        remove_label=labels["remove"],
    )
