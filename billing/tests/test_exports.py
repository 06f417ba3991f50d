"""Accounting exports: ledger.csv totals equal the documents, the FEC has the 18 fields and
balances per entry and in total, the archive holds every PDF; the command writes it."""

import csv
import io
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command

from billing.exports.fec import FIELDS
from billing.exports.ledger import COLUMNS
from billing.services.invoices import invoice_apply_settlement
from billing.tests.einvoice_cases import french_cases
from billing.tests.factories import ACTOR, published_terms
from shop.models import Seller

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        cases = french_cases(published_terms(credit_note_validity_months=12))
        invoice_apply_settlement(
            invoice=cases["export"],
            amount=Decimal("850.00"),
            on=date(2026, 3, 12),
            source="payment",
            source_id=1,
            actor=ACTOR,
        )
        return cases


def test_the_command_writes_the_period_archive(cases, tmp_path):
    output = tmp_path / "compta.zip"
    call_command(
        "accounting_export", "--from", "2026-03-01", "--to", "2026-03-31", "--output", str(output)
    )
    siren = Seller.objects.get().siren
    with zipfile.ZipFile(output) as archive:
        names = set(archive.namelist())
        ledger = archive.read("ledger.csv").decode("utf-8")
        fec = archive.read(f"{siren}FEC20260331.txt").decode("utf-8")
        pdf = archive.read("factures/FA-2026-000001.pdf")
    assert {
        f"factures/{c.number}.pdf" for c in cases.values() if c.number.startswith("FA")
    } <= names
    assert "avoirs/AV-2026-000001.pdf" in names
    assert pdf.startswith(b"%PDF")

    rows = list(csv.DictReader(io.StringIO(ledger), delimiter=";"))
    assert ledger.splitlines()[0] == ";".join(COLUMNS)
    assert len(rows) == len(cases)  # one row per document: 9 invoices and 2 credit notes
    by_number = {row["number"]: row for row in rows}
    for document in cases.values():
        row = by_number[document.number]
        assert Decimal(row["total_ttc"]) == document.total_ttc
        assert Decimal(row["total_ht"]) + Decimal(row["total_vat"]) == Decimal(row["total_ttc"])
    invoices = [row for row in rows if row["document_type"] == "invoice"]
    assert sum(Decimal(r["total_ttc"]) for r in invoices) == sum(
        d.total_ttc for d in cases.values() if d.number.startswith("FA")
    )
    paid = by_number[cases["export"].number]
    # 850.00 HT, export without VAT, paid in full on 12 March
    assert (paid["amount_paid"], paid["amount_due"], paid["status"]) == ("850.00", "0.00", "paid")
    assert by_number["AV-2026-000001"]["document_type"] == "credit_note"
    assert by_number["AV-2026-000001"]["total_ttc"] == "599.88"  # positive, 499.90 + 20 %

    lines = fec.splitlines()
    assert lines[0].split("\t") == list(FIELDS)
    debit = credit = Decimal("0")
    per_entry: dict[str, Decimal] = defaultdict(Decimal)
    for line in lines[1:]:
        fields = line.split("\t")
        assert len(fields) == 18
        d, c = (Decimal(fields[11].replace(",", ".")), Decimal(fields[12].replace(",", ".")))
        assert (d == 0) != (c == 0)  # never a debit and a credit on one line
        assert date(int(fields[3][:4]), int(fields[3][4:6]), int(fields[3][6:])) >= date(2026, 3, 1)
        per_entry[fields[2]] += d - c
        debit, credit = debit + d, credit + c
    assert debit == credit
    assert set(per_entry.values()) == {Decimal("0")}
    # the domestic invoice: 411 debit 1254,26; 707 credit 1032,63 (999.80 + 19.99 + 0.84
    # + 12.00); 706 credit 15,00 (fee); 44571 credit 205,53 and 1,10
    domestic = [row.split("\t") for row in lines if "\tFA-2026-000001\t" in row and row[:2] == "VE"]
    assert sorted((f[4], f[11], f[12]) for f in domestic) == [
        ("411", "1254,26", "0,00"),
        ("44571", "0,00", "1,10"),
        ("44571", "0,00", "205,53"),
        ("706", "0,00", "15,00"),
        ("707", "0,00", "1032,63"),
    ]
    receipts = [row.split("\t") for row in lines if row[:2] == "BQ"]
    assert sorted((f[4], f[11], f[12]) for f in receipts) == [
        ("411", "0,00", "850,00"),
        ("512", "850,00", "0,00"),
    ]


def test_the_command_refuses_bad_dates(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "accounting_export",
            "--from",
            "2026-03-31",
            "--to",
            "2026-03-01",
            "--output",
            str(tmp_path / "x.zip"),
        )
    with pytest.raises(CommandError):
        call_command(
            "accounting_export",
            "--from",
            "31/03/2026",
            "--to",
            "2026-03-01",
            "--output",
            str(tmp_path / "x.zip"),
        )
