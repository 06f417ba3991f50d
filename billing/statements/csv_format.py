"""A simple CSV statement for banks that export nothing else: UTF-8, a header row,
`;` or `,` as separator, one credit per row:

    account;booking_date;amount;currency;bank_reference;payer_name;payer_iban;reference

Dates are ISO (2026-03-10) or French (10/03/2026); amounts take "." or ",". Negative
amounts (debits) are skipped.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from billing.statements.entries import (
    MALFORMED,
    ParsedStatement,
    StatementEntry,
    statement_error,
)
from core.money import round_cents, to_decimal

COLUMNS = (
    "account",
    "booking_date",
    "amount",
    "currency",
    "bank_reference",
    "payer_name",
    "payer_iban",
    "reference",
)


def _date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"date {text!r}")


def csv_parse(content: bytes) -> ParsedStatement:
    """Errors: BusinessError `statement_encoding` (not UTF-8), `statement_malformed`
    (missing columns, an unreadable date or amount, with its row number)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise statement_error(
            "statement_encoding",
            _(
                "Le fichier n'est pas encodé en UTF-8 (octet illisible en position "
                "%(position)s) : exportez-le en UTF-8 depuis votre banque."
            ),
            position=error.start,
        ) from error
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if ";" in first else ",")
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise statement_error(
            "statement_malformed", MALFORMED, format="CSV", detail="colonnes " + ", ".join(missing)
        )
    parsed = ParsedStatement(format="csv", account_iban="")
    for number, row in enumerate(reader, start=2):
        try:
            amount = round_cents(to_decimal(row["amount"]))
            booking_date = _date(row["booking_date"])
        except (ValueError, TypeError) as error:
            raise statement_error(
                "statement_malformed", MALFORMED, format="CSV", detail=f"ligne {number}: {error}"
            ) from error
        parsed.account_iban = parsed.account_iban or row["account"].replace(" ", "")
        if amount <= 0:
            continue
        parsed.entries.append(
            StatementEntry(
                entry_reference=row["bank_reference"].strip() or f"row-{number}",
                booking_date=booking_date,
                amount=amount,
                currency=(row["currency"] or "EUR").strip().upper(),
                payer_name=row["payer_name"].strip(),
                payer_iban=row["payer_iban"].replace(" ", ""),
                free_text=row["reference"].strip(),
            )
        )
    if not parsed.account_iban:
        raise statement_error("statement_malformed", MALFORMED, format="CSV", detail="account")
    return parsed
