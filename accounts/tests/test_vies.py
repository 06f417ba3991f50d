"""The VIES check of VAT numbers: the offline adapter (the default), python-stdnum's
client against a local server that answers like VIES (valid, invalid, fault, timeout,
no server), and what the KYC reviewer sees and may ask."""

import time
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.models import VatCheck, VatCheckResult
from accounts.services import kyc_submit, vat_check_deliver, vat_check_record
from accounts.tests.factories import CompanyFactory, UserFactory, admin_of
from accounts.tests.fake_vies import FakeVies
from accounts.tests.kyc_helpers import upload_all
from accounts.vies import OfflineViesChecker, StdnumViesChecker, vies_checker
from core.models import OutboxMessage
from core.outbox import outbox_deliver

pytestmark = pytest.mark.django_db

KNOWN = "FR40303265045"
UNKNOWN = "FR00000000000"
NAME = "SA ACME INFORMATIQUE"
ADDRESS = "12 RUE DES LILAS\n69003 LYON"


@pytest.fixture
def submission(terms):
    company = CompanyFactory(legal_name="GAMMA SARL")
    admin = admin_of(company)
    today = timezone.localdate()
    upload_all(company, admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    return kyc_submit(company=company, user=admin)


@pytest.fixture
def reviewer():
    user = UserFactory(is_staff=True, email="kyc@seller.example")
    user.groups.add(Group.objects.get(name="Vérification KYC"))
    return user


def test_the_offline_adapter_is_the_default_here():
    assert isinstance(vies_checker(), OfflineViesChecker)


def test_a_submission_is_checked_after_commit_and_offline_it_is_not_checked(submission):
    """kyc_submit writes the outbox row; the worker's delivery stores the answer once."""
    message = OutboxMessage.objects.get(topic="accounts.vies_check")
    assert message.payload == {"submission": submission.pk}

    assert outbox_deliver(message_id=message.pk) is True
    check = VatCheck.objects.get(submission=submission)
    assert check.result == VatCheckResult.NOT_CHECKED
    assert check.vat_number == submission.company.vat_number
    assert (check.checker, check.requested_by, check.name, check.address) == (
        "hors ligne",
        None,
        "",
        "",
    )
    # A redelivered message (at-least-once outbox) adds nothing.
    vat_check_deliver(payload={"submission": submission.pk})
    assert VatCheck.objects.filter(submission=submission).count() == 1


def test_a_company_without_vat_number_is_not_sent_to_vies(terms):
    company = CompanyFactory(vat_number="", country="XX", siren="", siret="")
    admin = admin_of(company)
    today = timezone.localdate()
    upload_all(company, admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    kyc_submit(company=company, user=admin)
    assert not OutboxMessage.objects.filter(topic="accounts.vies_check").exists()


def test_vies_says_valid_with_the_name_and_address_it_knows():
    with FakeVies(registry={KNOWN: (NAME, ADDRESS)}) as vies:
        answer = StdnumViesChecker(wsdl_url=vies.wsdl_url, timeout=5).check(KNOWN)
    assert (answer.result, answer.name, answer.address) == ("valid", NAME, ADDRESS)
    assert vies.requests == [KNOWN]


def test_vies_says_invalid_and_undisclosed_details_stay_empty():
    with FakeVies(registry={KNOWN: (NAME, ADDRESS)}) as vies:
        answer = StdnumViesChecker(wsdl_url=vies.wsdl_url, timeout=5).check(UNKNOWN)
    # VIES prints "---" for a name or address it does not give.
    assert (answer.result, answer.name, answer.address) == ("invalid", "", "")


def test_a_fault_of_vies_is_unavailable_with_its_code():
    with FakeVies(faults={KNOWN: "MS_UNAVAILABLE"}) as vies:
        answer = StdnumViesChecker(wsdl_url=vies.wsdl_url, timeout=5).check(KNOWN)
    assert (answer.result, answer.detail) == ("unavailable", "MS_UNAVAILABLE")


def test_vies_too_slow_is_unavailable_after_the_timeout():
    """The server answers after 6 s; the adapter gives up after 0.5 s (read timeout), well
    before (the bound leaves room for reading the WSDL on a busy machine)."""
    with FakeVies(registry={KNOWN: (NAME, ADDRESS)}, slow=[KNOWN], delay=6) as vies:
        checker = StdnumViesChecker(wsdl_url=vies.wsdl_url, timeout=0.5)
        started = time.monotonic()
        answer = checker.check(KNOWN)
        waited = time.monotonic() - started
    assert answer.result == "unavailable"
    assert answer.detail == "ReadTimeout"
    assert waited < 4.5


def test_no_server_at_all_is_unavailable():
    with FakeVies() as vies:
        url = vies.wsdl_url
    # The server is closed: the connection is refused.
    answer = StdnumViesChecker(wsdl_url=url, timeout=1).check(KNOWN)
    assert (answer.result, answer.detail) == ("unavailable", "ConnectionError")


def test_the_reviewer_sees_the_check_beside_the_vat_number_and_the_registries(
    client, reviewer, submission
):
    vat_check_deliver(payload={"submission": submission.pk})
    client.force_login(reviewer)
    page = client.get(reverse("admin:accounts_kycsubmission_change", args=[submission.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Non vérifié (pas de consultation automatique de VIES)" in html
    assert "Interroger VIES maintenant" in html
    # The official registries, beside the identifiers.
    assert "https://ec.europa.eu/taxation_customs/vies/" in html
    assert f"annuaire-entreprises.data.gouv.fr/entreprise/{submission.company.siren}" in html


def test_the_reviewer_asks_vies_again_and_the_answer_is_stored_with_the_review(
    client, reviewer, submission, settings
):
    vat = submission.company.vat_number
    with FakeVies(registry={vat: ("GAMMA SARL", "10 RUE DE LA PAIX\n75002 PARIS")}) as vies:
        settings.VIES_CHECKER = "accounts.vies.StdnumViesChecker"
        settings.VIES_WSDL_URL = vies.wsdl_url
        client.force_login(reviewer)
        response = client.post(
            reverse("admin:accounts_kycsubmission_vies_check", args=[submission.pk])
        )
    assert response.status_code == 302
    check = VatCheck.objects.get(submission=submission)
    assert (check.result, check.name, check.requested_by, check.checker) == (
        "valid",
        "GAMMA SARL",
        reviewer,
        "VIES",
    )
    page = client.get(response.url).content.decode()
    assert "Numéro valide selon VIES" in page
    assert "10 RUE DE LA PAIX<br>75002 PARIS" in page
    assert f"demandé par {reviewer}" in page


def test_vies_unavailable_is_recorded_and_the_page_still_answers(
    client, reviewer, submission, settings
):
    with FakeVies(faults={submission.company.vat_number: "MS_MAX_CONCURRENT_REQ"}) as vies:
        settings.VIES_CHECKER = "accounts.vies.StdnumViesChecker"
        settings.VIES_WSDL_URL = vies.wsdl_url
        client.force_login(reviewer)
        response = client.post(
            reverse("admin:accounts_kycsubmission_vies_check", args=[submission.pk]),
            follow=True,
        )
    assert response.status_code == 200
    assert "Service VIES indisponible" in response.content.decode()
    assert VatCheck.objects.get(submission=submission).detail == "MS_MAX_CONCURRENT_REQ"


def test_only_reviewers_may_ask_vies(client, submission):
    sales = UserFactory(is_staff=True, email="sales@seller.example")
    sales.groups.add(Group.objects.get(name="Service commercial"))
    client.force_login(sales)
    response = client.post(reverse("admin:accounts_kycsubmission_vies_check", args=[submission.pk]))
    assert response.status_code == 404
    assert not VatCheck.objects.exists()


def test_a_check_records_its_time(submission):
    now = timezone.now()
    check = vat_check_record(submission=submission, checker=OfflineViesChecker(), now=now)
    assert check.checked_at == now
