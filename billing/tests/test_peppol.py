"""Peppol BIS Billing 3.0 UBL of a Belgian seller's documents: UBL 2.1 XSD, CEN EN 16931
UBL rules and Peppol rules (vendored in billing/einvoice/validation/peppol/)."""

from pathlib import Path

import pytest
import time_machine
from lxml import etree

from billing.einvoice.ubl import ubl_xml
from billing.einvoice.validation import (
    CEN_UBL_XSLT,
    PEPPOL_DIR,
    PEPPOL_UBL_XSLT,
    UBL_CREDIT_NOTE_XSD,
    UBL_INVOICE_XSD,
    schematron_failures,
    xsd_errors,
)
from billing.models import Invoice
from billing.tests.einvoice_cases import belgian_cases, belgian_more_cases
from billing.tests.late_payment.helpers import preset_terms
from shop.models import Seller
from shop.tests.factories import SellerFactory, TermsFactory

pytestmark = pytest.mark.django_db
STYLESHEETS = [CEN_UBL_XSLT, PEPPOL_UBL_XSLT]
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def blocking(results: dict) -> dict:
    """Failed asserts that make a document fail (fatal, or without a flag), per document."""
    return {
        f"{name} / {sheet}": [f"{f.rule}: {f.text}" for f in failures if f.blocking]
        for name, by_sheet in results.items()
        for sheet, failures in by_sheet.items()
        if any(f.blocking for f in failures)
    }


def broken(example: bytes) -> bytes:
    """Peppol's example without its endpoints and with a wrong amount to pay."""
    root = etree.fromstring(example)
    for endpoint in root.iter(f"{{{CBC}}}EndpointID"):
        endpoint.getparent().remove(endpoint)
    next(root.iter(f"{{{CBC}}}PayableAmount")).text = "1.00"
    return etree.tostring(root)


@pytest.mark.parametrize("preset", ["002", "003"])
@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_belgian_documents_pass_the_xsd_cen_and_peppol_rules(tmp_path, preset):
    """The Terms of each Belgian preset, as its seller would pin them."""
    terms = preset_terms(preset)
    Seller.objects.exclude(pk=terms.seller_id).delete()
    documents = belgian_cases(terms) | belgian_more_cases(terms)
    paths = {}
    for name, document in documents.items():
        xml = ubl_xml(document)
        xsd = UBL_INVOICE_XSD if isinstance(document, Invoice) else UBL_CREDIT_NOTE_XSD
        assert xsd_errors(xml=xml, xsd=xsd) == [], name
        paths[name] = tmp_path / f"{name}.xml"
        paths[name].write_bytes(xml)
    example = (PEPPOL_DIR / "base-example.xml").read_bytes()
    paths["peppol_example"] = PEPPOL_DIR / "base-example.xml"
    paths["peppol_credit_note"] = PEPPOL_DIR / "base-creditnote-correction.xml"
    paths["broken"] = tmp_path / "broken.xml"
    paths["broken"].write_bytes(broken(example))

    failures = blocking(schematron_failures(documents=paths, stylesheets=STYLESHEETS))

    # the checks bite: the broken example fails on the rules its README names
    rules = " ".join(" ".join(found) for key, found in failures.items() if key.startswith("broken"))
    for rule in ("PEPPOL-EN16931-R010", "PEPPOL-EN16931-R020", "BR-CO-16"):
        assert rule in rules
    assert {key: found for key, found in failures.items() if not key.startswith("broken")} == {}


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_identifiers_of_a_peppol_invoice():
    seller = SellerFactory(belgian=True)
    Seller.objects.exclude(pk=seller.pk).delete()
    invoice = belgian_cases(TermsFactory(seller=seller, published=True))["be_invoice"]
    root = etree.fromstring(ubl_xml(invoice))
    text = {element.tag.split("}")[1]: element for element in root.iter(f"{{{CBC}}}*")}
    assert text["CustomizationID"].text == (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    )
    assert text["ProfileID"].text == "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
    endpoints = [(e.get("schemeID"), e.text) for e in root.iter(f"{{{CBC}}}EndpointID")]
    assert endpoints == [("0208", seller.enterprise_number), ("0208", "0417497106")]
    # structured communication of FA-2026-000001: base 2026000001, 2026000001 mod 97 = 92
    assert root.findtext(f".//{{{CBC}}}PaymentID") == "+++202/6000/00192+++"


def test_the_vendored_rules_are_the_published_ones():
    readme = (Path(PEPPOL_DIR) / "README.md").read_text()
    assert "release 3.0.19" in readme
