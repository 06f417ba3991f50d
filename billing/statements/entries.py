"""What every statement reader gives: the account and its credit transactions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError


@dataclass(frozen=True)
class StatementEntry:
    """One transaction credited to the account (debits are not payments received)."""

    entry_reference: str  # the bank's own reference: with the account, the idempotency key
    booking_date: date
    amount: Decimal
    currency: str
    payer_name: str = ""
    payer_iban: str = ""
    structured_reference: str = ""  # read before the free text
    free_text: str = ""


@dataclass
class ParsedStatement:
    format: str
    account_iban: str
    statement_reference: str = ""
    entries: list[StatementEntry] = field(default_factory=list)


def statement_error(code: str, message, **params) -> BusinessError:
    return BusinessError(code, message, field="file", params=params)


MALFORMED = _("Le fichier n'est pas un relevé %(format)s lisible : %(detail)s.")
