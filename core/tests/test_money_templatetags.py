"""The `eur` filter: `format_eur` in the active language; no database needed."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

NNBSP = "\u202f"
NBSP = "\u00a0"


def render(amount) -> str:
    return Template("{% load money %}{{ amount|eur }}").render(Context({"amount": amount}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", f"1{NNBSP}234,56{NBSP}€"),
        ("en", "€1,234.56"),
        ("nl", f"€{NBSP}1.234,56"),
        (None, f"1{NNBSP}234,56{NBSP}€"),  # translations deactivated: French
    ],
)
def test_eur_uses_the_active_language(language, expected):
    with translation.override(language):
        assert render(Decimal("1234.56")) == expected


def test_eur_negative_and_zero_in_french():
    with translation.override("fr"):
        assert render(Decimal("-12")) == f"-12,00{NBSP}€"
        assert render(Decimal("0")) == f"0,00{NBSP}€"
        assert render(0) == f"0,00{NBSP}€"  # zero is a value, not "nothing"


def test_eur_rounds_half_up():
    with translation.override("fr"):
        assert render(Decimal("2.675")) == f"2,68{NBSP}€"  # exactly half a cent: up


def test_eur_prints_nothing_for_none_or_empty():
    assert render(None) == ""
    assert render("") == ""


def test_eur_reads_comma_strings():
    with translation.override("fr"):
        assert render("12,5") == f"12,50{NBSP}€"


def test_eur_refuses_floats():
    with pytest.raises(TypeError):
        render(12.5)
