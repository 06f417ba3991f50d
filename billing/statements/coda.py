"""CODA (the Belgian banks' statement format, 128-character records) read with pycoda.

Movement records 21 carry the bank's reference, the sign (0 credit), the amount, the
booking date and the communication: type 1 is structured (`101` then the 12 digits of the
Belgian structured communication). Records 22 and 23 of the same movement add the
payer's BIC, account and name. Files come in ISO-8859-1 (cp1252), as the banks write them.
"""

from __future__ import annotations

from pycoda.codafile import CodaFile
from pycoda.records import (
    OldBalanceRecord,
    TransactionDetailRecord,
    TransactionRecord,
)

from billing.statements.entries import (
    MALFORMED,
    ParsedStatement,
    StatementEntry,
    statement_error,
)
from core.money import round_cents


def _movement(record: TransactionRecord) -> dict:
    reference = (record.reference or "").strip()
    structured = (
        reference[3:15] if record.reference_type == 1 and reference.startswith("101") else ""
    )
    return {
        "entry_reference": (record.bank_reference_number or "").strip()
        or f"{record.serial_number}-{record.detail_number}",
        "booking_date": record.booking_date,
        "amount": round_cents(record.balance),
        "credit": record.balance_sign == 0,
        "structured_reference": structured,
        "free_text": "" if structured else reference,
    }


def coda_parse(content: bytes) -> ParsedStatement:
    """The credit lines of a CODA file. Errors: BusinessError `statement_malformed`."""
    text = content.decode("cp1252", errors="replace")
    coda = CodaFile()
    try:
        coda.loads(text)
    except Exception as error:  # pycoda raises bare exceptions on a bad record
        raise statement_error(
            "statement_malformed", MALFORMED, format="CODA", detail=str(error)[:120] or "record"
        ) from error
    account, movements = "", []
    for record in coda.records:
        if isinstance(record, OldBalanceRecord):
            account = (record.account_number or "").strip()[:34].split(" ")[0]
        elif isinstance(record, TransactionRecord):
            movements.append(_movement(record))
        elif isinstance(record, TransactionDetailRecord) and movements:
            movements[-1]["payer_iban"] = (record.account_number or "").strip()[:34].split(" ")[0]
            movements[-1]["payer_name"] = (record.account_holder_name or "").strip()
    if not account:
        raise statement_error("statement_malformed", MALFORMED, format="CODA", detail="record 1")
    parsed = ParsedStatement(format="coda", account_iban=account)
    for movement in movements:
        if movement.pop("credit"):
            parsed.entries.append(StatementEntry(currency="EUR", **movement))
    return parsed
