"""CAMT.053 (ISO 20022 bank-to-customer statement) read with lxml, any version (.02 to .08).

An entry (`Ntry`) may hold several transactions (`TxDtls`, a batch booking): each is a
line, with its own amount when given. The structured reference (`RmtInf/Strd/CdtrRefInf/
Ref`) is kept apart from the free text (`RmtInf/Ustrd`): matching reads it first. The
parser neither resolves entities nor reaches the network (a statement is untrusted input).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from billing.statements.entries import (
    MALFORMED,
    ParsedStatement,
    StatementEntry,
    statement_error,
)

PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True
)


def _text(element, path: str) -> str:
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None else ""


def _amount(element) -> tuple[Decimal, str]:
    amt = element.find("{*}Amt")
    if amt is None:
        raise ValueError("Amt missing")
    return Decimal((amt.text or "").strip()), amt.get("Ccy", "")


def _entry_lines(ntry, index: int) -> list[StatementEntry]:
    if _text(ntry, "{*}CdtDbtInd") != "CRDT":
        return []
    amount, currency = _amount(ntry)
    booked = _text(ntry, "{*}BookgDt/{*}Dt") or _text(ntry, "{*}BookgDt/{*}DtTm")[:10]
    booking_date = date.fromisoformat(booked)
    entry_ref = _text(ntry, "{*}AcctSvcrRef") or _text(ntry, "{*}NtryRef") or f"{booked}#{index}"
    details = ntry.findall("{*}NtryDtls/{*}TxDtls")
    lines = []
    for position, tx in enumerate(details or [None], start=1):
        tx_amount, tx_currency = (amount, currency)
        if tx is not None and tx.find("{*}Amt") is not None:
            tx_amount, tx_currency = _amount(tx)
        reference = _text(tx, "{*}Refs/{*}AcctSvcrRef") if tx is not None else ""
        if not reference or reference == entry_ref:
            reference = entry_ref if len(details) <= 1 else f"{entry_ref}/{position}"
        structured = _text(tx, "{*}RmtInf/{*}Strd/{*}CdtrRefInf/{*}Ref")
        unstructured = tx.findall("{*}RmtInf/{*}Ustrd") if tx is not None else []
        free = " ".join(el.text.strip() for el in unstructured if el.text)
        lines.append(
            StatementEntry(
                entry_reference=reference,
                booking_date=booking_date,
                amount=tx_amount,
                currency=tx_currency,
                payer_name=_text(tx, "{*}RltdPties/{*}Dbtr/{*}Nm")
                or _text(tx, "{*}RltdPties/{*}Dbtr/{*}Pty/{*}Nm"),
                payer_iban=_text(tx, "{*}RltdPties/{*}DbtrAcct/{*}Id/{*}IBAN"),
                structured_reference=structured,
                free_text=free or _text(ntry, "{*}AddtlNtryInf"),
            )
        )
    return lines


def camt053_parse(content: bytes) -> ParsedStatement:
    """The credit lines of a CAMT.053 file. Errors: BusinessError `statement_malformed`
    (not XML, not a CAMT.053 statement, an unreadable amount or date)."""
    try:
        root = etree.fromstring(content, PARSER)
    except etree.XMLSyntaxError as error:
        raise statement_error(
            "statement_malformed", MALFORMED, format="CAMT.053", detail=str(error)[:120]
        ) from error
    statements = root.findall("{*}BkToCstmrStmt/{*}Stmt")
    if not root.tag.endswith("Document") or not statements:
        raise statement_error(
            "statement_malformed",
            MALFORMED,
            format="CAMT.053",
            detail="BkToCstmrStmt/Stmt",
        )
    parsed = None
    try:
        for stmt in statements:
            account = _text(stmt, "{*}Acct/{*}Id/{*}IBAN")
            if parsed is None:
                parsed = ParsedStatement(
                    format="camt053",
                    account_iban=account,
                    statement_reference=_text(stmt, "{*}Id"),
                )
            for index, ntry in enumerate(stmt.findall("{*}Ntry"), start=1):
                parsed.entries.extend(_entry_lines(ntry, index))
    except (ValueError, InvalidOperation) as error:
        raise statement_error(
            "statement_malformed", MALFORMED, format="CAMT.053", detail=str(error)[:120]
        ) from error
    assert parsed is not None  # statements is not empty
    if not parsed.account_iban:
        raise statement_error(
            "statement_malformed", MALFORMED, format="CAMT.053", detail="Acct/Id/IBAN"
        )
    return parsed
