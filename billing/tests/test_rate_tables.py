"""The rate tables: seeded from DOMAIN's appendix, kept by staff in admin with history."""

from datetime import date
from decimal import Decimal as D

import pghistory.models
import pytest
import time_machine
from django.urls import reverse

from billing.models import BelgianCommercialRate, EcbRefinancingRate, FrenchLegalRate
from billing.selectors import rate_book_load, rate_tables_missing
from billing.tests.penalties.rate_book import APPENDIX_RATES

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser(email="rates@example.com", password="x")
    )
    return client


def test_the_migration_seeds_the_appendix_values():
    book = rate_book_load()
    assert book == APPENDIX_RATES
    assert FrenchLegalRate.objects.count() == 7  # 2023 H1 to 2026 H1
    assert EcbRefinancingRate.objects.count() == 15


def test_staff_enter_the_next_half_year_and_the_alert_goes_away(admin_client):
    # 2026 H2 is not in the appendix: on 1 July 2026 both half-yearly tables lack it.
    with time_machine.travel(date(2026, 7, 1), tick=False):
        missing = rate_tables_missing(on=date(2026, 7, 1))
        assert [error.table for error in missing] == ["french_legal", "belgian_commercial"]
        page = admin_client.get(reverse("admin:billing_frenchlegalrate_changelist"))
        shown = [str(message) for message in page.context["messages"]]
        assert any("taux d'intérêt légal français applicable au 01/07/2026" in m for m in shown)

        response = admin_client.post(
            reverse("admin:billing_frenchlegalrate_add"),
            {"year": "2026", "half": "2", "rate": "2.50"},
        )
        assert response.status_code == 302
        BelgianCommercialRate.objects.create(year=2026, half=2, rate=D("10.0"))
        assert rate_tables_missing(on=date(2026, 7, 1)) == []

    row = FrenchLegalRate.objects.get(year=2026, half=2)
    assert rate_book_load().french_legal_rate(date(2026, 9, 1)) == D("2.50")
    events = pghistory.models.Events.objects.tracks(row)
    assert [D(str(event.pgh_data["rate"])) for event in events] == [D("2.50")]


def test_a_second_row_for_the_same_half_year_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:billing_frenchlegalrate_add"),
        {"year": "2025", "half": "1", "rate": "9.99"},
    )
    assert response.status_code == 200
    assert FrenchLegalRate.objects.get(year=2025, half=1).rate == D("3.710")
