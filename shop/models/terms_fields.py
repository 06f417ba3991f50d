"""Field builders for the parameters of the Terms: one rule, one typed column (or a pair)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from shop.models.terms_choices import DeliveryZone, DurationUnit, PaymentMethod


class ChoiceArrayField(ArrayField):
    """A list of choices, edited as check boxes in forms."""

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.base_field.choices,
            "coerce": self.base_field.to_python,
            "widget": forms.CheckboxSelectMultiple,
            **kwargs,
        }
        # Skip ArrayField.formfield (a comma-separated text box).
        return super(ArrayField, self).formfield(**defaults)


def duration_field(label, help_text, *, value: int | None = None, unit: str = ""):
    """A duration as two columns: an integer and its unit (both empty when the rule is off)."""
    return (
        models.PositiveIntegerField(
            label, null=True, blank=True, default=value, help_text=help_text
        ),
        models.CharField(
            format_lazy("{} — {}", label, _("unité")),
            max_length=32,
            blank=True,
            default=unit,
            choices=DurationUnit.choices,
            help_text=format_lazy("{} {}", _("Unité de la durée :"), help_text),
        ),
    )


def money_field(label, help_text, *, default: Decimal | None = None):
    return models.DecimalField(
        label,
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        default=default,
        help_text=help_text,
    )


def rate_field(label, help_text, *, default: Decimal | None = None):
    return models.DecimalField(
        label,
        max_digits=9,
        decimal_places=4,
        null=True,
        blank=True,
        default=default,
        help_text=help_text,
    )


def count_field(label, help_text, *, default: int | None = None):
    return models.PositiveIntegerField(
        label, null=True, blank=True, default=default, help_text=help_text
    )


def choice_field(label, help_text, choices, *, default: str = ""):
    return models.CharField(
        label,
        max_length=40,
        blank=True,
        default=default,
        choices=choices.choices,
        help_text=help_text,
    )


def default_payment_methods() -> list[str]:
    return [PaymentMethod.CARD, PaymentMethod.TRANSFER]


def default_delivery_zones() -> list[str]:
    return [DeliveryZone.FR_METRO]


# Pairs of (value, unit) columns created by `_duration`.
DURATION_PREFIXES = (
    "quote_validity",
    "special_order_offer_validity",
    "special_order_payment",
    "unpaid_transfer_cancel",
    "complaint_window",
)
