from datetime import date

import pytest


@pytest.fixture
def terms(db):
    """The seller and its published terms (default column: Kbis 3 months, dormancy 12)."""
    from shop.tests.factories import TermsFactory

    return TermsFactory(published=True, effective_date=date(2025, 1, 1))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing is not what these tests are about; PBKDF2 would make them slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
