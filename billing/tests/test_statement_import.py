"""Bank statements: CAMT.053, CODA and CSV read, lines matched by reference then amount
and payer, proposals confirmed by staff, re-imports adding nothing, bad files refused
with a clear message (docs/rules/payments.md)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.models import DocumentStatus, KycDocument
from accounts.tests.factories import CompanyFactory, UserFactory, pdf_upload
from billing.models import (
    BankStatementLine,
    InvoiceStatus,
    LineStatus,
    MatchKind,
    Payment,
    PaymentStatus,
)
from billing.payments.transfer import structured_communication
from billing.services.allocations import company_payment_credit
from billing.services.invoices import invoice_issue
from billing.services.statements import (
    statement_import,
    statement_line_allocate,
    statement_line_confirm,
)
from billing.tests.factories import ACTOR, line, published_terms
from billing.tests.statement_files import ACCOUNT, Tx, camt053, coda
from core.documents import document_store
from core.errors import BusinessError

pytestmark = pytest.mark.django_db

PAYER_IBAN = "FR7630006000011234567890189"


@pytest.fixture(autouse=True)
def _day():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield


@pytest.fixture
def world():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    staff = UserFactory(is_staff=True)
    return {"terms": terms, "company": company, "staff": staff}


def _invoice(world, price="100.00"):
    # One line at 20 % VAT: 100,00 HT + 20,00 VAT = 120,00 TTC.
    return invoice_issue(
        company=world["company"], terms=world["terms"], lines=[line(price)], actor=ACTOR
    )


def _import(world, content: bytes, name="releve.xml"):
    return statement_import(content=content, filename=name, user=world["staff"])


def test_several_transactions_of_one_entry_are_each_a_line_with_their_reference(world):
    first, second = _invoice(world), _invoice(world)
    content = camt053(
        [
            [
                Tx("120.00", "TX-1", structured=structured_communication(first.number)),
                Tx("120.00", "TX-2", free=f"Paiement facture {second.number}"),
            ],
            [Tx("50.00", "TX-3", credit=False)],  # a debit: not a payment received
        ]
    )
    report = _import(world, content)
    assert (report.statement.lines_read, report.statement.lines_added) == (2, 2)
    lines = {line.entry_reference: line for line in BankStatementLine.objects.all()}
    assert lines["TX-1"].invoice == first and lines["TX-2"].invoice == second
    assert {line.match_kind for line in lines.values()} == {MatchKind.REFERENCE}
    assert report.proposed == 2 and report.unmatched == 0


def test_the_structured_reference_is_read_before_the_free_text(world):
    first, second = _invoice(world), _invoice(world)
    _import(
        world,
        camt053(
            [
                [
                    Tx(
                        "120.00",
                        "TX-1",
                        structured=structured_communication(first.number),
                        free=second.number,
                    )
                ]
            ]
        ),
    )
    assert BankStatementLine.objects.get().invoice == first


def test_a_confirmed_transfer_is_validated_the_next_working_day_and_pays_the_invoice(world):
    invoice = _invoice(world)
    # Booked Friday 13 March 2026: validated Monday 16 March, the next working day.
    _import(world, camt053([[Tx("150.00", "TX-1", free=invoice.number, booked=date(2026, 3, 13))]]))
    statement_line = BankStatementLine.objects.get()
    statement_line_confirm(line=statement_line, actor=ACTOR)
    payment = Payment.objects.get()
    assert (payment.status, payment.method) == (PaymentStatus.VALIDATED, "transfer")
    assert (payment.received_on, payment.validated_on) == (date(2026, 3, 13), date(2026, 3, 16))
    invoice.refresh_from_db()
    # 150,00 received for 120,00 due: the invoice is paid, 30,00 stay as credit.
    assert (invoice.status, invoice.amount_paid) == (InvoiceStatus.PAID, Decimal("120.00"))
    assert company_payment_credit(company=world["company"]) == Decimal("30.00")
    statement_line.refresh_from_db()
    assert (statement_line.status, statement_line.payment) == (LineStatus.CONFIRMED, payment)
    with pytest.raises(BusinessError) as again:
        statement_line_confirm(line=statement_line, actor=ACTOR)
    assert again.value.code == "line_not_proposed"


@pytest.mark.parametrize(
    ("booked", "validated"),
    [
        (date(2026, 4, 2), date(2026, 4, 3)),  # Thursday → Friday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Friday → Tuesday: Monday 6 April is Easter Monday
        (date(2026, 4, 4), date(2026, 4, 7)),  # Saturday → Tuesday
    ],
)
def test_the_validation_date_skips_weekends_and_public_holidays(world, booked, validated):
    invoice = _invoice(world)
    _import(world, camt053([[Tx("120.00", "TX-1", free=invoice.number, booked=booked)]]))
    statement_line_confirm(line=BankStatementLine.objects.get(), actor=ACTOR)
    assert Payment.objects.get().validated_on == validated


def _bank_details(company, iban):
    stored = document_store(
        content=pdf_upload().read(), filename="rib.pdf", content_type="application/pdf", kind="kyc"
    )
    KycDocument.objects.create(
        company=company,
        kind="bank_details",
        status=DocumentStatus.APPROVED,
        stored=stored,
        iban=iban,
        uploaded_by=UserFactory(),
    )


def test_without_a_reference_the_amount_and_the_payers_account_propose_the_invoice(world):
    _bank_details(world["company"], PAYER_IBAN)
    _invoice(world, "50.00")  # 60,00 TTC
    wanted = _invoice(world)  # 120,00 TTC
    _import(world, camt053([[Tx("120.00", "TX-1", free="virement", payer_iban=PAYER_IBAN)]]))
    statement_line = BankStatementLine.objects.get()
    assert (statement_line.match_kind, statement_line.invoice) == (
        MatchKind.AMOUNT_AND_PAYER,
        wanted,
    )


def test_two_open_invoices_of_the_same_amount_are_left_to_staff(world):
    _bank_details(world["company"], PAYER_IBAN)
    _invoice(world), _invoice(world)
    _import(world, camt053([[Tx("120.00", "TX-1", payer_iban=PAYER_IBAN)]]))
    assert BankStatementLine.objects.get().status == LineStatus.UNMATCHED


def test_an_unknown_reference_is_left_unmatched_with_a_note(world):
    _import(world, camt053([[Tx("120.00", "TX-1", free="FA-2026-000999")]]))
    statement_line = BankStatementLine.objects.get()
    assert statement_line.status == LineStatus.UNMATCHED
    assert statement_line.match_note == "Référence inconnue : FA-2026-000999"


def test_a_wrong_check_digit_is_noted_and_not_trusted(world):
    invoice = _invoice(world)
    good = structured_communication(invoice.number)  # +++202/6000/00121+++
    wrong = good[:-5] + ("0" if good[-5] != "0" else "1") + good[-4:]
    _import(world, camt053([[Tx("120.00", "TX-1", structured=wrong)]]))
    statement_line = BankStatementLine.objects.get()
    assert statement_line.status == LineStatus.UNMATCHED
    assert "chiffres de contrôle erronés" in statement_line.match_note


def test_importing_again_or_an_overlapping_statement_adds_nothing_twice(world):
    first = camt053([[Tx("120.00", "TX-1")], [Tx("80.00", "TX-2")]])
    overlapping = camt053([[Tx("80.00", "TX-2")], [Tx("10.00", "TX-3")]], statement_id="STMT-2")
    assert _import(world, first).statement.lines_added == 2
    again = _import(world, first).statement
    assert (again.lines_added, again.lines_known) == (0, 2)
    later = _import(world, overlapping).statement
    assert (later.lines_added, later.lines_known) == (1, 1)
    assert BankStatementLine.objects.count() == 3


def test_a_line_repeated_in_the_file_is_added_once_and_reported(world):
    report = _import(world, camt053([[Tx("120.00", "TX-1")], [Tx("120.00", "TX-1")]]))
    assert report.duplicates_in_file == ["TX-1"]
    assert BankStatementLine.objects.count() == 1


def test_a_coda_file_is_read_with_its_structured_communication(world):
    invoice = _invoice(world)
    content = coda(
        [
            Tx("120.00", "BANKREF0001", structured=structured_communication(invoice.number)),
            Tx("7.50", "BANKREF0002", credit=False),
        ]
    )
    report = _import(world, content, name="releve.cod")
    assert report.statement.format == "coda"
    statement_line = BankStatementLine.objects.get()
    assert (statement_line.amount, statement_line.invoice) == (Decimal("120.00"), invoice)
    assert statement_line.payer_iban == "FR7630006000011234567890189"


def test_a_csv_statement_is_read(world):
    invoice = _invoice(world)
    content = (
        "account;booking_date;amount;currency;bank_reference;payer_name;payer_iban;reference\n"
        f"{ACCOUNT};10/03/2026;120,00;EUR;CSV-1;ACME;;{invoice.number}\n"
        f"{ACCOUNT};2026-03-10;-12,00;EUR;CSV-2;Banque;;frais\n"
    ).encode()
    _import(world, content, name="releve.csv")
    statement_line = BankStatementLine.objects.get()
    assert (statement_line.amount, statement_line.invoice) == (Decimal("120.00"), invoice)


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"", "statement_empty", "vide"),
        (b"<Document><broken>", "statement_malformed", "CAMT.053"),
        (b"<?xml version='1.0'?><Other/>", "statement_malformed", "BkToCstmrStmt"),
        (
            "account;booking_date;amount;currency;bank_reference;payer_name;payer_iban;reference\n"
            f"{ACCOUNT};10/03/2026;120,00;EUR;CSV-1;Société Générale;;x\n".encode("latin-1"),
            "statement_encoding",
            "UTF-8",
        ),
        (
            "account;booking_date;amount;currency;bank_reference;payer_name;payer_iban;reference\n"
            f"{ACCOUNT};32/03/2026;120,00;EUR;CSV-1;ACME;;x\n".encode(),
            "statement_malformed",
            "ligne 2",
        ),
        (b"date,montant\n2026-03-10,12\n", "statement_malformed", "colonnes"),
        (camt053([[Tx("1.00", "T")]], account="BE00123"), "statement_account_invalid", "IBAN"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_is_written(
    world, content, code, words
):
    with pytest.raises(BusinessError) as refused:
        _import(world, content)
    assert refused.value.code == code
    assert words in refused.value.message
    assert not BankStatementLine.objects.exists()


def test_a_thousand_line_camt_imports_and_matches_in_one_go(world, django_assert_max_num_queries):
    invoices = [_invoice(world) for _ in range(40)]
    txs = [
        Tx(
            "120.00",
            f"TX-{n:04d}",
            structured=structured_communication(invoices[n % 40].number) if n % 2 else "",
            free="" if n % 2 else f"Facture {invoices[n % 40].number}",
        )
        for n in range(1000)
    ]
    content = camt053([txs[i : i + 4] for i in range(0, 1000, 4)])  # 4 transactions per entry
    with django_assert_max_num_queries(20):
        report = _import(world, content)
    assert (report.statement.lines_added, report.proposed) == (1000, 1000)
    with django_assert_max_num_queries(10):
        again = _import(world, content)
    assert (again.statement.lines_added, again.statement.lines_known) == (0, 1000)
    assert BankStatementLine.objects.count() == 1000


def test_without_reference_nor_known_account_the_amount_and_payer_name_propose_it(world):
    _invoice(world, "50.00")  # 60,00 TTC
    wanted = _invoice(world)  # 120,00 TTC
    # The bank prints the name in capitals with extra spaces; the payer's IBAN is unknown.
    payer = "  " + world["company"].legal_name.upper().replace(" ", "   ") + " "
    _import(world, camt053([[Tx("120.00", "TX-1", free="virement", payer=payer)]]))
    statement_line = BankStatementLine.objects.get()
    assert (statement_line.match_kind, statement_line.invoice) == (
        MatchKind.AMOUNT_AND_PAYER,
        wanted,
    )


def test_a_payer_name_with_another_amount_is_left_to_staff(world):
    _invoice(world)  # 120,00 TTC
    _import(world, camt53_line("120.01", payer=world["company"].legal_name))
    assert BankStatementLine.objects.get().status == LineStatus.UNMATCHED


def camt53_line(amount: str, payer: str) -> bytes:
    return camt053([[Tx(amount, "TX-1", free="virement", payer=payer)]])


def test_staff_allocate_an_unmatched_line_by_hand_the_rest_is_credit(world):
    first, second = _invoice(world), _invoice(world, "50.00")  # 120,00 and 60,00 TTC
    _import(world, camt53_line("200.00", payer="M. DUPONT"))
    statement_line = BankStatementLine.objects.get()
    assert statement_line.status == LineStatus.UNMATCHED
    statement_line_allocate(
        line=statement_line,
        company=world["company"],
        allocations=[(first, Decimal("120.00")), (second, Decimal("60.00"))],
        actor=ACTOR,
    )
    statement_line.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert statement_line.status == LineStatus.CONFIRMED
    assert (first.status, second.status) == (InvoiceStatus.PAID, InvoiceStatus.PAID)
    # 200,00 received − 120,00 − 60,00 allocated = 20,00 of credit.
    assert company_payment_credit(company=world["company"]) == Decimal("20.00")


def test_a_hand_allocation_above_the_open_amount_is_refused_and_nothing_is_written(world):
    invoice = _invoice(world)  # 120,00 TTC
    _import(world, camt53_line("200.00", payer="M. DUPONT"))
    statement_line = BankStatementLine.objects.get()
    with pytest.raises(BusinessError) as refused:
        statement_line_allocate(
            line=statement_line,
            company=world["company"],
            allocations=[(invoice, Decimal("120.01"))],
            actor=ACTOR,
        )
    assert refused.value.code == "allocation_above_due"
    assert "120,01" in refused.value.message and invoice.number in refused.value.message
    statement_line.refresh_from_db()
    assert (statement_line.status, Payment.objects.count()) == (LineStatus.UNMATCHED, 0)
