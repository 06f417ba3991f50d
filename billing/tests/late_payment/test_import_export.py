"""`import_open_items`, then `run_daily_jobs --date D`, then `receivables_export --as-of D`.

Each table is worked out by hand under its preset, as of D = 30 June 2025 (rates of 2025
H1: French legal 3.71, Belgian commercial 11.5).
"""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Company
from billing.models import Invoice, InvoiceSettlement
from billing.selectors import RECEIVABLE_COLUMNS
from billing.tests.late_payment.helpers import preset_terms, run_day

pytestmark = pytest.mark.django_db

AS_OF = date(2025, 6, 30)
INVOICES_HEADER = (
    "number;customer_siren;customer_name;customer_country;issue_date;delivery_date;"
    "due_date;total_ht;total_vat;total_ttc\n"
)
PAYMENTS_HEADER = "invoice_number;paid_on;amount\n"
FR_SIREN = "732829320"  # Luhn-valid
BE_NUMBER = "0403170701"  # mod-97 valid


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def import_run_export(tmp_path, invoices, payments=""):
    call_command(
        "import_open_items",
        "--invoices",
        write(tmp_path, "invoices.csv", INVOICES_HEADER + invoices),
        "--payments",
        write(tmp_path, "payments.csv", PAYMENTS_HEADER + payments),
    )
    run_day(AS_OF)
    output = tmp_path / "receivables.csv"
    call_command("receivables_export", "--as-of", AS_OF.isoformat(), "--output", str(output))
    lines = output.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ";".join(RECEIVABLE_COLUMNS)
    return lines[1:]


def test_000_table(tmp_path):
    preset_terms("000")  # 5 x 3.71 = 18.55 %
    rows = import_run_export(
        tmp_path,
        f"OLD-A;{FR_SIREN};DUPONT SA;FR;2025-03-01;;2025-03-31;1000.00;200.00;1200.00\n"
        f"OLD-B;{FR_SIREN};DUPONT SA;FR;2025-04-01;;2025-05-01;500.00;100.00;600.00\n"
        f"OLD-C;{FR_SIREN};DUPONT SA;FR;2025-06-01;;2025-07-01;200.00;40.00;240.00\n"
        f"OLD-D;{FR_SIREN};DUPONT SA;FR;2025-04-01;;2025-05-01;100.00;0.00;100.00\n"
        f"OLD-E;{FR_SIREN};DUPONT SA;FR;2025-05-01;;2025-05-31;1000.00;0.00;1000.00\n",
        "OLD-B;2025-05-11;600.00\nOLD-D;2025-05-01;100.00\nOLD-E;2025-06-10;400.00\n",
    )
    # The run of 30 June also invoiced penalties (outside the scope of VAT), due at once
    # (the imported customer has no payment term): OLD-B's, paid in full, 3.05 + 40.00;
    # then at the formal notice (15 days after the due date, already passed) OLD-A's,
    # 55.50 + 40.00, and OLD-E's, 11.18 + 40.00. They are receivables too.
    assert rows == [
        f"FA-2025-000001;{FR_SIREN};2025-06-30;2025-06-30;2025-06-30;0;43.05;0.00;0.00;0.00;0.00;not_due",
        f"FA-2025-000002;{FR_SIREN};2025-06-30;2025-06-30;2025-06-30;0;95.50;0.00;0.00;0.00;0.00;not_due",
        f"FA-2025-000003;{FR_SIREN};2025-06-30;2025-06-30;2025-06-30;0;51.18;0.00;0.00;0.00;0.00;not_due",
        # 91 days: 1200 x 18.55 % x 91 / 365 = 20256.60 / 365 = 55.4975 -> 55.50
        f"OLD-A;{FR_SIREN};2025-03-01;2025-03-31;2025-03-31;91;1200.00;55.50;40.00;0.00;0.00;overdue",
        # paid 10 days late: 600 x 18.55 % x 10 / 365 = 1113 / 365 = 3.0493 -> 3.05
        f"OLD-B;{FR_SIREN};2025-04-01;2025-05-01;2025-05-01;10;0.00;3.05;40.00;0.00;0.00;paid_late",
        f"OLD-C;{FR_SIREN};2025-06-01;2025-07-01;2025-07-01;0;240.00;0.00;0.00;0.00;0.00;not_due",
        # OLD-D paid on its due date: not a receivable.
        # 400 x 10 + 600 x 30 = 22000; x 18.55 % / 365 = 4081 / 365 = 11.1808 -> 11.18
        f"OLD-E;{FR_SIREN};2025-05-01;2025-05-31;2025-05-31;30;600.00;11.18;40.00;0.00;0.00;overdue",
    ]
    company = Company.objects.get(siren=FR_SIREN)
    assert (company.imported, company.status, company.legal_name) == (True, "draft", "DUPONT SA")
    assert set(
        Invoice.objects.filter(number__startswith="OLD-").values_list("imported", flat=True)
    ) == {True}


