"""The portal pages of returns: the request form shows each line's coverage, refuses on
the line's field keeping what was typed, and another company gets 404 everywhere."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests.factories import png_upload
from billing.models import CreditNote
from billing.services.pdf import document_pdf_ensure
from returns.choices import Outcome
from returns.models import ReturnRequest
from returns.tests.factories import customer, invoice, preset_published, product
from returns.tests.flow import at, authorised, decided, processed, received, requested

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sale():
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    sold = invoice(
        company=company,
        terms=terms,
        lines=[("UC-1", 1, "800.00", ("SN-A",))],
        issued=D(2026, 1, 15),
        delivered=D(2026, 1, 16),
    )
    return company, buyer, sold


def _new_url(sold):
    return reverse("returns:return_new") + f"?factures={sold.number}"


def test_the_form_shows_each_lines_coverage_and_until_when(client, sale):
    _company, buyer, sold = sale
    client.force_login(buyer)
    with at(D(2026, 6, 1)):
        html = client.get(_new_url(sold)).content.decode()
    # 15 Jan 2026 + 12 months: covered through 14 Jan 2027; the complaint window (3 days
    # from the delivery on 16 Jan) ended on 19 Jan.
    assert "Garanti jusqu&#x27;au 14/01/2027 inclus." in html
    assert "a expiré le 19/01/2026" in html
    assert "SN-A" in html
    # 000 art. 7: the parcel travels at the customer's cost, the way back at the seller's.
    assert 'data-reshipping="seller"' in html
    assert "vous sont renvoyés à nos frais" in html


def test_the_request_page_says_the_customer_pays_the_way_back_under_001(client):
    terms = preset_published("001")
    product("PC-1")
    company, buyer = customer()
    sold = invoice(
        company=company,
        terms=terms,
        lines=[("PC-1", 1, "400.00", ())],
        issued=D(2026, 3, 1),
        delivered=D(2026, 3, 2),
    )
    client.force_login(buyer)
    with at(D(2026, 3, 5)):
        html = client.get(_new_url(sold)).content.decode()
    assert 'data-reshipping="customer"' in html
    assert "est aussi à votre charge" in html and "à nos frais" not in html


def test_a_request_with_its_serial_and_a_photo(client, sale):
    _company, buyer, sold = sale
    line = sold.lines.get()
    client.force_login(buyer)
    with at(D(2026, 6, 1)):
        response = client.post(
            _new_url(sold),
            {
                "factures": sold.number,
                f"l{line.pk}_quantity": "1",
                f"l{line.pk}_reason": "defect",
                f"l{line.pk}_serials": "SN-A",
                f"l{line.pk}_description": "Écran noir au démarrage.",
                f"l{line.pk}_photos": png_upload("ecran.png"),
            },
        )
    rma = ReturnRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("returns:return_detail", args=[rma.pk])
    assert rma.lines.get().photos.count() == 1
    assert rma.lines.get().serial_numbers == ["SN-A"]


def test_a_refusal_is_shown_on_the_line_and_keeps_what_was_typed(client, sale):
    _company, buyer, sold = sale
    line = sold.lines.get()
    client.force_login(buyer)
    with at(D(2026, 6, 1)):
        response = client.post(
            _new_url(sold),
            {
                f"l{line.pk}_quantity": "1",
                f"l{line.pk}_reason": "defect",
                f"l{line.pk}_serials": "SN-Z",
                f"l{line.pk}_description": "Écran noir au démarrage.",
            },
        )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Numéro de série non livré sur cette facture : SN-Z." in html
    assert "Écran noir au démarrage." in html
    assert not ReturnRequest.objects.exists()


def test_a_photo_is_judged_by_its_content(client, sale):
    _company, buyer, sold = sale
    line = sold.lines.get()
    client.force_login(buyer)
    fake = SimpleUploadedFile("ecran.png", b"MZ\x90\x00 executable", content_type="image/png")
    with at(D(2026, 6, 1)):
        response = client.post(
            _new_url(sold),
            {
                f"l{line.pk}_quantity": "1",
                f"l{line.pk}_reason": "defect",
                f"l{line.pk}_serials": "SN-A",
                f"l{line.pk}_description": "Écran noir.",
                f"l{line.pk}_photos": fake,
            },
        )
    assert response.status_code == 400
    assert not ReturnRequest.objects.exists()


def test_another_company_gets_404_for_invoice_line_and_return(client, sale):
    company, buyer, sold = sale
    line = sold.lines.get()
    with at(D(2026, 6, 1)):
        rma = requested(
            on=D(2026, 6, 1),
            company=company,
            user=buyer,
            invoice_line=line,
            serial_numbers=("SN-A",),
        )
    authorised(rma, on=D(2026, 6, 1))
    _other, stranger = customer()
    client.force_login(stranger)
    assert client.get(_new_url(sold)).status_code == 404
    posted = client.post(
        reverse("returns:return_new"),
        {f"l{line.pk}_quantity": "1", f"l{line.pk}_reason": "defect"},
    )
    assert posted.status_code == 404
    assert client.get(reverse("returns:return_detail", args=[rma.pk])).status_code == 404
    assert client.get(reverse("returns:return_form_pdf", args=[rma.pk])).status_code == 404


def test_the_tracking_page_and_the_printable_return_form(client, sale):
    company, buyer, sold = sale
    rma = requested(
        on=D(2026, 6, 1),
        company=company,
        user=buyer,
        invoice_line=sold.lines.get(),
        serial_numbers=("SN-A",),
    )
    rma = authorised(rma, on=D(2026, 6, 1))
    client.force_login(buyer)
    html = client.get(reverse("returns:return_detail", args=[rma.pk])).content.decode()
    assert rma.rma_number in html and "15/06/2026" in html  # 1 June + 14 days
    pdf = client.get(reverse("returns:return_form_pdf", args=[rma.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert rma.rma_number in text and "SN-A" in text and "15/06/2026" in text
    assert "renvoyés à nos frais" in text  # 000: the way back is the seller's
    listing = client.get(reverse("returns:return_list")).content.decode()
    assert rma.rma_number in listing


def test_the_credit_note_of_a_return_is_downloaded_from_its_page(client, sale):
    company, buyer, sold = sale
    rma = requested(
        on=D(2026, 6, 1),
        company=company,
        user=buyer,
        invoice_line=sold.lines.get(),
        serial_numbers=("SN-A",),
    )
    rma = authorised(rma, on=D(2026, 6, 1))
    rma = received(rma, on=D(2026, 6, 5))
    rma = decided(rma, on=D(2026, 6, 5), outcome=Outcome.CREDIT_NOTE)
    processed(rma, on=D(2026, 6, 6))
    credit_note = CreditNote.objects.get()
    url = reverse("returns:return_document", args=[rma.pk, credit_note.number])
    client.force_login(buyer)
    assert client.get(url).status_code == 404  # not rendered yet by the worker
    document_pdf_ensure(document=credit_note)
    html = client.get(reverse("returns:return_detail", args=[rma.pk])).content.decode()
    assert f'href="{url}"' in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        client.get(reverse("returns:return_document", args=[rma.pk, sold.number])).status_code
        == 404
    )  # the sale invoice is not a document of the return
    _other, stranger = customer()
    client.force_login(stranger)
    assert client.get(url).status_code == 404
