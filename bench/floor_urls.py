"""The floor's urlconf (see bench/floor.py)."""

from bench.floor import urlpatterns  # noqa: F401
