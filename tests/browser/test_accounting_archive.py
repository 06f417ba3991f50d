"""Accountants at work, with a real Celery worker building the period archives.

A customer's accountant filters the company's invoices in the portal (period; open, paid,
overdue), downloads one Factur-X PDF, requests the period archive, sees its progress and
downloads the ZIP: its ledger.csv totals equal the documents. The seller's accounting staff
request the seller-wide archive in the admin and download it with the FEC, which balances.
Screenshots: desktop and 390 px phone, French and English."""

import csv
import io
import re
import zipfile
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from backoffice.groups import staff_groups_ensure
from billing.models import Invoice
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.jobs import business_today
from shop.models import Seller
from tests.browser.conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/accounting_archive"


@pytest.fixture
def books():
    """Three invoices of one customer on a 30-day term, issued before the worker starts (so
    the worker renders their PDFs while it builds the archive, slowly enough to be seen):
    overdue (90 days ago), paid (60 days ago), open and not yet due (5 days ago); and a
    credit note on the overdue one."""
    today = business_today()
    terms = published_terms(credit_note_validity_months=12)
    company = company_on_deferred_term(days=30, legal_name="OMEGA COMPTA")
    accountant = MembershipFactory(
        company=company, user=UserFactory(language="en"), roles=[Role.ACCOUNTANT]
    ).user

    def issue(days_ago: int, amount: str) -> Invoice:
        return invoice_issue(
            company=company,
            terms=terms,
            actor=ACTOR,
            issue_date=today - timedelta(days=days_ago),
            lines=[line(amount, reference=f"REF-{days_ago}", designation="Poste de travail")],
        )

    overdue, paid, open_ = issue(90, "1000.00"), issue(60, "250.00"), issue(5, "80.00")
    invoice_apply_settlement(
        invoice=paid,
        amount=paid.total_ttc,
        on=today - timedelta(days=40),
        source="payment",
        source_id=1,
        actor=ACTOR,
    )
    note = credit_note_issue(
        company=company,
        terms=terms,
        invoice=overdue,
        reason="Geste commercial",
        actor=ACTOR,
        lines=[line("100.00", reference="GESTE")],
    )
    return {
        "today": today,
        "accountant": accountant,
        "overdue": overdue,
        "paid": paid,
        "open": open_,
        "note": note,
    }


def rows_shown(page) -> set[str]:
    return set(
        page.locator("tr[data-invoice]").evaluate_all("rows => rows.map(r => r.dataset.invoice)")
    )


def filter_by(page, status: str, date_from: str = "", date_to: str = "") -> None:
    page.locator("#id_date_from").fill(date_from)
    page.locator("#id_date_to").fill(date_to)
    page.locator("#id_status").select_option(status)
    page.get_by_role("button", name=re.compile("Filtrer|Filter")).click()


def ledger_of(archive: zipfile.ZipFile) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read("ledger.csv").decode()), delimiter=";"))


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()


