"""The KYC reviewer asks VIES from the review page (a local server answering like VIES)
and reads its answer beside the VAT number, with the official registries; then corrects
the company's name on its page, the reason kept in the history."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User, VatCheck
from accounts.services import kyc_submit
from accounts.tests.factories import CompanyFactory, admin_of
from accounts.tests.fake_vies import FakeVies
from accounts.tests.kyc_helpers import upload_all
from backoffice.groups import staff_groups_ensure
from orders.tests.factories import terms_004
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_reviewer_reads_vies_beside_the_vat_number(new_context, live_server, settings):
    staff_groups_ensure()
    terms_004()
    company = CompanyFactory(legal_name="DELTA INFORMATIQUE")
    applicant = admin_of(company)
    today = timezone.localdate()
    upload_all(company, applicant, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    submission = kyc_submit(company=company, user=applicant)
    reviewer = User.objects.create_user("kyc@vendeur.example", password="x", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="Vérification KYC"))

    registry = {company.vat_number: ("DELTA INFORMATIQUE", "4 RUE DU PORT\n13002 MARSEILLE")}
    with FakeVies(registry=registry) as vies:
        settings.VIES_CHECKER = "accounts.vies.StdnumViesChecker"
        settings.VIES_WSDL_URL = vies.wsdl_url
        page = new_context().new_page()
        sign_in(page, live_server, reviewer)
        page.goto(f"/admin/accounts/kycsubmission/{submission.pk}/change/")
        expect(page.locator(".kyc-vies")).to_contain_text("Aucune vérification VIES")
        page.get_by_role("button", name="Interroger VIES maintenant").click()

    vies_answer = page.locator(".kyc-vies")
    expect(vies_answer).to_contain_text("Numéro valide selon VIES")
    expect(vies_answer).to_contain_text("4 RUE DU PORT")
    expect(vies_answer).to_contain_text("demandé par kyc@vendeur.example")
    expect(page.locator(".backoffice-registries")).to_contain_text("VIES")
    page.screenshot(path="/tmp/kyc_review_vies.png", full_page=True)
    assert VatCheck.objects.get(submission=submission).result == "valid"

    # The company's page: the identity can be corrected, with a reason.
    page.goto(f"/admin/accounts/company/{company.pk}/change/")
    page.locator("#id_legal_name").fill("DELTA INFORMATIQUE SAS")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("#id_legal_name")).to_have_value("DELTA INFORMATIQUE SAS")
    page.locator("#id_reason").fill("Extrait Kbis reçu le 30/11")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    expect(page.locator(".backoffice-history")).to_contain_text("Extrait Kbis reçu le 30/11")
    page.screenshot(path="/tmp/company_identity_corrected.png", full_page=True)
