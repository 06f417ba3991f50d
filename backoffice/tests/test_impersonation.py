"""Support staff see the portal as a customer user (django-hijack): the permission, the
read-only rule, the banner on every portal page, and the audit of each session."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.tests.factories import CompanyFactory, UserFactory, admin_of
from backoffice.tests.staff import T0, enrol
from core.audit import audit_history

pytestmark = pytest.mark.django_db

ACQUIRE = "/hijack/acquire/"
RELEASE = "/hijack/release/"
BANNER = "Consultation par le personnel"


@pytest.fixture
def customer(db):
    company = CompanyFactory(approved=True, legal_name="OMEGA SAS")
    return admin_of(company, first_name="Inès", last_name="Martin")


def staff_of(group: str, **fields):
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


def text(response) -> str:
    return html.unescape(response.content.decode())


def acquire(client, customer):
    return client.post(ACQUIRE, {"user_pk": customer.pk, "next": reverse("company")})


def test_staff_without_the_permission_cannot_see_the_portal_as_a_customer(client, customer):
    warehouse = staff_of("Entrepôt")
    client.force_login(warehouse)
    assert client.get(f"/admin/portail-client/{customer.pk}/").status_code == 403
    assert acquire(client, customer).status_code == 403
    # Still the warehouse member, nothing recorded.
    assert client.get("/admin/").status_code == 200
    assert not audit_history(customer).exists()


def test_staff_never_impersonate_another_member_of_staff(client):
    support = staff_of("SAV")
    client.force_login(support)
    assert acquire(client, staff_of("Comptabilité")).status_code == 403


def test_an_inactive_customer_user_cannot_be_impersonated(client, customer):
    customer.is_active = False
    customer.save(update_fields=["is_active"])
    client.force_login(staff_of("SAV"))
    assert acquire(client, customer).status_code == 403


def test_the_company_page_offers_to_see_the_portal_as_each_of_its_users(client, customer):
    client.force_login(staff_of("SAV"))
    company = customer.membership.company
    page = text(client.get(reverse("admin:accounts_company_change", args=[company.pk])))
    assert "Voir le portail en tant que" in page
    assert f"/admin/portail-client/{customer.pk}/" in page
    start = text(client.get(f"/admin/portail-client/{customer.pk}/"))
    assert "Lecture seule" in start
    assert "OMEGA SAS" in start


def test_read_only_impersonation_shows_the_banner_and_refuses_any_change(client, customer):
    support = staff_of("SAV", email="sav@seller.example")
    client.force_login(support)
    response = acquire(client, customer)
    assert response.status_code == 302
    assert response["Location"] == reverse("company")

    page = client.get(reverse("company"))
    assert page.status_code == 200
    body = text(page)
    assert BANNER in body
    assert "vous voyez le portail en tant que Inès Martin (OMEGA SAS)" in body
    assert "Lecture seule : aucune action n'est possible." in body
    # Every portal page, not only the first one.
    assert BANNER in text(client.get(reverse("company_users")))

    refused = client.post(
        reverse("company_users"), {"email": "new@omega.example", "roles": ["buyer"]}
    )
    assert refused.status_code == 403
    assert "Consultation en lecture seule" in text(refused)
    assert BANNER in text(refused)
    assert not Invitation.objects.exists()

    # Ending the session is always possible; the staff member is back.
    back = client.post(RELEASE, {"next": "/admin/"})
    assert back.status_code == 302
    assert BANNER not in text(client.get("/admin/"))

    rows = list(audit_history(customer))
    assert [(row.field, row.from_state, row.to_state) for row in rows] == [
        ("impersonation", "", "ouverte"),
        ("impersonation", "ouverte", "fermée"),
    ]
    assert all(row.actor_user == support for row in rows)
    assert rows[0].data == {"may_act": False}
    assert rows[0].reason == "Consultation du portail en tant que ce client (lecture seule)"


def test_staff_allowed_to_act_may_post_for_the_customer(client, customer):
    support = staff_of("SAV")
    support.user_permissions.add(Permission.objects.get(codename="act_as_member"))
    client.force_login(support)
    acquire(client, customer)
    body = text(client.get(reverse("company")))
    assert "Actions permises : elles sont faites au nom du client." in body
    response = client.post(
        reverse("company_users"),
        {"email": "new@omega.example", "roles": ["buyer"], "language": "fr"},
    )
    assert response.status_code in (200, 302)
    assert Invitation.objects.filter(email="new@omega.example").exists()
    assert audit_history(customer).get().data == {"may_act": True}


def test_impersonation_needs_the_second_factor_outside_demo_mode(client, customer, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    client.force_login(staff_of("SAV"))
    response = acquire(client, customer)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/securite/activer/")
    assert not audit_history(customer).exists()


def test_an_idle_impersonation_is_closed_and_its_end_recorded(client, customer, settings):
    support = staff_of("SAV")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(support)
        acquire(client, customer)
        assert client.get(reverse("company")).status_code == 200
    # STAFF_IDLE_TIMEOUT_MINUTES (30) later, one minute more: signed out.
    later = start + timedelta(minutes=settings.STAFF_IDLE_TIMEOUT_MINUTES + 1)
    with time_machine.travel(later, tick=False):
        response = client.get(reverse("company"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    rows = list(audit_history(customer))
    assert [row.to_state for row in rows] == ["ouverte", "fermée"]
    assert rows[1].reason.endswith("session fermée après inactivité")
    assert rows[1].actor_user == support


@time_machine.travel(T0, tick=False)
def test_after_impersonating_the_staff_member_proves_the_second_factor_again(
    client, customer, settings
):
    """Ending the session signs the staff member in afresh (django-hijack logs them back
    in): the back office asks for the second factor again before any admin page."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    support = staff_of("SAV")
    enrol(client, support)
    assert client.get("/admin/").status_code == 200
    assert acquire(client, customer).status_code == 302
    client.post(RELEASE, {"next": "/admin/"})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/securite/verifier/")
