"""A person's download holds the return requests they made, never another user's."""

import json
from datetime import date

import pytest
from django.urls import reverse

from returns.tests.factories import customer, invoice, preset_published, product
from returns.tests.flow import requested

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_requester_downloads_their_return_requests(client):
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    line = invoice(
        company=company,
        terms=terms,
        lines=[("UC-1", 1, "800.00", ("SN-A",))],
        issued=date(2026, 5, 4),
    ).lines.get()
    requested(
        on=date(2026, 6, 1),
        company=company,
        user=buyer,
        invoice_line=line,
        serial_numbers=("SN-A",),
        description="Ventilateur bruyant.",
    )
    _other_company, stranger = customer()
    client.force_login(buyer)
    (request,) = json.loads(client.get(reverse("personal_data")).content)["return_requests"]
    assert request["lines"][0]["description"] == "Ventilateur bruyant."
    assert request["lines"][0]["serial_numbers"] == ["SN-A"]
    client.force_login(stranger)
    assert json.loads(client.get(reverse("personal_data")).content)["return_requests"] == []
