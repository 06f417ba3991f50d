"""A member of staff signs in with a password and a TOTP code, works through the dashboard's
queues with admin pages only (approves a KYC file, answers a quote request with a quote
and issues it), and finds each change in the object's history."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import User
from accounts.services import kyc_submit
from accounts.tests.factories import CompanyFactory, admin_of
from accounts.tests.kyc_helpers import upload_all
from backoffice.groups import staff_groups_ensure
from orders.tests.factories import company_quote_request, company_with_people, product, terms_004
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "Back-Office-Solide-2026"


@pytest.fixture
def world(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    staff_groups_ensure()  # a transactional test flushed what the migrations created
    terms_004()
    applicant = CompanyFactory(legal_name="DELTA INFORMATIQUE")
    applicant_admin = admin_of(applicant)
    today = timezone.localdate()
    upload_all(applicant, applicant_admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    kyc_submit(company=applicant, user=applicant_admin)
    customer, _signatory, buyer, _admin = company_with_people(legal_name="EPSILON SAS")
    request = company_quote_request(
        company=customer, buyer=buyer, product=product(reference="ECR-27"), quantity=4
    )
    staff = User.objects.create_user(
        "camille@vendeur.example", password=STAFF_PASSWORD, is_staff=True, first_name="Camille"
    )
    staff.groups.add(*Group.objects.filter(name__in=["Service commercial", "Vérification KYC"]))
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)
    return {"staff": staff, "device": device, "applicant": applicant, "request": request}


def current_code(device: TOTPDevice) -> str:
    """What the staff member's application shows now (the live server runs in real time)."""
    return f"{totp(device.bin_key, step=30, t0=0, digits=6):06d}"


def queue_count(page, title: str):
    return page.locator(".backoffice-queues tr").filter(has_text=title).locator(".backoffice-count")


def test_staff_works_through_the_queues_after_a_totp_sign_in(new_context, world):
    page = new_context().new_page()
    page.goto("/admin/")
    page.locator("#id_username").fill(world["staff"].email)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("input[type=submit]").click()

    # The password alone opens nothing: the second factor is asked for.
    expect(page).to_have_url(re.compile(r"/admin/securite/verifier/"))
    expect(page.locator("#site-name")).to_contain_text("Back-office")
    page.get_by_label("Code").fill(current_code(world["device"]))
    page.get_by_role("button", name="Vérifier").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(queue_count(page, "Dossiers KYC à vérifier")).to_have_text("1")
    expect(queue_count(page, "Demandes de devis à traiter")).to_have_text("1")
    expect(page.locator("#content-main")).not_to_contain_text("Tentatives de connexion")
    page.screenshot(path="/tmp/staff_dashboard.png", full_page=True)

    # KYC: from the queue to the file, each document accepted, the application approved.
    page.get_by_role("link", name="Dossiers KYC à vérifier").first.click()
    page.get_by_role("link", name="DELTA INFORMATIQUE").first.click()
    for card in page.locator("article.kyc-document").all():
        card.get_by_role("button", name="Accepter la pièce").click()
        expect(page.locator(".messagelist")).to_contain_text("décision enregistrée")
    page.get_by_role("button", name="Valider le dossier").click()
    expect(page.locator(".messagelist")).to_contain_text("Dossier validé")
    page.goto(f"/admin/accounts/company/{world['applicant'].pk}/change/")
    history = page.locator(".backoffice-history")
    expect(history).to_contain_text("Compte validé")
    expect(history).to_contain_text("camille@vendeur.example")
    page.screenshot(path="/tmp/staff_company_history.png", full_page=True)

    # Sales: from the queue to the request, the quote drafted in one click, then issued.
    page.goto("/admin/")
    expect(queue_count(page, "Dossiers KYC à vérifier")).to_have_text("0")
    page.get_by_role("link", name="Demandes de devis à traiter").first.click()
    page.locator("#result_list tbody tr").first.locator("th a, td a").first.click()
    page.locator("#quote-request-create").click()
    expect(page.locator(".messagelist")).to_contain_text("Brouillon créé")
    page.locator("#quote-issue").click()
    page.locator("#quote-issue-confirm").click()
    expect(page.locator(".messagelist")).to_contain_text("émis")
    history = page.locator(".backoffice-history")
    expect(history).to_contain_text("brouillon → émis, en attente de signature")
    expect(history).to_contain_text("camille@vendeur.example")
    page.screenshot(path="/tmp/staff_quote_history.png", full_page=True)
    page.goto("/admin/")
    expect(queue_count(page, "Demandes de devis à traiter")).to_have_text("0")

    # The dashboard on a phone.
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/staff_dashboard_phone.png", full_page=True)
