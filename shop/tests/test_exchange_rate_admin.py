"""The exchange-rate admin records rates through `exchange_rate_record` and its checks."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from shop.models import ExchangeRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser(email="rates@example.com", password="x")


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


def test_a_rate_typed_with_a_comma_in_lower_case_is_recorded_by_the_service(admin_client, staff):
    response = admin_client.post(
        reverse("admin:shop_exchangerate_add"),
        {"currency": "usd", "day": "2026-03-02", "rate": "1,0850"},
    )
    assert response.status_code == 302
    rate = ExchangeRate.objects.get()
    assert (rate.currency, rate.day, rate.rate, rate.recorded_by) == (
        "USD",
        date(2026, 3, 2),
        Decimal("1.085"),
        staff,
    )


@pytest.mark.parametrize(
    ("currency", "rate", "field", "message"),
    [
        ("EUR", "1", "currency", "Devise : indiquez un code ISO de 3 lettres autre que EUR"),
        ("US", "1", "currency", "Devise : indiquez un code ISO de 3 lettres autre que EUR"),
        ("USD", "0", "rate", "Cours : indiquez un nombre positif, par exemple 1,0850."),
        ("USD", "abc", "rate", "Cours : indiquez un nombre positif, par exemple 1,0850."),
    ],
)
def test_the_services_refusals_are_shown_on_their_field(
    admin_client, currency, rate, field, message
):
    response = admin_client.post(
        reverse("admin:shop_exchangerate_add"),
        {"currency": currency, "day": "2026-03-02", "rate": rate},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert len(errors[field]) == 1
    assert errors[field][0].startswith(message)
    assert not ExchangeRate.objects.exists()


def test_a_recorded_rate_is_corrected_in_place_and_its_day_stays(admin_client, staff):
    rate = ExchangeRate.objects.create(currency="USD", day=date(2026, 3, 2), rate=Decimal("1.08"))
    url = reverse("admin:shop_exchangerate_change", args=[rate.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="day"' not in page and 'name="currency"' not in page
    response = admin_client.post(url, {"rate": "1,0912", "day": "2027-01-01"})
    assert response.status_code == 302
    rate.refresh_from_db()
    assert (rate.day, rate.rate, rate.recorded_by) == (date(2026, 3, 2), Decimal("1.0912"), staff)
    assert ExchangeRate.objects.count() == 1
