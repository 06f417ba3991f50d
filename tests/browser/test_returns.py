"""Done when (issue 14): a buyer requests an RMA for a defective line with its serial
number; after-sales staff approve it, record the parcel and grant a credit note; the
buyer sees the credit note on the return's page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from billing.models import CreditNote
from returns.models import ReturnRequest, ReturnStatus
from returns.tests.factories import (
    after_sales_staff,
    customer,
    invoice,
    preset_published,
    product,
)
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def sold():
    terms = preset_published("000")
    product("UC-Z2", designation="Station de travail Z2, 64 Go")
    company, buyer = customer(legal_name="BUREAUTIQUE DU RHÔNE")
    today = timezone.localdate()
    bill = invoice(
        company=company,
        terms=terms,
        lines=[("UC-Z2", 2, "1450.00", ("Z2-0001", "Z2-0002"))],
        issued=today - timedelta(days=40),
        delivered=today - timedelta(days=39),
    )
    return buyer, bill


def test_buyer_requests_staff_approve_receive_and_credit(new_context, live_server, sold):
    buyer, bill = sold
    last_day = bill.issue_date.replace(year=bill.issue_date.year + 1) - timedelta(days=1)

    # --- The buyer asks for a return of one unit, with its serial number. ----------------
    page = new_context().new_page()
    sign_in(page, live_server, buyer)
    page.goto("/mes-retours/")
    page.get_by_role("link", name="Demander un retour").click()
    page.get_by_label("Factures concernées").fill(bill.number)
    page.get_by_role("button", name="Afficher les lignes").click()
    line = page.locator("fieldset.return-line")
    expect(line.locator("[data-coverage=warranty]")).to_contain_text(
        f"Garanti jusqu'au {last_day:%d/%m/%Y} inclus."
    )
    page.get_by_label("Quantité à retourner").fill("1")
    page.get_by_label("Motif").select_option("defect")
    page.get_by_label("Numéros de série des articles retournés").fill("Z2-0002")
    page.get_by_label("Description du problème").fill("Redémarre seul après dix minutes.")
    page.screenshot(path="/tmp/returns_request_form.png", full_page=True)
    page.get_by_role("button", name="Envoyer la demande de retour").click()
    expect(page.locator("#return-status")).to_have_text("demandé")
    rma = ReturnRequest.objects.get()

    # --- After-sales staff approve, record the parcel, grant a credit note. --------------
    staff_page = new_context().new_page()
    sign_in(staff_page, live_server, after_sales_staff(email="sav@vendeur.example"))
    staff_page.goto("/admin/returns/returnrequest/")
    staff_page.get_by_role("link", name=str(rma)).click()
    staff_page.locator("#return-authorise").click()
    staff_page.locator("#return-action-submit").click()
    rma.refresh_from_db()
    assert rma.status == ReturnStatus.AUTHORISED
    staff_page.locator("#return-intake").click()
    staff_page.get_by_label("Emballage d'origine présent et en bon état").check()
    staff_page.locator("#return-action-submit").click()
    staff_page.locator("#return-decide").click()
    staff_page.locator("select[name$=_outcome]").select_option("credit_note")
    staff_page.locator("#return-action-submit").click()
    staff_page.locator("#return-process").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("Retour traité")
    staff_page.screenshot(path="/tmp/returns_admin_processed.png", full_page=True)
    credit_note = CreditNote.objects.get()
    # One unit at 1,450.00 HT + 20 % VAT = 1,740.00 TTC.
    assert (credit_note.total_ht, credit_note.total_ttc) == (Decimal("1450.00"), Decimal("1740.00"))

    # --- The buyer sees the credit note on the return's page (desktop, then phone EN). ---
    page.reload()
    expect(page.locator("#return-status")).to_have_text("traité")
    expect(page.locator(f"[data-document='{credit_note.number}']")).to_contain_text(
        "1\u202f740,00\u00a0€ TTC"
    )
    page.screenshot(path="/tmp/returns_detail_fr.png", full_page=True)
    phone = new_context(locale="en-GB", viewport=PHONE).new_page()
    sign_in(phone, live_server, buyer)
    phone.goto(f"/en/mes-retours/{rma.pk}/")
    expect(phone.locator("#return-status")).to_have_text("processed")
    phone.screenshot(path="/tmp/returns_detail_en_phone.png", full_page=True)
    phone.goto(f"/en/mes-retours/nouveau/?factures={bill.number}")
    phone.screenshot(path="/tmp/returns_request_en_phone.png", full_page=True)
