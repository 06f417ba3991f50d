"""The quote PDF and the signing page link the terms in the buyer's language beside the
French version, the one that prevails."""

import io

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from core.documents import document_read
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    paris,
    product,
    sales_user,
    terms_004,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    # Terms of the 000/004 kind: the French text translated from the seller's English one.
    terms_004(
        text_fr="Conditions générales.", text_fr_translated_from="en", text_en="General terms."
    )
    company, signatory, _buyer, _admin = company_with_people()
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 1)])
    return {"quote": quote, "signatory": signatory}


def test_the_pdf_links_the_french_version_that_prevails_and_the_translation(world):
    quote = world["quote"]
    reader = PdfReader(io.BytesIO(document_read(quote.pdf)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    text = text.replace(":// ", "://")  # a URL broken at the end of a line
    version = quote.terms.version

    site = settings.SITE_URL.rstrip("/")
    assert (
        f"consultables en français, version qui fait foi, sur {site}/cgv/v{version}/, "
        f"et pour information en anglais sur {site}/en/cgv/v{version}/."
    ) in text, text[text.index("Conditions générales de vente applicables") :][:400]
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    }
    assert {link.split("/", 3)[3] for link in links} >= {
        f"cgv/v{version}/",
        f"en/cgv/v{version}/",
    }


@pytest.mark.parametrize(
    ("language", "own", "french"),
    [("en", "/en/cgv/v{v}/", "/cgv/v{v}/"), ("fr", "/cgv/v{v}/", None)],
)
def test_the_signing_page_links_the_readers_version_and_the_french_one(
    client, world, language, own, french
):
    quote = world["quote"]
    version = quote.terms.version
    client.force_login(world["signatory"])
    with translation.override(language):
        url = reverse(
            "orders:quote_sign", kwargs={"number": quote.number, "version": quote.version}
        )
    with time_machine.travel(paris(2026, 3, 10, 15, 0), tick=False):
        page = client.get(url).content.decode()

    label = page[page.index('for="id_accept_terms"') :]
    label = label[: label.index("</label>")]
    assert f'href="{own.format(v=version)}"' in label
    if french:
        assert f'href="{french.format(v=version)}" hreflang="fr"' in label
        assert "French version, which is binding" in label
    else:
        assert "hreflang" not in label