def test_a_customers_accountant_filters_downloads_and_archives(
    new_context, live_server, books, request
):
    request.getfixturevalue("worker")  # started once the books are written
    page = new_context().new_page()
    sign_in(page, live_server, books["accountant"])
    page.goto("/mes-factures/")
    every = {books[key].number for key in ("overdue", "paid", "open")}
    assert rows_shown(page) == every

    filter_by(page, "overdue")
    expect(page.locator("tr[data-invoice]")).to_have_count(1)
    assert rows_shown(page) == {books["overdue"].number}
    expect(page.locator(f'tr[data-invoice="{books["overdue"].number}"]')).to_contain_text(
        "En retard"
    )
    filter_by(page, "paid")
    expect(page.locator("tr[data-invoice]")).to_have_count(1)
    assert rows_shown(page) == {books["paid"].number}
    filter_by(page, "open")  # open: not paid yet, overdue or not
    expect(page.locator("tr[data-invoice]")).to_have_count(2)
    assert rows_shown(page) == {books["overdue"].number, books["open"].number}
    since = f"{books['today'] - timedelta(days=70):%Y-%m-%d}"
    filter_by(page, "", since, f"{books['today']:%Y-%m-%d}")  # the last 70 days
    expect(page.locator("tr[data-invoice]")).to_have_count(2)
    assert rows_shown(page) == {books["paid"].number, books["open"].number}
    page.screenshot(path=f"{SHOTS}/portal_fr_desktop.png", full_page=True)

    # One invoice, as its Factur-X PDF.
    number = books["open"].number
    row = page.locator(f'tr[data-invoice="{number}"]')
    pdf = download(page, row.get_by_role("link", name="PDF"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF") and number in text
    assert "Date d'échéance" in text

    # The period archive: every document since the beginning, built by the worker.
    page.goto("/mes-factures/")
    start = f"{books['today'] - timedelta(days=100):%Y-%m-%d}"
    page.locator("#id_archive-date_from").fill(start)
    page.locator("#id_archive-date_to").fill(f"{books['today']:%Y-%m-%d}")
    page.get_by_role("button", name="Préparer l'archive").click()
    expect(page).to_have_url(re.compile(r"/mes-factures/archives/\d+/$"))
    expect(page.locator("#export-status")).to_be_visible()
    status = page.locator("#export-status").inner_text()
    if status != "prête":  # the worker has 4 PDFs to render: the progress shows first
        expect(page.locator("progress")).to_be_visible()
        page.screenshot(path=f"{SHOTS}/archive_progress_fr_desktop.png", full_page=True)
    expect(page.locator("#export-status")).to_have_text("prête", timeout=180_000)
    page.screenshot(path=f"{SHOTS}/archive_ready_fr_desktop.png", full_page=True)
    archive = zipfile.ZipFile(
        io.BytesIO(download(page, page.get_by_role("link", name="Télécharger l'archive")))
    )
    names = set(archive.namelist())
    assert {f"factures/{n}.pdf" for n in every} | {f"avoirs/{books['note'].number}.pdf"} <= names
    assert not any("FEC" in name for name in names)  # the seller's books are not the customer's
    rows = ledger_of(archive)
    by_number = {row["number"]: row for row in rows}
    # 1000 + 20 % = 1200.00 overdue; 250 + 20 % = 300.00 paid; 80 + 20 % = 96.00 open;
    # the credit note 100 + 20 % = 120.00 (positive: its type tells the sign)
    assert {n: by_number[n]["total_ttc"] for n in every} == {
        books["overdue"].number: "1200.00",
        books["paid"].number: "300.00",
        books["open"].number: "96.00",
    }
    assert by_number[books["paid"].number]["amount_due"] == "0.00"
    assert by_number[books["note"].number]["document_type"] == "credit_note"
    invoices = [r for r in rows if r["document_type"] == "invoice"]
    assert sum(Decimal(r["total_ttc"]) for r in invoices) == Decimal("1596.00")
    assert sum(Decimal(r["amount_due"]) for r in invoices) == Decimal("1296.00")  # 1200 + 96

    # The same pages on a phone, in English.
    phone = new_context(locale="en-GB", viewport=PHONE).new_page()
    sign_in(phone, live_server, books["accountant"])
    phone.goto("/en/mes-factures/")
    expect(phone.locator("h1")).to_contain_text("Invoices")
    assert rows_shown(phone) == every
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=f"{SHOTS}/portal_en_phone.png", full_page=True)
    phone.goto(page.url.replace(live_server.url, live_server.url + "/en"))
    expect(phone.locator("#export-status")).to_have_text("ready")
    phone.screenshot(path=f"{SHOTS}/archive_ready_en_phone.png", full_page=True)
    desktop_en = new_context(locale="en-GB").new_page()
    sign_in(desktop_en, live_server, books["accountant"])
    desktop_en.goto("/en/mes-factures/")
    desktop_en.screenshot(path=f"{SHOTS}/portal_en_desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.goto("/mes-factures/")
    page.screenshot(path=f"{SHOTS}/portal_fr_phone.png", full_page=True)


def test_the_sellers_accounting_staff_download_the_archive_with_the_fec(
    new_context,
    live_server,
    books,
    settings,
    request,
):
    request.getfixturevalue("worker")  # started once the books are written
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    staff_groups_ensure()  # a transactional test flushed what the migrations created
    staff = UserFactory(is_staff=True, email="compta@vendeur.example")
    staff.groups.add(Group.objects.get(name="Comptabilité"))
    page = new_context().new_page()
    sign_in(page, live_server, staff)
    page.goto("/admin/billing/accountingexport/add/")
    start = f"{books['today'] - timedelta(days=100):%Y-%m-%d}"
    page.locator("#id_date_from").fill(start)
    page.locator("#id_date_to").fill(f"{books['today']:%Y-%m-%d}")
    page.screenshot(path=f"{SHOTS}/admin_request_fr_desktop.png", full_page=True)
    page.locator("#accounting-export-form input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/avancement/$"))
    if page.locator("#export-status").inner_text() != "prête":
        expect(page.locator("progress")).to_be_visible()
        page.screenshot(path=f"{SHOTS}/admin_progress_fr_desktop.png", full_page=True)
    expect(page.locator("#export-status")).to_have_text("prête", timeout=180_000)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{SHOTS}/admin_ready_fr_phone.png", full_page=True)
    archive = zipfile.ZipFile(io.BytesIO(download(page, page.locator("#export-download"))))

    rows = ledger_of(archive)
    assert len(rows) == 4  # three invoices and the credit note
    for row in rows:
        assert Decimal(row["total_ht"]) + Decimal(row["total_vat"]) == Decimal(row["total_ttc"])
    # invoices 1200.00 + 300.00 + 96.00; the credit note 120.00
    totals = defaultdict(Decimal)
    for row in rows:
        totals[row["document_type"]] += Decimal(row["total_ttc"])
    assert totals == {"invoice": Decimal("1596.00"), "credit_note": Decimal("120.00")}

    fec_name = f"{Seller.objects.get().siren}FEC{books['today']:%Y%m%d}.txt"
    lines = archive.read(fec_name).decode().splitlines()
    debit = credit = Decimal(0)
    per_entry = defaultdict(Decimal)
    for fields in (row.split("\t") for row in lines[1:]):
        d, c = (Decimal(value.replace(",", ".")) for value in fields[11:13])
        per_entry[fields[2]] += d - c
        debit, credit = debit + d, credit + c
    # sales 1596.00 (411 debit) and the credit note 120.00 (411 credit), the payment 300.00
    # (512 debit): debits 1596 + 120 + 300 = 2016.00, credits the same
    assert debit == credit == Decimal("2016.00")
    assert set(per_entry.values()) == {Decimal(0)}
