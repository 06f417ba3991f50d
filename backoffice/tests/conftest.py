import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hashing is not what these tests are about; PBKDF2 would make them slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def terms(db):
    """The seller and its published terms (004 kind: quotes valid 15 days)."""
    from orders.tests.factories import terms_004

    return terms_004()
