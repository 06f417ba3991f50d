"""Fixtures shared by every app's tests. Keep it small: factories live next to their app."""

import os

import pytest
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis fails an example that takes over 200 ms, and a strategy slow to generate data:
# on a busy machine both happen to correct code. Properties are about values, not speed.
hypothesis_settings.register_profile(
    "shop", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("shop")


@pytest.fixture(scope="session", autouse=True)
def _cache_keys_per_worker():
    """Each pytest-xdist worker has its own test database; its cache keys are its own too,
    so that no worker reads a value cached from another's database (Redis is shared)."""
    from django.conf import settings

    for cache in settings.CACHES.values():
        cache["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "")


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path_factory):
    """Files written by a test (stored documents, uploads) go to a temporary directory."""
    root = tmp_path_factory.mktemp("storage")
    settings.PRIVATE_STORAGE_ROOT = root / "private"
    settings.MEDIA_ROOT = root / "media"
    return settings.PRIVATE_STORAGE_ROOT


@pytest.fixture(autouse=True)
def _reset_language():
    """A request made by the test client leaves its language active in the test's thread;
    start and end every test in the default language so `reverse()` gives unprefixed URLs."""
    translation.deactivate()
    yield
    translation.deactivate()
