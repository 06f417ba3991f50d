"""A member of staff signs in with a password and a TOTP code, works through the dashboard's
queues with admin pages only (approves a KYC file, answers a quote request with a quote
and issues it, imports a bank statement and confirms the transfer it matched, prepares and
ships the order it paid, authorises a return), and finds each change in the object's
history."""

import re
from datetime import date, timedelta

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
from billing.tests.statement_files import Tx, camt053
from orders.tests.factories import company_quote_request, company_with_people, product, terms_004
from orders.tests.lifecycle import signed_order
from returns.models import ReturnRequest
from returns.tests.factories import customer as returns_customer
from returns.tests.factories import invoice, request_return
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAFF_PASSWORD = "Back-Office-Solide-2026"


# The teams whose queues the member of staff works through.
STAFF_GROUPS = ["Service commercial", "Vérification KYC", "Comptabilité", "Entrepôt", "SAV"]


@pytest.fixture
def world(settings, tmp_path):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    staff_groups_ensure()  # a transactional test flushed what the migrations created
    terms = terms_004()
    applicant = CompanyFactory(legal_name="DELTA INFORMATIQUE")
    applicant_admin = admin_of(applicant)
    today = timezone.localdate()
    upload_all(applicant, applicant_admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    kyc_submit(company=applicant, user=applicant_admin)
    customer, _signatory, buyer, _admin = company_with_people(legal_name="EPSILON SAS")
    request = company_quote_request(
        company=customer, buyer=buyer, product=product(reference="ECR-27"), quantity=4
    )
    # An order to be paid by transfer (its quote signed an hour ago), and the bank
    # statement that holds the transfer naming it.
    order = signed_order(
        placed_at=timezone.now() - timedelta(hours=1),
        people=(customer, _signatory, buyer, _admin),
        lines=[(product(reference="UC-Z2"), 2)],
        payment_method="transfer",
    )
    statement = tmp_path / "releve.xml"
    statement.write_bytes(camt053([[Tx(str(order.total_ttc), "TX-0001", free=order.number)]]))
    # Another customer's invoice of goods delivered 20 days ago (left unpaid: a company in
    # arrears would have its order held); its buyer asks to return one unit.
    product(reference="SSD-2T")
    returning, returning_buyer = returns_customer(legal_name="BUREAUTIQUE DU RHÔNE")
    bill = invoice(
        company=returning,
        terms=terms,
        lines=[("SSD-2T", 3, "180.00", ())],
        issued=today - timedelta(days=21),
        delivered=today - timedelta(days=20),
    )
    rma = request_return(company=returning, user=returning_buyer, invoice_line=bill.lines.get())
    staff = User.objects.create_user(
        "camille@vendeur.example", password=STAFF_PASSWORD, is_staff=True, first_name="Camille"
    )
    staff.groups.add(*Group.objects.filter(name__in=STAFF_GROUPS))
    device = TOTPDevice.objects.create(user=staff, name="Téléphone", confirmed=True)
    return {
        "staff": staff,
        "device": device,
        "applicant": applicant,
        "request": request,
        "order": order,
        "statement": statement,
        "return": rma,
    }


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

    # Accounting: a bank statement imported, the transfer it matched to the order confirmed.
    order = world["order"]
    page.goto("/admin/billing/bankstatement/add/")
    page.locator("input[type=file]").set_input_files(world["statement"])
    page.locator("input[type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 rapprochement(s) proposé(s)")
    page.goto("/admin/")
    expect(queue_count(page, "Rapprochements proposés à confirmer")).to_have_text("1")
    page.get_by_role("link", name="Rapprochements proposés à confirmer").first.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    page.locator("#result_list tbody input.action-select").check()
    page.locator("select[name=action]").select_option("confirm_proposals")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 rapprochement(s) confirmé(s)")
    page.goto(f"/admin/orders/order/{order.pk}/change/")
    history = page.locator(".backoffice-history")
    expect(history).to_contain_text("en attente de paiement → confirmée")
    page.screenshot(path="/tmp/staff_order_paid_history.png", full_page=True)

    # Warehouse: from the queue to the order, prepared, then shipped with its tracking.
    page.goto("/admin/")
    expect(queue_count(page, "Commandes à préparer")).to_have_text("1")
    page.get_by_role("link", name="Commandes à préparer").first.click()
    page.get_by_role("link", name=order.number).first.click()
    page.locator("#order-move-prepare").click()
    page.locator("#order-move-submit").click()
    expect(page.locator(".messagelist")).to_contain_text("Préparation de la commande")
    page.locator("#order-move-ship").click()
    page.get_by_label("Transporteur").fill("DHL Express")
    page.get_by_label("Numéro de suivi").fill("JD014600003812345678")
    page.locator("#order-move-submit").click()
    expect(page.locator(".messagelist")).to_contain_text("Expédition")
    history = page.locator(".backoffice-history")
    expect(history).to_contain_text("en préparation → expédiée")
    expect(history).to_contain_text("camille@vendeur.example")
    page.goto(f"/admin/orders/shipment/?q={order.number}")
    expect(page.locator("#result_list")).to_contain_text("JD014600003812345678")
    page.screenshot(path="/tmp/staff_order_shipped.png", full_page=True)

    # After-sales: from the queue to the return request, authorised: its RMA number shown.
    page.goto("/admin/")
    expect(queue_count(page, "Retours demandés, à autoriser")).to_have_text("1")
    page.get_by_role("link", name="Retours demandés, à autoriser").first.click()
    page.locator("#result_list tbody tr").first.locator("th a").click()
    page.locator("#return-authorise").click()
    page.locator("#return-action-submit").click()
    rma = ReturnRequest.objects.get(pk=world["return"].pk)
    assert rma.rma_number
    expect(page.locator("#content")).to_contain_text(rma.rma_number)
    history = page.locator(".backoffice-history")
    expect(history).to_contain_text("demandé → autorisé")
    expect(history).to_contain_text("camille@vendeur.example")
    page.screenshot(path="/tmp/staff_return_authorised.png", full_page=True)
    page.goto("/admin/")
    for queue in ("Rapprochements proposés à confirmer", "Commandes à préparer"):
        expect(queue_count(page, queue)).to_have_text("0")
    expect(queue_count(page, "Retours demandés, à autoriser")).to_have_text("0")

    # The dashboard on a phone.
    page.set_viewport_size(PHONE)
    page.screenshot(path="/tmp/staff_dashboard_phone.png", full_page=True)