def test_004_table_with_acceleration(tmp_path):
    preset_terms("004")  # 3 x 3.71 = 11.13 %, any month started, acceleration
    rows = import_run_export(
        tmp_path,
        f"G-1;{FR_SIREN};GROS SARL;FR;2025-03-01;;2025-03-31;1000.00;200.00;1200.00\n"
        f"G-2;{FR_SIREN};GROS SARL;FR;2025-06-15;;2025-07-15;500.00;0.00;500.00\n",
    )
    # Formal notices on 30 June (15 days after each due date) invoice the penalties:
    # G-1 33.39 + 40.00 = 73.39; G-2 4.64 + 40.00 = 44.64 (due since 15 June).
    assert rows == [
        f"FA-2025-000001;{FR_SIREN};2025-06-30;2025-06-30;2025-06-30;0;73.39;0.00;0.00;0.00;0.00;not_due",
        f"FA-2025-000002;{FR_SIREN};2025-06-30;2025-06-30;2025-06-30;0;44.64;0.00;0.00;0.00;0.00;not_due",
        # 31 March -> 30 June: 3 months started; 1200 x 11.13 % x 3 / 12 = 33.39
        f"G-1;{FR_SIREN};2025-03-01;2025-03-31;2025-03-31;91;1200.00;33.39;40.00;0.00;0.00;overdue",
        # accelerated to its issue date (G-1 is overdue since 1 April): 15 days, 1 month
        # started: 500 x 11.13 % / 12 = 4.6375 -> 4.64
        f"G-2;{FR_SIREN};2025-06-15;2025-06-15;2025-07-15;15;500.00;4.64;40.00;0.00;0.00;overdue",
    ]


def test_001_table_daily_rate_from_day_31_after_delivery(tmp_path):
    preset_terms("001")  # 2.5 % of the TTC per day from day 31 after delivery; acceleration
    rows = import_run_export(
        tmp_path,
        f"R-1;{FR_SIREN};REVENDEUR SA;FR;2025-05-01;2025-05-01;2025-05-31;1000.00;200.00;1200.00\n"
        f"R-2;{FR_SIREN};REVENDEUR SA;FR;2025-06-20;2025-06-20;2025-07-20;100.00;0.00;100.00\n",
    )
    # The formal notice of 15 June invoices R-1's penalties on 30 June, 900.00 + 40.00; the
    # penalty invoice is due 30 days after it (001: from "delivery", its own date).
    assert rows == [
        f"FA-2025-000001;{FR_SIREN};2025-06-30;2025-07-30;2025-07-30;0;940.00;0.00;0.00;0.00;0.00;not_due",
        # 30 days from 1 June (day 31 after delivery): 1200 x 2.5 % x 30 = 900.00
        f"R-1;{FR_SIREN};2025-05-01;2025-05-31;2025-05-31;30;1200.00;900.00;40.00;0.00;0.00;overdue",
        # accelerated to 20 June: 10 days late, but day 31 after delivery is 21 July: no
        # daily penalty yet, the EUR 40 is due
        f"R-2;{FR_SIREN};2025-06-20;2025-06-20;2025-07-20;10;100.00;0.00;40.00;0.00;0.00;overdue",
    ]


@pytest.mark.parametrize(
    ("code", "indemnity", "fee", "billed"),
    [
        ("002", "40.00", "0.00", "51.44"),  # 11.44 + 40.00
        ("003", "0.00", "181.50", "192.94"),  # 15 % x 1210.00 = 181.50; 11.44 + 181.50
    ],
)
def test_belgian_tables(tmp_path, code, indemnity, fee, billed):
    preset_terms(code)
    rows = import_run_export(
        tmp_path,
        f"B-1;{BE_NUMBER};BRUXELLES SRL;BE;2025-05-01;;2025-05-31;1000.00;210.00;1210.00\n",
    )
    # 30 days at 11.5 %: 1210 x 11.5 % x 30 / 365 = 4174.50 / 365 = 11.4370 -> 11.44
    # and the formal notice (15 June) invoices them on 30 June, due at once
    assert rows == [
        f"B-1;{BE_NUMBER};2025-05-01;2025-05-31;2025-05-31;30;1210.00;11.44;{indemnity};{fee};0.00;overdue",
        f"FA-2025-000001;{BE_NUMBER};2025-06-30;2025-06-30;2025-06-30;0;{billed};0.00;0.00;0.00;0.00;not_due",
    ]


def test_importing_the_same_files_twice_creates_nothing_twice(tmp_path):
    preset_terms("000")
    invoices = write(
        tmp_path,
        "i.csv",
        INVOICES_HEADER
        + f"X-1;{FR_SIREN};DUPONT SA;FR;2025-03-01;;2025-03-31;100.00;20.00;120.00\n",
    )
    payments = write(
        tmp_path, "p.csv", PAYMENTS_HEADER + "X-1;2025-04-02;20.00\nX-1;2025-04-02;20.00\n"
    )
    for _ in range(2):
        call_command("import_open_items", "--invoices", invoices, "--payments", payments)
    assert Invoice.objects.count() == 1
    assert Company.objects.count() == 1
    # the two identical rows are two payments, once each
    assert list(InvoiceSettlement.objects.values_list("amount", flat=True)) == [20, 20]


def test_one_bad_row_rejects_the_whole_import_with_a_report_per_row(tmp_path, capsys):
    preset_terms("000")
    invoices = write(
        tmp_path,
        "i.csv",
        INVOICES_HEADER
        + f"OK-1;{FR_SIREN};DUPONT SA;FR;2025-03-01;;2025-03-31;100.00;20.00;120.00\n"
        + f"KO-2;{FR_SIREN};DUPONT SA;FR;2025-03-01;;2025-03-31;100,00;20.00;120.00\n"
        + "KO-3;123456789;AUTRE;FR;2025-03-01;;2025-02-28;100.00;20.00;120.00\n",
    )
    with pytest.raises(CommandError):
        call_command("import_open_items", "--invoices", invoices)
    errors = capsys.readouterr().err
    assert "invoices, ligne 3 : total_ht" in errors
    assert "invoices, ligne 4 : due_date" in errors
    assert not Invoice.objects.exists() and not Company.objects.exists()
