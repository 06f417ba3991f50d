"""A member of after-sales opens a customer's portal from the company's admin page: the
banner says whose portal it is and that it is read-only, on every page (desktop and
390 px); a form sent is refused; ending the session returns to the back office, and both
moments are in the customer's audit."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import User
from accounts.tests.factories import CompanyFactory, admin_of
from backoffice.groups import staff_groups_ensure
from core.audit import audit_history
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_support_sees_the_portal_read_only_under_a_banner(new_context, live_server):
    staff_groups_ensure()
    company = CompanyFactory(approved=True, legal_name="OMEGA SAS")
    customer = admin_of(company, first_name="Inès", last_name="Martin")
    support = User.objects.create_user("sav@vendeur.example", password="x", is_staff=True)
    support.groups.add(Group.objects.get(name="SAV"))

    page = new_context().new_page()
    sign_in(page, live_server, support)
    page.goto(f"/admin/accounts/company/{company.pk}/change/")
    page.get_by_role("link", name="Voir le portail en tant que").first.click()
    expect(page.locator("#content-main")).to_contain_text("Lecture seule")
    page.get_by_role("button", name="Ouvrir le portail du client").click()

    banner = page.locator(".impersonation-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("vous voyez le portail en tant que Inès Martin (OMEGA SAS)")
    expect(banner).to_contain_text("Lecture seule : aucune action n'est possible.")
    page.screenshot(path="/tmp/impersonation_banner_desktop.png", full_page=False)

    # Another page: the banner is there too. A form sent is refused, nothing saved.
    page.goto("/mon-entreprise/adresses/")
    expect(banner).to_be_visible()
    page.locator("#id_line1").fill("1 rue Pirate")
    page.locator("#id_postal_code").fill("75001")
    page.locator("#id_city").fill("Paris")
    page.locator("form.form button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text("Consultation en lecture seule")
    expect(banner).to_be_visible()
    assert not company.delivery_addresses.filter(line1="1 rue Pirate").exists()

    page.set_viewport_size(PHONE)
    page.goto("/mon-entreprise/")
    expect(banner).to_be_in_viewport()
    page.screenshot(path="/tmp/impersonation_banner_phone.png", full_page=False)

    banner.get_by_role("button", name="Terminer la consultation").click()
    expect(page).to_have_url(f"{live_server.url}/admin/accounts/company/{company.pk}/change/")
    expect(page.locator(".impersonation-banner")).to_have_count(0)
    expect(page.locator("#site-name")).to_contain_text("Back-office")
    assert [row.to_state for row in audit_history(customer)] == ["ouverte", "fermée"]
