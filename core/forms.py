"""Showing a service's refusal on the form the person is filling in; reading typed lists."""

from __future__ import annotations

import re

from django import forms

from core.errors import BusinessError


def add_business_error(form: forms.Form, error: BusinessError) -> None:
    """Show a service's error next to its field (or above the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


SERIAL_SEPARATORS = re.compile(r"[\s,;]+")


def serials_parse(text: str) -> tuple[str, ...]:
    """Serial numbers typed one per line or separated by commas, spaces or semicolons."""
    return tuple(serial for serial in SERIAL_SEPARATORS.split(text.strip()) if serial)
