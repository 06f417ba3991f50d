"""After-sales staff in the admin: the queue, the decisions, and nobody else."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from returns.models import ReturnStatus
from returns.tests.factories import (
    after_sales_staff,
    customer,
    invoice,
    preset_published,
    product,
)
from returns.tests.flow import at, requested

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rma():
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("UC-1", 1, "800.00", ())], issued=D(2026, 5, 4)
    ).lines.get()
    return requested(on=D(2026, 6, 1), company=company, user=buyer, invoice_line=line)


def test_after_sales_approve_then_refuse_is_impossible(client, rma):
    client.force_login(after_sales_staff())
    queue = client.get(reverse("admin:returns_returnrequest_changelist")).content.decode()
    assert rma.company.legal_name in queue
    with at(D(2026, 6, 2)):
        response = client.post(reverse("admin:returns_returnrequest_authorise", args=[rma.pk]), {})
    assert response.status_code == 302
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.AUTHORISED
    assert rma.rma_number == "RMA-2026-000001" and rma.arrival_deadline == D(2026, 6, 16)
    refused = client.post(
        reverse("admin:returns_returnrequest_refuse", args=[rma.pk]), {"reason": "Trop tard."}
    )
    assert "Impossible de passer" in refused.content.decode()
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.AUTHORISED


def test_a_refusal_needs_its_reason_and_tells_the_customer(client, rma):
    client.force_login(after_sales_staff())
    page = client.post(reverse("admin:returns_returnrequest_refuse", args=[rma.pk]), {"reason": ""})
    assert page.status_code == 200
    client.post(
        reverse("admin:returns_returnrequest_refuse", args=[rma.pk]),
        {"reason": "Produit hors garantie constructeur."},
    )
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.REFUSED
    assert rma.refusal_reason == "Produit hors garantie constructeur."


def test_staff_without_the_after_sales_permission_cannot_decide(client, rma):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(reverse("admin:returns_returnrequest_authorise", args=[rma.pk]), {})
    assert response.status_code == 403
