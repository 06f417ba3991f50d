"""Fixtures shared by every app's tests. Keep it small: factories live next to their app."""

import os

import pytest
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Hypothesis fails an example that takes over 200 ms, and a strategy slow to generate data:
# on a busy machine both happen to correct code. Properties are about values, not speed.
# In CI (CI=true) the examples are derived from each test's name: a run gives the same
# verdict twice, and new inputs are explored by developers' runs, which stay random.
hypothesis_settings.register_profile(
    "shop",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
)
hypothesis_settings.load_profile("shop")


@pytest.fixture(scope="session", autouse=True)
def _cache_keys_per_process():
    """Each test process (an xdist worker, the serial run, the production-settings run) has
    its own test database; its cache keys are its own too, so that no process reads a value
    cached from another's database when they share a Redis."""
    from django.conf import settings
    from django.test.utils import override_settings

    prefix = f"test-{os.getpid()}"
    caches = {alias: {**cache, "KEY_PREFIX": prefix} for alias, cache in settings.CACHES.items()}
    with override_settings(CACHES=caches):
        yield


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
