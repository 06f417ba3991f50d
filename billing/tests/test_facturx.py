"""Every kind of invoice, and a credit note, as Factur-X: the XML embedded in the stored
PDF passes the EN 16931 XSD, the EN 16931 schematron and the French CTC rules (BR-FR);
a Belgian seller's documents pass the XSD and EN 16931."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from facturx import get_xml_from_pdf
from lxml import etree
from pypdf import PdfReader

from billing.einvoice.validation import (
    BR_FR_CII_XSLT,
    FACTURX_EN16931_XSD,
    FACTURX_EN16931_XSLT,
    schematron_failures,
    xsd_errors,
)
from billing.services.invoices import invoice_issue
from billing.services.pdf import document_pdf_ensure
from billing.tests.einvoice_cases import belgian_cases, french_cases
from billing.tests.factories import ACTOR, line, published_terms
from core.documents import document_read
from shop.models import Seller
from shop.tests.factories import SellerFactory, TermsFactory

pytestmark = pytest.mark.django_db

NS = {"ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"}


def embedded_xml(document) -> bytes:
    pdf = document_read(document_pdf_ensure(document=document))
    filename, xml = get_xml_from_pdf(pdf, check_xsd=False)
    assert filename == "factur-x.xml"
    return xml


def without_penalty_note(xml: bytes) -> bytes:
    """The same XML without its PMD note: the French CTC rules must refuse it."""
    root = etree.fromstring(xml)
    for note in root.iterfind(".//ram:IncludedNote", NS):
        if note.findtext("ram:SubjectCode", namespaces=NS) == "PMD":
            note.getparent().remove(note)
    return etree.tostring(root)


def validate(documents: dict, tmp_path: Path, stylesheets: list[Path], broken=None) -> dict:
    paths = {}
    for name, document in documents.items():
        xml = embedded_xml(document)
        assert xsd_errors(xml=xml, xsd=FACTURX_EN16931_XSD) == [], name
        paths[name] = tmp_path / f"{name}.xml"
        paths[name].write_bytes(xml)
        if name == broken:
            paths["broken"] = tmp_path / "broken.xml"
            paths["broken"].write_bytes(without_penalty_note(xml))
    results = schematron_failures(documents=paths, stylesheets=stylesheets)
    return {
        f"{name} / {sheet}": [f"{f.rule} {f.flag}: {f.text}" for f in failures]
        for name, by_sheet in results.items()
        for sheet, failures in by_sheet.items()
        if failures
    }


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_every_french_kind_passes_xsd_en16931_and_br_fr(tmp_path):
    terms = published_terms(credit_note_validity_months=12)
    documents = french_cases(terms)
    failures = validate(
        documents, tmp_path, [FACTURX_EN16931_XSLT, BR_FR_CII_XSLT], broken="services_only"
    )
    # the checks bite: the same invoice without its late-penalty note is refused
    broken = failures.pop("broken / BR-FR-Flux2-Schematron-CII.xslt")
    assert any("BR-FR-05" in failure and "PMD" in failure for failure in broken)
    assert failures == {}


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_a_belgian_sellers_documents_pass_xsd_and_en16931(tmp_path):
    seller = SellerFactory(belgian=True)
    Seller.objects.exclude(pk=seller.pk).delete()
    terms = TermsFactory(
        seller=seller,
        published=True,
        late_penalty_mode="belgian_commercial_rate",
        recovery_indemnity_amount=None,
        collection_fee_percent=Decimal("15.00"),
    )
    failures = validate(belgian_cases(terms), tmp_path, [FACTURX_EN16931_XSLT])
    assert failures == {}


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_the_pdf_is_pdf_a_3b_with_the_xml_attached_as_data():
    terms = published_terms()
    invoice = french_cases(terms)["services_only"]
    reader = PdfReader(
        __import__("io").BytesIO(document_read(document_pdf_ensure(document=invoice)))
    )
    metadata = reader.xmp_metadata
    assert metadata is not None
    xmp = metadata.stream.get_data().decode()
    assert (
        "<pdfaid:part>3</pdfaid:part>" in xmp
        and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    )
    spec = reader.trailer["/Root"]["/AF"][0].get_object()
    assert spec["/F"] == "factur-x.xml" and spec["/AFRelationship"] == "/Data"
    # stored once: a second call returns the same document
    assert document_pdf_ensure(document=invoice).pk == invoice.pdf_id


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_a_credit_note_deducted_at_issue_is_the_amount_already_paid(tmp_path):
    terms = published_terms(credit_note_validity_months=12)
    cases = french_cases(terms)  # the credit note: 499.90 HT + 20 % = 599.88 TTC
    invoice = invoice_issue(
        company=cases["credit_note"].company,
        terms=terms,
        actor=ACTOR,
        lines=[line("1000.00", reference="SRV-02", designation="Serveur tour")],
    )
    documents = {"deducted": invoice}
    assert validate(documents, tmp_path, [FACTURX_EN16931_XSLT, BR_FR_CII_XSLT]) == {}
    totals = etree.fromstring(embedded_xml(invoice)).find(
        ".//ram:SpecifiedTradeSettlementHeaderMonetarySummation", NS
    )
    # 1,000.00 HT + 20 % = 1,200.00 TTC; 599.88 already paid by the credit note;
    # 1,200.00 - 599.88 = 600.12 left to pay.
    tags = ("GrandTotalAmount", "TotalPrepaidAmount", "DuePayableAmount")
    assert [totals.findtext(f"ram:{tag}", namespaces=NS) for tag in tags] == [
        "1200.00",
        "599.88",
        "600.12",
    ]
    reader = PdfReader(io.BytesIO(document_read(document_pdf_ensure(document=invoice))))
    text = " ".join(reader.pages[0].extract_text().replace("\u202f", " ").split())
    assert f"Avoir déduit {cases['credit_note'].number} − 599,88 €" in text
    assert "Reste à payer 600,12 €" in text
