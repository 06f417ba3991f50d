"""After-sales staff in the admin: the queue, the decisions, and nobody else."""

import re
from datetime import date
from decimal import Decimal

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
from returns.tests.flow import at, authorised, received, requested

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


def _age_cells(page: str) -> list[str]:
    return re.findall(r'<td class="field-age_days">(\d+)</td>', page)


def test_the_queue_shows_each_returns_age_in_constant_queries(client, django_assert_num_queries):
    """Age: days since the request, or since the authorisation while the parcel is awaited;
    oldest request first, sortable and filtered by age."""
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("UC-1", 5, "800.00", ())], issued=D(2026, 5, 4)
    ).lines.get()
    first = requested(on=D(2026, 6, 1), company=company, user=buyer, invoice_line=line)
    client.force_login(after_sales_staff())
    changelist = reverse("admin:returns_returnrequest_changelist")
    with at(D(2026, 6, 11)):
        # Requested 1 June (10:00 Paris), seen 11 June: 11 - 1 = 10 days.
        assert _age_cells(client.get(changelist).content.decode()) == ["10"]
    # Authorised 10 June: the parcel is awaited since then, 11 - 10 = 1 day; another
    # return requested 5 June waits for 11 - 5 = 6 days.
    authorised(first, on=D(2026, 6, 10))
    second = requested(on=D(2026, 6, 5), company=company, user=buyer, invoice_line=line)
    with at(D(2026, 6, 11)):
        page = client.get(changelist).content.decode()
        assert _age_cells(page) == ["1", "6"]  # oldest request first: 1 June, then 5 June
        assert page.index("RMA-2026-000001") < page.index(f"demande n° {second.pk}")
        # Sorted by age (the column's own sort link), the longest wait first.
        sort = re.search(r'column-age_days.*?href="(\?o=[^"]+)"', page, re.S).group(1)
        assert _age_cells(client.get(changelist + sort.replace("&amp;", "&")).content.decode()) == [
            "6",
            "1",
        ]
        assert _age_cells(client.get(changelist, {"age": "0-6"}).content.decode()) == ["1", "6"]
        assert _age_cells(client.get(changelist, {"age": "7-14"}).content.decode()) == []
        with django_assert_num_queries(QUEUE_QUERIES):
            client.get(changelist)
    for day in (2, 3, 4):
        requested(on=D(2026, 6, day), company=company, user=buyer, invoice_line=line)
    with at(D(2026, 6, 11)), django_assert_num_queries(QUEUE_QUERIES):
        # 11 June - 2, 3, 4 June = 9, 8, 7 days.
        ages = _age_cells(client.get(changelist, {"age": "7-14"}).content.decode())
    assert ages == ["9", "8", "7"]


# The page's queries whatever the number of returns: session, user, membership, the user's
# and the groups' permissions, the two counts of the list, the administrators' group, the
# catalogue version, and the list itself with its companies.
QUEUE_QUERIES = 10


def test_the_decision_asks_the_way_back_only_where_the_customer_pays_it(client, rma):
    """000: the seller pays the way back, no amount asked; 001 art. 13: staff enter it."""
    client.force_login(after_sales_staff())
    page = client.get(reverse("admin:returns_returnrequest_decide", args=[rma.pk]))
    assert 'name="reshipping_costs_ht"' not in page.content.decode()
    terms = preset_published("001")
    company, buyer = customer()
    line = invoice(
        company=company,
        terms=terms,
        lines=[("UC-1", 1, "400.00", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
    ).lines.get()
    charged = requested(on=D(2026, 3, 10), company=company, user=buyer, invoice_line=line)
    charged = received(authorised(charged, on=D(2026, 3, 10)), on=D(2026, 3, 20))
    decide = reverse("admin:returns_returnrequest_decide", args=[charged.pk])
    outcome = {f"line_{charged.lines.get().pk}_outcome": "repair"}
    with at(D(2026, 3, 20)):
        page = client.get(decide).content.decode()
        assert 'name="reshipping_costs_ht"' in page
        refused = client.post(decide, outcome)
        assert refused.status_code == 200
        assert "Indiquez les frais de réexpédition" in refused.content.decode()
        done = client.post(decide, {**outcome, "reshipping_costs_ht": "18.50"})
    assert done.status_code == 302
    charged.refresh_from_db()
    assert (charged.status, charged.reshipping_fee_ht) == (ReturnStatus.DECIDED, Decimal("18.50"))
