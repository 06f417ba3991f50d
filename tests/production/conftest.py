"""The production configuration under test: DEMO_MODE and DEBUG off, the manifest static
storage over files collected into STATIC_ROOT, WhiteNoise serving them, HTTPS enforced.

`make test` runs this directory in a pytest process of its own, after `collectstatic`,
with the environment of a production server (`scripts/devstack.py test-production` runs
only this part). In the demo-mode run of the rest of the suite these tests are skipped:
settings are read once per process, from the environment.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.test import Client

PRODUCTION_ONLY = "production settings only: run by `make test` (scripts/devstack.py)"


def is_production_configuration() -> bool:
    from config import settings as project_settings

    return not project_settings.DEMO_MODE and not project_settings.DEBUG


def pytest_collection_modifyitems(config, items):
    here = str(config.rootpath / "tests" / "production")
    if is_production_configuration():
        return
    skip = pytest.mark.skip(reason=PRODUCTION_ONLY)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _collected_static_files():
    """The manifest storage answers only for files `collectstatic` wrote."""
    assert isinstance(staticfiles_storage, ManifestFilesMixin)
    manifest = Path(settings.STATIC_ROOT) / staticfiles_storage.manifest_name
    assert manifest.is_file(), f"run collectstatic first: {manifest} is missing"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client():
    """Requests as they reach the shop behind its TLS proxy (SECURE_SSL_REDIRECT is on)."""
    return Client(headers={"x-forwarded-proto": "https"})
