"""Done when (returns): a buyer requests an RMA for a defective line with its serial
number; after-sales staff approve it, record the parcel and grant a credit note; the
buyer sees the credit note, and it is deducted from the next invoice, issued when the
warehouse ships the company's next order."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from billing.models import CreditNote, CreditNoteStatus, Invoice
from core.audit import Actor
from orders.models import ShipmentInvoice
from orders.services.lifecycle import order_prepare
from orders.services.shipments import Pick, shipment_create, shipment_deliver
from orders.tests.factories import (
    company_with_people,
    deliver_outbox,
    grant_deferred_terms,
    product,
)
from orders.tests.lifecycle import preset_terms, signed_order, staff_in
from returns.models import ReturnRequest, ReturnStatus
from returns.tests.factories import after_sales_staff
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/returns_shots"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def shot(page, name):
    page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


@pytest.fixture
def sold():
    """Under 000: an order of 2 workstations shipped 9 days ago with their serial numbers
    (its invoice), and the company's next order of 3, being prepared."""
    preset_terms("000")
    company, _signatory, buyer, administrator = people = company_with_people(
        legal_name="BUREAUTIQUE DU RHÔNE"
    )
    grant_deferred_terms(company, credit_limit=Decimal("20000.00"))
    station = product(
        reference="UC-Z2",
        designation="Station de travail Z2, 64 Go",
        price_ht=Decimal("1450.00"),
        stock_on_hand=5,
    )
    now = timezone.now()
    warehouse = staff_in("prepare_order", "view_order")
    first = signed_order(placed_at=now - timedelta(days=10), people=people, lines=[(station, 2)])
    order_prepare(order=first, actor=Actor.of_user(warehouse))
    shipped_on = timezone.localdate() - timedelta(days=9)
    shipment = shipment_create(
        order=first,
        picks=[Pick(first.lines.get(reference="UC-Z2").pk, 2, ("Z2-0001", "Z2-0002"))],
        carrier="DHL",
        shipped_on=shipped_on,
        user=warehouse,
    )
    shipment_deliver(shipment=shipment, delivered_on=shipped_on, user=warehouse)
    following = signed_order(
        placed_at=now - timedelta(hours=2), people=people, lines=[(station, 3)]
    )
    order_prepare(order=following, actor=Actor.of_user(warehouse))
    bill = ShipmentInvoice.objects.get(shipment=shipment).invoice
    return buyer, administrator, bill, following, warehouse


def test_buyer_requests_staff_approve_receive_credit_and_the_next_invoice_deducts_it(
    new_context, live_server, sold
):
    buyer, administrator, bill, following, warehouse = sold
    assert bill.lines.get().serial_numbers == ["Z2-0001", "Z2-0002"]  # read at shipping
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
    shot(page, "1_request_form_fr")
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
    shot(staff_page, "2_admin_processed")
    credit_note = CreditNote.objects.get()
    # One unit at 1,450.00 HT + 20 % VAT = 1,740.00 TTC.
    assert (credit_note.total_ht, credit_note.total_ttc) == (Decimal("1450.00"), Decimal("1740.00"))

    # --- The buyer sees the credit note on the return's page. ----------------------------
    page.reload()
    expect(page.locator("#return-status")).to_have_text("traité")
    expect(page.locator(f"[data-document='{credit_note.number}']")).to_contain_text(
        "1\u202f740,00\u00a0€ TTC"
    )
    shot(page, "3_return_detail_fr")

    # --- The warehouse ships the next order in the admin: its invoice deducts the note. --
    ship_page = new_context().new_page()
    sign_in(ship_page, live_server, warehouse)
    ship_page.goto(f"/admin/orders/order/{following.pk}/move/ship/")
    ship_page.get_by_label("Transporteur").fill("DHL")
    ship_page.get_by_label("Numéros de série — UC-Z2").fill("Z2-0003, Z2-0004\nZ2-0005")
    ship_page.locator("#order-move-submit").click()
    expect(ship_page.locator(".messagelist")).to_contain_text("Expédition")
    following_invoice = Invoice.objects.exclude(pk=bill.pk).get()
    assert following_invoice.lines.get().serial_numbers == ["Z2-0003", "Z2-0004", "Z2-0005"]
    # 3 x 1,450.00 = 4,350.00 HT + 20 % = 5,220.00 TTC; the credit note's 1,740.00 is
    # deducted: 5,220.00 - 1,740.00 = 3,480.00 left to pay.
    assert (following_invoice.total_ttc, following_invoice.amount_due) == (
        Decimal("5220.00"),
        Decimal("3480.00"),
    )
    credit_note.refresh_from_db()
    assert (credit_note.balance, credit_note.status) == (Decimal("0.00"), CreditNoteStatus.USED)

    deliver_outbox()  # the worker renders the invoice's PDF after the shipment's commit

    # --- What the buyer sees: the order's invoice with what is left to pay, and its PDF. -
    page.goto(f"/mes-commandes/{following.number}/")
    documents = page.locator("#documents")
    expect(documents).to_contain_text(f"Facture {following_invoice.number}")
    expect(documents.locator("[data-amount-due]")).to_have_text("reste à payer 3 480,00 €")
    shot(page, "4_order_invoice_fr")
    pdf_url = documents.get_by_role(
        "link", name=re.compile(following_invoice.number)
    ).get_attribute("href")
    pdf = page.request.get(pdf_url)
    assert pdf.ok
    text = " ".join(PdfReader(io.BytesIO(pdf.body())).pages[0].extract_text().split())
    text = re.sub(r"[\u202f\u00a0]", " ", text)
    assert f"Avoir déduit {credit_note.number} − 1 740,00 €" in text
    assert "Reste à payer 3 480,00 €" in text
    assert "N° de série : Z2-0003, Z2-0004, Z2-0005" in text

    # --- The company's administrator reads the same in "Mes factures". ------------------
    books = new_context().new_page()
    sign_in(books, live_server, administrator)
    books.goto("/mes-factures/")
    row = books.locator(f"[data-invoice='{following_invoice.number}']")
    expect(row).to_contain_text("5 220,00 €")
    expect(row).to_contain_text("3 480,00 €")
    expect(books.locator(f"[data-credit-note='{credit_note.number}']")).to_contain_text("0,00 €")
    shot(books, "5_invoices_fr")

    phone = new_context(locale="en-GB", viewport=PHONE).new_page()
    sign_in(phone, live_server, buyer)
    phone.goto(f"/en/mes-retours/{rma.pk}/")
    expect(phone.locator("#return-status")).to_have_text("processed")
    shot(phone, "5b_return_detail_en_phone")
    phone.goto(f"/en/mes-commandes/{following.number}/")
    expect(phone.locator("#documents [data-amount-due]")).to_have_text("left to pay €3,480.00")
    shot(phone, "6_order_invoice_en_phone")
    phone.goto(f"/en/mes-retours/nouveau/?factures={bill.number}")
    shot(phone, "7_request_en_phone")
    desktop_en = new_context(locale="en-GB").new_page()
    sign_in(desktop_en, live_server, buyer)
    desktop_en.goto(f"/en/mes-retours/{rma.pk}/")
    shot(desktop_en, "8_return_detail_en_desktop")
    phone_fr = new_context(viewport=PHONE).new_page()
    sign_in(phone_fr, live_server, buyer)
    phone_fr.goto(f"/mes-commandes/{following.number}/")
    shot(phone_fr, "9_order_invoice_fr_phone")
