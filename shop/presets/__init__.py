"""The five sellers' terms of sale as configuration (one module per preset, 000 to 004).

Each module `preset_<code>.py` gives the seller's identity as its seed terms state it
(nothing invented: what the seed does not say is left blank), the effective date of
the version, every parameter of the terms (the preset's column of the parameters table
in docs/rules/terms-parameters.md) and the files of the full text under `texts/`, one per
language: the seed's text verbatim in its language, and translations (`TRANSLATED_FROM`,
language: source language) where the seed lacks French, the contract language that
prevails, and for the Belgian sellers in Dutch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError

PRESET_CODES = ("000", "001", "002", "003", "004")
TEXTS_DIR = Path(__file__).resolve().parent / "texts"


@dataclass(frozen=True)
class Preset:
    code: str
    description: str
    seller: dict
    terms: dict
    effective_date: date
    texts: dict[str, str] = field(default_factory=dict)
    translated_from: dict[str, str] = field(default_factory=dict)


def preset_get(code: str) -> Preset:
    """The preset `code` with its texts read from disk; `BusinessError` for an unknown code."""
    if code not in PRESET_CODES:
        raise BusinessError(
            "seller_preset_unknown",
            _("Préréglage inconnu « %(code)s » : choisissez parmi %(codes)s."),
            params={"code": code, "codes": ", ".join(PRESET_CODES)},
        )
    module = import_module(f"shop.presets.preset_{code}")
    texts = {
        language: (TEXTS_DIR / filename).read_text(encoding="utf-8")
        for language, filename in module.TEXT_FILES.items()
    }
    return Preset(
        code=code,
        description=module.DESCRIPTION,
        seller=dict(module.SELLER),
        terms=dict(module.TERMS),
        effective_date=module.EFFECTIVE_DATE,
        texts=texts,
        translated_from=dict(getattr(module, "TRANSLATED_FROM", {})),
    )
