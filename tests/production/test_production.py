"""The paths that matter, under the production configuration (see conftest.py): issuing
and signing a quote, every PDF, the pages that link static files, the daily jobs."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.template.utils import get_app_template_dirs
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.documents import document_read, pdf_render
from core.jobs import registered_jobs
from core.models import JobRun
from orders.models import Order, QuoteStatus
from orders.tests.factories import (
    company_with_people,
    data_url,
    deliver_outbox,
    issued_quote,
    paris,
    product,
    sales_user,
    signature_png,
)
from orders.tests.factories import terms_004 as published_terms

pytestmark = pytest.mark.django_db

# Quotes are issued on 10/03/2026 at 14:00 (Paris) and valid 15 days.
SHOWN = paris(2026, 3, 10, 15, 0)
STATIC_LINK = re.compile(r'(?:href|src)="(' + re.escape(settings.STATIC_URL) + r'[^"]+)"')
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def assert_styled_pdf(content: bytes) -> None:
    """A real PDF laid out with static/css/pdf.css: its page counter is printed."""
    assert content.startswith(b"%PDF-")
    assert re.search(r"\b1 / \d+\b", pdf_text(content))


def assert_static_links_resolve(client, response) -> list[str]:
    """The page answers 200 and every static file it links is a collected, hashed file that
    WhiteNoise serves."""
    assert response.status_code == 200
    links = STATIC_LINK.findall(response.content.decode())
    assert links
    for link in links:
        assert HASHED.search(link), link
        assert_served(client, link)
    return links


def assert_served(client, link: str) -> None:
    served = client.get(link)
    assert served.status_code == 200, link
    assert b"".join(served.streaming_content)  # read to the end: the file is closed


@pytest.fixture
def world():
    published_terms()
    company, signatory, buyer, _admin = company_with_people(legal_name="ALPHA SAS")
    item = product(reference="ECR-24", designation="Écran 24 pouces")
    return {"company": company, "signatory": signatory, "buyer": buyer, "item": item}


def test_the_settings_are_the_production_ones():
    from config import settings as project_settings

    assert not project_settings.DEMO_MODE and not project_settings.DEBUG
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    assert settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE
    assert HASHED.search(staticfiles_storage.url("css/pdf.css"))


def test_issue_and_sign_a_quote(client, world):
    """The issued PDF and the signed PDF render with their stylesheet; the signing page
    and its script are served."""
    quote = issued_quote(company=world["company"], user=sales_user(), lines=[(world["item"], 2)])
    assert_styled_pdf(document_read(quote.pdf))
    assert "ECR-24" in pdf_text(document_read(quote.pdf))

    client.force_login(world["signatory"])
    url = reverse("orders:quote_sign", kwargs={"number": quote.number, "version": 1})
    with time_machine.travel(SHOWN, tick=False):
        page = client.get(url)
        links = assert_static_links_resolve(client, page)
        assert any("js/orders/signature" in link for link in links)
        response = client.post(
            url,
            {
                "quote_id": quote.pk,
                "content_sha256": quote.content_sha256,
                "pdf_sha256": quote.pdf.sha256,
                "signer_name": "Sandrine Signe",
                "signer_title": "Gérante",
                "signature_mode": "drawn",
                "signature_data": data_url(signature_png()),
                "typed_signature": "",
                "payment_method": "transfer",
                "accept_terms": "on",
            },
        )

    order = Order.objects.get(quote=quote)
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:order_detail", kwargs={"number": order.number})
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SIGNED
    assert deliver_outbox()["failed"] == 0  # the worker renders the signed PDF after commit
    signed = client.get(
        reverse("orders:quote_signed_pdf", kwargs={"number": quote.number, "version": 1})
    )
    content = b"".join(signed.streaming_content)
    assert_styled_pdf(content)
    assert "Sandrine Signe" in pdf_text(content)


def render_quote(world) -> bytes:
    quote = issued_quote(company=world["company"], user=sales_user(), lines=[(world["item"], 1)])
    return document_read(quote.pdf)


def render_delivery_note(world) -> bytes:
    from datetime import timedelta

    from core.audit import Actor
    from orders.services.delivery_notes import delivery_note_render
    from orders.services.lifecycle import order_prepare
    from orders.services.shipments import Pick, shipment_create
    from orders.tests.factories import grant_deferred_terms
    from orders.tests.lifecycle import signed_order, staff_in

    grant_deferred_terms(world["company"], credit_limit=Decimal("10000.00"))
    people = (world["company"], world["signatory"])
    order = signed_order(
        placed_at=timezone.now() - timedelta(hours=2), people=people, lines=[(world["item"], 1)]
    )
    warehouse = staff_in("prepare_order")
    order_prepare(order=order, actor=Actor.of_user(warehouse))
    line = order.lines.get(kind="goods")
    shipment = shipment_create(
        order=order,
        picks=[Pick(line.pk, 1)],
        carrier="DHL",
        shipped_on=timezone.localdate(),
        user=warehouse,
    )
    return delivery_note_render(shipment=shipment)


def issued_invoice(world):
    from billing.services.invoices import InvoiceLineInput, invoice_issue
    from core.audit import Actor
    from shop.selectors import seller_and_terms_in_force

    _seller, terms = seller_and_terms_in_force(on=timezone.localdate())
    return invoice_issue(
        company=world["company"],
        terms=terms,
        order_reference="CMD-PROD",
        delivery_date=timezone.localdate(),
        actor=Actor.of_job("tests"),
        lines=[
            InvoiceLineInput(
                reference="ECR-24",
                designation="Écran 24 pouces",
                quantity=1,
                unit_price_ht=Decimal("150.00"),
                vat_rate=Decimal("20.00"),
                serial_numbers=("SN-1",),
            )
        ],
    )


def render_invoice(world) -> bytes:
    from billing.services.pdf import document_pdf_render

    return document_pdf_render(issued_invoice(world))


def render_return_form(world) -> bytes:
    from core.audit import Actor
    from returns.documents import return_form_pdf
    from returns.services import return_authorise
    from returns.tests.factories import request_return

    invoice = issued_invoice(world)
    rma = request_return(
        company=world["company"],
        user=world["buyer"],
        invoice_line=invoice.lines.get(),
        serial_numbers=("SN-1",),
    )
    authorised = return_authorise(request=rma, actor=Actor.of_job("tests"), on=timezone.localdate())
    return return_form_pdf(request=authorised)


def render_account_statement(world) -> bytes:
    from billing.account_statement import account_statement, account_statement_pdf

    invoice = issued_invoice(world)
    return account_statement_pdf(
        account_statement(
            company=world["company"], date_from=invoice.issue_date, date_to=invoice.issue_date
        )
    )


def render_demo_sample(world) -> bytes:
    return pdf_render(template_name="demo/sample_document.html", context={"title": "Kbis"})


# Every template that lays out a PDF, with how the project renders it.
PDF_RENDERERS = {
    "pdf/quote.html": render_quote,
    "pdf/delivery_note.html": render_delivery_note,
    "pdf/invoice.html": render_invoice,
    "returns/pdf/return_form.html": render_return_form,
    "pdf/account_statement.html": render_account_statement,
    "demo/sample_document.html": render_demo_sample,
}


def pdf_templates() -> set[str]:
    """The templates that extend the PDF layout, in the project's and the apps' folders."""
    folders = [*settings.TEMPLATES[0]["DIRS"], *get_app_template_dirs("templates")]
    found = set()
    for folder in folders:
        for path in folder.rglob("*.html"):
            if re.search(r"{%\s*extends\s+[\"']pdf/base.html[\"']", path.read_text("utf-8")):
                found.add(path.relative_to(folder).as_posix())
    return found


def test_every_pdf_template_is_rendered_here():
    assert pdf_templates() == set(PDF_RENDERERS)


@pytest.mark.parametrize("template_name", sorted(PDF_RENDERERS))
def test_every_pdf_renders(world, template_name):
    assert_styled_pdf(PDF_RENDERERS[template_name](world))


@pytest.mark.parametrize(
    "name", ["home", "catalogue", "product_detail", "signup", "login", "terms", "privacy", "cart"]
)
def test_pages_with_static_files(client, world, name):
    url = {
        "product_detail": reverse("product_detail", kwargs={"reference": "ECR-24"}),
    }.get(name) or reverse(name)
    if name == "cart":
        client.force_login(world["buyer"])
    assert_static_links_resolve(client, client.get(url))


def test_the_not_found_page_is_styled(client, world):
    response = client.get("/produit/INCONNU/")
    assert response.status_code == 404
    links = STATIC_LINK.findall(response.content.decode())
    assert any("css/base" in link for link in links)
    for link in links:
        assert_served(client, link)


def test_daily_jobs_run(world):
    """The jobs of a day after a quote's validity: each succeeds, the quote expires."""
    quote = issued_quote(company=world["company"], user=sales_user(), lines=[(world["item"], 1)])

    call_command("run_daily_jobs", "--date", "2026-03-26")

    runs = JobRun.objects.filter(as_of=date(2026, 3, 26))
    assert {run.job for run in runs if run.succeeded} == {job.name for job in registered_jobs()}
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.EXPIRED
