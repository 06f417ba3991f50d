"""Fixtures shared by every app's tests. Keep it small: factories live next to their app."""

import pytest
from django.utils import translation


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
