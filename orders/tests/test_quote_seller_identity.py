"""A quote is issued only by a seller holding every legal mention, and its PDFs (issued and
signed) print that whole identity."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from accounts.tests.factories import UserFactory
from core.documents import document_read
from core.errors import BusinessError
from orders.models import QuoteStatus
from orders.services import quote_issue
from orders.services.pdf import SignatureBlock, quote_pdf_render
from orders.tests.factories import (
    NOW,
    company_with_people,
    draft_quote,
    issued_quote,
    paris,
    product,
    sales_group,
    sales_user,
)
from shop.models import Seller

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    """The PDF's words separated by single spaces (lines and no-break spaces folded)."""
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


@pytest.fixture
def world(terms):
    company, signatory, _buyer, _admin = company_with_people()
    return {"company": company, "signatory": signatory, "sales": sales_user()}


def test_issuing_is_refused_with_the_list_of_missing_mentions(world):
    Seller.objects.update(siren="", siret="", vat_number="", phone="")
    quote = draft_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])

    with pytest.raises(BusinessError) as error:
        quote_issue(quote=quote, user=world["sales"], now=NOW)

    assert error.value.code == "seller_identity_incomplete"
    assert error.value.message == (
        "Le vendeur ne peut pas émettre de document : il manque des mentions légales à sa "
        "fiche (numéro SIREN, numéro de TVA intracommunautaire, numéro de téléphone). "
        "Complétez la fiche du vendeur dans l'administration."
    )
    quote.refresh_from_db()
    assert (quote.status, quote.number, quote.pdf_id) == (QuoteStatus.DRAFT, "", None)

    # Completed in the admin, the same draft is issued with the first number of the year.
    Seller.objects.update(siren="401483300", vat_number="FR39401483300", phone="+33 4 00 00 00 00")
    issued = quote_issue(quote=quote, user=world["sales"], now=NOW)
    assert (issued.status, issued.number) == (QuoteStatus.ISSUED, "DEV-2026-000001")


FRENCH_IDENTITY = (
    "ATELIER NUMÉRIQUE, SAS au capital de 10 000,00 €",
    "Siège : 12 rue de la République, 69002 Lyon",
    "SIREN 401 483 300 — RCS Lyon",
    "TVA FR39401483300",
    "contact@atelier-numerique.example · +33 4 00 00 00 00",
    # The legal notice at the foot of each page.
    "RCS Lyon 401 483 300 · SIRET 401 483 300 00018 · N° TVA intracommunautaire FR39401483300",
)


def test_issued_and_signed_pdfs_print_the_full_french_identity(world):
    quote = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 2)])
    issued = text_of(document_read(quote.pdf))
    signed = text_of(
        quote_pdf_render(
            content=json.loads(quote.canonical_content),
            signature=SignatureBlock(
                signer_name="Sandrine Signe",
                signer_title="Gérante",
                signed_at=paris(2026, 3, 10, 15, 0),
                company_name=world["company"].legal_name,
                payment_method_label="virement bancaire",
                content_sha256=quote.content_sha256,
                shown_pdf_sha256=quote.pdf.sha256,
                typed_signature="S. Signe",
            ),
        )
    )
    for expected in FRENCH_IDENTITY:
        assert expected in issued, expected
        assert expected in signed, expected
    assert "Sandrine Signe" in signed and "Sandrine Signe" not in issued
    # French legal mentions need no bank account: the IBAN is printed only in the transfer
    # instructions (docs/rules/payments.md), never in the identity or the legal notice.
    assert "FR39401483300 · IBAN" not in issued and "TVA FR39401483300 IBAN" not in issued
    assert issued.count("IBAN") == issued.count("Paiement par virement")


def test_the_pdf_prints_the_belgian_mentions(world):
    quote = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])
    content = json.loads(quote.canonical_content)
    content["seller"].update(
        legal_name="BRUXELLES HARDWARE",
        legal_form="SRL",
        share_capital=None,
        siren="",
        siret="",
        rcs_city="",
        vat_number="BE0403000059",
        enterprise_number="0403000059",
        rpm_court="Bruxelles",
        address_line1="Rue Neuve 1",
        postal_code="1000",
        city="Bruxelles",
        country="BE",
        iban="BE71096123456769",
    )

    text = text_of(quote_pdf_render(content=content))

    for expected in (
        "BRUXELLES HARDWARE, SRL",
        "N° d'entreprise 0403.000.059 — RPM Bruxelles",
        "IBAN BE71 0961 2345 6769",
        "BRUXELLES HARDWARE, SRL · N° d'entreprise 0403.000.059 · RPM Bruxelles · "
        "N° TVA intracommunautaire BE0403000059 · IBAN BE71 0961 2345 6769",
    ):
        assert expected in text, expected
    assert "capital" not in text and "RCS" not in text


def test_sales_see_the_list_when_issuing_in_the_admin(client, world):
    sales = UserFactory(is_staff=True)
    sales.groups.add(sales_group())
    Seller.objects.update(rcs_city="", email="")
    quote = draft_quote(company=world["company"], user=sales, lines=[(product(), 1)])
    client.force_login(sales)

    response = client.post(reverse("admin:orders_quote_issue", args=[quote.pk]), follow=True)

    (message,) = [str(m) for m in response.context["messages"]]
    assert "(ville du RCS, adresse e-mail)" in message
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT
