"""Writes of the shop's seller and terms data (see docs/architecture.md)."""

from shop.services.presets import seller_preset_load
from shop.services.terms import terms_draft_create, terms_publish

__all__ = [
    "seller_preset_load",
    "terms_draft_create",
    "terms_publish",
]
