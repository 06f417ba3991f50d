"""ledger.csv: one row per invoice and credit note of a period, for accountants.

Exactly these columns, in this order; UTF-8, `;` separator, `.` decimal point, ISO dates.
Credit notes' amounts are positive: `document_type` tells the sign. For a credit note,
`amount_paid` is what was used against invoices and `amount_due` what is left to use.
"""

from __future__ import annotations

import csv
from typing import TextIO

from billing.models import CreditNote, Invoice

COLUMNS = (
    "document_type",
    "number",
    "issue_date",
    "due_date",
    "customer_name",
    "customer_siren",
    "customer_vat",
    "order_reference",
    "vat_regime",
    "total_ht",
    "total_vat",
    "total_ttc",
    "amount_paid",
    "amount_due",
    "status",
    "terms_version",
)


def ledger_row(document: Invoice | CreditNote) -> dict[str, str]:
    is_invoice = isinstance(document, Invoice)
    if is_invoice:
        paid, due, due_date = document.amount_paid, document.amount_due, document.due_date
    else:
        paid, due, due_date = document.amount_used, document.balance, None
    return {
        "document_type": "invoice" if is_invoice else "credit_note",
        "number": document.number,
        "issue_date": document.issue_date.isoformat(),
        "due_date": due_date.isoformat() if due_date else "",
        "customer_name": document.buyer_name,
        "customer_siren": document.buyer_siren,
        "customer_vat": document.buyer_vat_number,
        "order_reference": document.order_reference,
        "vat_regime": document.vat_regime.get("code", ""),
        "total_ht": f"{document.total_ht:.2f}",
        "total_vat": f"{document.total_vat:.2f}",
        "total_ttc": f"{document.total_ttc:.2f}",
        "amount_paid": f"{paid:.2f}",
        "amount_due": f"{due:.2f}",
        "status": document.status,
        "terms_version": str(document.terms.version),
    }


def ledger_writer(stream: TextIO) -> csv.DictWriter:
    """A writer of ledger rows on `stream`, the header already written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, delimiter=";", lineterminator="\n")
    writer.writeheader()
    return writer
