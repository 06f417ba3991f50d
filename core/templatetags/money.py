"""`{% load money %}`: amounts printed the way the reader's language writes them."""

from django import template
from django.utils.translation import get_language

from core.money import format_eur

register = template.Library()


@register.filter(is_safe=True)
def eur(amount) -> str:
    """`{{ amount|eur }}`: `format_eur` in the active language (French when none is active).

    None (and the empty string a form may hold) prints as nothing. A float raises
    TypeError like everywhere else in `core.money`: it is a bug to show, not hide.
    """
    if amount is None or amount == "":
        return ""
    return format_eur(amount, lang=get_language() or "fr")
