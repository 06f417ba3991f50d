from datetime import date

import pytest


@pytest.fixture
def terms(db):
    """The seller and its published terms (default column: Kbis 3 months, dormancy 12)."""
    from shop.tests.factories import TermsFactory

    return TermsFactory(published=True, effective_date=date(2025, 1, 1))
