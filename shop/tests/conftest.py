"""Fixtures of the shop tests."""

import pytest

from shop.tests.factories import grant_buying


@pytest.fixture
def shop_buyer(django_user_model):
    """A user who may buy (`shop.buy_for_company` given by hand, see `grant_buying`), not
    signed in. Shop tests stay independent of accounts' companies and roles."""
    return grant_buying(
        django_user_model.objects.create_user(email="achat@client.example", password="x" * 12)
    )
