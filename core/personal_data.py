"""What the shop holds on one person, gathered from every app for their download.

Each app declares in `<app>/personal_data.py` the sections it holds with
`@personal_data_section(name=..., order=...)` on a function `(*, user) -> data` that
returns only that user's data (and their companies' data they may already see), in
JSON-ready values. Core discovers the modules at start-up, as it does for daily jobs,
so accounts need not know the apps to its right (orders holds signatures).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone


@dataclass(frozen=True)
class PersonalDataSection:
    name: str
    order: int
    func: Callable[..., Any]


_SECTIONS: dict[str, PersonalDataSection] = {}


def personal_data_section(*, name: str, order: int):
    """Register `func` as the section `name` of the export, at position `order`."""

    def register(func):
        existing = _SECTIONS.get(name)
        if existing is not None and existing.func is not func:
            raise ValueError(f"Personal data section {name!r} is already registered.")
        _SECTIONS[name] = PersonalDataSection(name=name, order=order, func=func)
        return func

    return register


def personal_data_export(*, user) -> dict[str, Any]:
    """Every registered section for `user`, in order, with the time of the export."""
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat()}
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.name)):
        data[section.name] = section.func(user=user)
    return data
