"""The FEC (Fichier des Écritures Comptables, LPF art. L47 A, BOI-CF-IOR-60-40-20):
the sales journal and the receipts journal of a period, as the tax administration's
test tool reads them.

File `<SIREN>FEC<YYYYMMDD>.txt` (the closing date: the period's end), first line the 18
field names, tab-separated, comma decimal, dates YYYYMMDD, entries in chronological
order, every entry balanced and never a debit and a credit on one line.

- Sales journal (VE), one entry per invoice: customer 411 (auxiliary account per
  customer) debit TTC; sales 707 (goods, shipping, eco-fee, packaging) and 706
  (services, fees) credit HT; penalties 7638 credit; VAT collected 44571 credit per rate.
  A credit note is the mirror entry (411 credit, sales and VAT debit).
- Receipts journal (BQ), one entry per payment settlement: bank 512 debit, 411 credit.

Accounts are configurable (`settings.BILLING_ACCOUNTS`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TextIO

from django.conf import settings

from billing.models import CreditNote, Invoice, InvoiceSettlement, LineKind
from billing.presentation import GOODS_KINDS
from core.money import ZERO, vat_breakdown

FIELDS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
SALES = ("VE", "Ventes")
RECEIPTS = ("BQ", "Banque")


@dataclass(frozen=True)
class FecLine:
    account: str
    label: str
    amount: Decimal  # positive: debit; negative: credit
    auxiliary: str = ""
    auxiliary_label: str = ""


@dataclass(frozen=True)
class Entry:
    journal: tuple[str, str]
    on: date
    piece: str
    label: str
    lines: tuple[FecLine, ...]


def fec_filename(*, siren: str, closing: date) -> str:
    return f"{siren}FEC{closing:%Y%m%d}.txt"


def _accounts() -> dict[str, str]:
    return settings.BILLING_ACCOUNTS


def _customer_line(document: Invoice | CreditNote, amount: Decimal) -> FecLine:
    accounts = _accounts()
    return FecLine(
        accounts["customers"],
        "Clients",
        amount,
        auxiliary=f"C{document.company_id:06d}",
        auxiliary_label=document.buyer_name,
    )


def _revenue_account(kind: str) -> tuple[str, str]:
    accounts = _accounts()
    if kind == LineKind.PENALTY:
        return accounts["penalties"], "Pénalités et indemnités de retard"
    if kind in GOODS_KINDS:
        return accounts["goods"], "Ventes de marchandises"
    return accounts["services"], "Prestations de services"


def document_entry(document: Invoice | CreditNote) -> Entry:
    """The sales-journal entry of an invoice (a credit note: the mirror entry)."""
    sign = Decimal(1) if isinstance(document, Invoice) else Decimal(-1)
    lines = list(document.lines.all())
    revenue: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        revenue[_revenue_account(line.kind)] += line.line_total_ht
    totals = vat_breakdown((line.line_total_ht, line.vat_rate) for line in lines)
    vat_account = _accounts()["vat_collected"]
    title = "Facture" if sign > 0 else "Avoir"
    return Entry(
        journal=SALES,
        on=document.issue_date,
        piece=document.number,
        label=f"{title} {document.number} {document.buyer_name}"[:200],
        lines=(
            _customer_line(document, sign * document.total_ttc),
            *(
                FecLine(account, label, -sign * amount)
                for (account, label), amount in revenue.items()
            ),
            *(
                FecLine(vat_account, f"TVA collectée {row.rate.normalize():f} %", -sign * row.vat)
                for row in totals.per_rate
            ),
        ),
    )


def settlement_entry(settlement: InvoiceSettlement) -> Entry:
    invoice = settlement.invoice
    return Entry(
        journal=RECEIPTS,
        on=settlement.on,
        piece=invoice.number,
        label=f"Règlement {invoice.number} {invoice.buyer_name}"[:200],
        lines=(
            FecLine(_accounts()["bank"], "Banque", settlement.amount),
            _customer_line(invoice, -settlement.amount),
        ),
    )


def _amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def fec_write(stream: TextIO, entries: Iterable[Entry]) -> int:
    """Write the FEC header and the entries' lines (zero lines left out); returns the
    number of entries. Entries are written in the order given: pass them sorted by date."""
    stream.write("\t".join(FIELDS) + "\n")
    numbers: dict[str, int] = defaultdict(int)
    count = 0
    for entry in entries:
        code, name = entry.journal
        numbers[code] += 1
        number = f"{code}{numbers[code]:06d}"
        day = f"{entry.on:%Y%m%d}"
        for line in entry.lines:
            if line.amount == ZERO:
                continue
            debit = line.amount if line.amount > 0 else ZERO
            credit = -line.amount if line.amount < 0 else ZERO
            row = (
                code,
                name,
                number,
                day,
                line.account,
                line.label,
                line.auxiliary,
                line.auxiliary_label,
                entry.piece,
                day,
                entry.label,
                _amount(debit),
                _amount(credit),
                "",
                "",
                day,
                "",
                "",
            )
            stream.write("\t".join(_clean(value) for value in row) + "\n")
        count += 1
    return count


def _clean(value: str) -> str:
    """No tab or line break inside a field: they are the file's separators."""
    return " ".join(value.split())


def entry_order(entry: Entry) -> tuple[date, bool, str]:
    """Chronological order of the file: by date, sales before receipts, then by piece."""
    return (entry.on, entry.journal[0] != SALES[0], entry.piece)
