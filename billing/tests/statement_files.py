"""Bank statement files as banks write them, built for the tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree
from lxml.builder import ElementMaker
from pycoda.codafile import CodaFile
from pycoda.records import (
    FinalRecord,
    InitialRecord,
    NewBalanceRecord,
    OldBalanceRecord,
    TransactionDetailRecord,
    TransactionRecord,
)

NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"
ACCOUNT = "BE68539007547034"


@dataclass(frozen=True)
class Tx:
    amount: str
    reference: str  # the bank's reference of the transaction
    structured: str = ""
    free: str = ""
    payer: str = "ACME SAS"
    payer_iban: str = "FR7630006000011234567890189"
    booked: date = date(2026, 3, 10)
    credit: bool = True


def camt053(
    entries: list[list[Tx]], *, account: str = ACCOUNT, statement_id: str = "STMT-1"
) -> bytes:
    """A CAMT.053 document: one `Ntry` per inner list, one `TxDtls` per transaction."""
    E = ElementMaker(namespace=NS, nsmap={None: NS})
    ntries = []
    for number, txs in enumerate(entries, start=1):
        total = sum(Decimal(tx.amount) for tx in txs)
        details = []
        for tx in txs:
            rmt = []
            if tx.structured:
                rmt.append(E.Strd(E.CdtrRefInf(E.Ref(tx.structured))))
            if tx.free:
                rmt.append(E.Ustrd(tx.free))
            details.append(
                E.TxDtls(
                    E.Refs(E.AcctSvcrRef(tx.reference)),
                    E.Amt(tx.amount, Ccy="EUR"),
                    E.RltdPties(E.Dbtr(E.Nm(tx.payer)), E.DbtrAcct(E.Id(E.IBAN(tx.payer_iban)))),
                    E.RmtInf(*rmt),
                )
            )
        first = txs[0]
        ntries.append(
            E.Ntry(
                E.NtryRef(f"N{number}"),
                E.Amt(f"{total:.2f}", Ccy="EUR"),
                E.CdtDbtInd("CRDT" if first.credit else "DBIT"),
                E.Sts("BOOK"),
                E.BookgDt(E.Dt(first.booked.isoformat())),
                E.ValDt(E.Dt(first.booked.isoformat())),
                E.AcctSvcrRef(f"E-{first.reference}"),
                E.NtryDtls(*details),
            )
        )
    document = E.Document(
        E.BkToCstmrStmt(
            E.GrpHdr(E.MsgId("MSG-1"), E.CreDtTm("2026-03-10T18:00:00")),
            E.Stmt(E.Id(statement_id), E.Acct(E.Id(E.IBAN(account))), *ntries),
        )
    )
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8")


def _milli(amount) -> Decimal:
    """CODA amounts have three decimals; pycoda writes a Decimal's digits as they are."""
    return Decimal(amount).quantize(Decimal("0.001"))


def coda(txs: list[Tx], *, account: str = ACCOUNT) -> bytes:
    """A CODA file: records 0, 1, a 21 and a 23 per movement, 8 and 9."""
    day = date(2026, 3, 10)
    records = [
        InitialRecord(
            creation_date=day,
            bank_identification_number=0,
            is_duplicate=False,
            reference="",
            addressee="BELTECH",
            bic="BPOTBEB1",
            account_holder_reference=0,
            free="",
            transaction_reference="",
            related_reference="",
        ),
        OldBalanceRecord(
            account_structure=2,
            serial_number=1,
            account_number=f"{account:<34}EUR",
            balance_sign=0,
            old_balance=_milli(0),
            balance_date=day,
            account_holder_name="BELTECH",
            account_description="",
            bank_statement_serial_number=1,
        ),
    ]
    for number, tx in enumerate(txs, start=1):
        structured = tx.structured.strip("+*").replace("/", "")
        records.append(
            TransactionRecord(
                serial_number=number,
                detail_number=0,
                bank_reference_number=tx.reference,
                balance_sign=0 if tx.credit else 1,
                balance=_milli(tx.amount),
                balance_date=tx.booked,
                transaction_code=150,
                reference_type=1 if structured else 0,
                reference=("101" + structured) if structured else tx.free,
                booking_date=tx.booked,
                bank_statement_serial_number=1,
                globalisation_code=0,
                transaction_sequence=True,
                information_sequence=False,
            )
        )
        records.append(
            TransactionDetailRecord(
                serial_number=number,
                detail_number=0,
                account_number=tx.payer_iban,
                account_holder_name=tx.payer,
                description="",
                information_sequence=False,
            )
        )
    records += [
        NewBalanceRecord(
            serial_number=1,
            account_number=f"{account:<34}EUR",
            balance_sign=0,
            new_balance=_milli(sum(Decimal(t.amount) for t in txs)),
            balance_date=day,
            sequence=False,
        ),
        FinalRecord(
            number_records=len(records) - 1,
            debit=_milli(0),
            credit=_milli(sum(Decimal(t.amount) for t in txs)),
            has_sequence=False,
        ),
    ]
    return CodaFile(records).dumps(sep="\r\n").encode("cp1252")
