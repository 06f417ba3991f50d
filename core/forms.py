"""Showing a service's refusal on the form the person is filling in."""

from __future__ import annotations

from django import forms

from core.errors import BusinessError


def add_business_error(form: forms.Form, error: BusinessError) -> None:
    """Show a service's error next to its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
