"""The five presets' Terms as unsaved rows: the pure rules read only their fields."""

from functools import cache

from shop.models import Terms
from shop.presets import preset_get

COUNTRY = {"000": "FR", "001": "FR", "002": "BE", "003": "BE", "004": "FR"}


@cache
def preset_terms(code: str) -> Terms:
    return Terms(**preset_get(code).terms)
