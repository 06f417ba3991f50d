"""Opening balances: the open invoices (and their payments) of a seller's previous system.

`open_items_import` reads the two CSV files of docs/rules/late-payment.md (UTF-8, `;`,
`.` decimal point, ISO dates, a header row), checks every row, and writes everything in one
transaction or nothing: any error rolls the whole import back and the report lists each
row's errors. Imported invoices keep their numbers (outside our series, `imported`), are
pinned to the Terms version in force at their issue date, and accrue like ours. A customer
not yet known is created "imported, KYC to complete". Importing the same files again
creates nothing twice: an invoice already imported with the same figures is skipped, a
payment row is recorded once under its key.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import CompanyCountry
from accounts.services.imported import company_get_or_create_imported
from billing.models import (
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    OpeningPayment,
    SettlementSource,
)
from billing.services.documents import party_values
from billing.services.invoices import invoice_apply_settlement
from core.audit import Actor, audit_record
from core.errors import BusinessError
from core.money import round_cents
from shop.selectors import seller_get_required, terms_in_force

INVOICE_COLUMNS = (
    "number",
    "customer_siren",
    "customer_name",
    "customer_country",
    "issue_date",
    "delivery_date",
    "due_date",
    "total_ht",
    "total_vat",
    "total_ttc",
)
PAYMENT_COLUMNS = ("invoice_number", "paid_on", "amount")


@dataclass(frozen=True)
class RowError:
    file: str  # "invoices" or "payments"
    line: int  # line number in the file, the header being line 1
    message: str

    def __str__(self) -> str:
        return f"{self.file}, ligne {self.line} : {self.message}"


@dataclass
class ImportReport:
    invoices_created: int = 0
    invoices_unchanged: int = 0
    payments_created: int = 0
    payments_unchanged: int = 0
    companies_created: int = 0
    errors: list[RowError] = field(default_factory=list)


class OpenItemsRejected(BusinessError):
    """The files hold errors: nothing was imported; `report.errors` lists them by row."""

    def __init__(self, report: ImportReport):
        self.report = report
        super().__init__(
            "open_items_rejected",
            _("Import refusé, rien n'a été importé : %(count)s erreur(s)."),
            params={"count": len(report.errors)},
        )


@dataclass(frozen=True)
class _InvoiceRow:
    line: int
    number: str
    siren: str
    name: str
    country: str
    issue_date: date
    delivery_date: date | None
    due_date: date
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal


@dataclass(frozen=True)
class _PaymentRow:
    line: int
    invoice_number: str
    paid_on: date
    amount: Decimal


class _RowInvalid(Exception):
    pass


def _rows(text: str, columns: tuple[str, ...], name: str, report: ImportReport):
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = next(reader, None)
    if header is None or tuple(cell.strip() for cell in header) != columns:
        report.errors.append(
            RowError(name, 1, _("en-tête attendu : %(columns)s") % {"columns": ";".join(columns)})
        )
        return
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            report.errors.append(
                RowError(
                    name,
                    line,
                    _("%(expected)s colonnes attendues, %(found)s trouvées")
                    % {"expected": len(columns), "found": len(cells)},
                )
            )
            continue
        yield line, dict(zip(columns, (cell.strip() for cell in cells), strict=True))


def _date(value: str, column: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _RowInvalid(
            _("%(column)s : date AAAA-MM-JJ attendue, « %(value)s » lue")
            % {"column": column, "value": value}
        ) from None


def _amount(value: str, column: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or "," in value or amount != round_cents(amount):
        raise _RowInvalid(
            _(
                "%(column)s : montant avec un point décimal et 2 décimales au plus attendu, "
                "« %(value)s » lu"
            )
            % {"column": column, "value": value}
        )
    return amount


def _invoice_row(line: int, cells: dict) -> _InvoiceRow:
    if not cells["number"] or len(cells["number"]) > 32:
        raise _RowInvalid(_("number : numéro de facture de 1 à 32 caractères attendu"))
    if cells["customer_country"] not in (CompanyCountry.FRANCE, CompanyCountry.BELGIUM):
        raise _RowInvalid(_("customer_country : FR ou BE attendu"))
    if not cells["customer_name"]:
        raise _RowInvalid(_("customer_name : dénomination du client attendue"))
    row = _InvoiceRow(
        line=line,
        number=cells["number"],
        siren=cells["customer_siren"],
        name=cells["customer_name"],
        country=cells["customer_country"],
        issue_date=_date(cells["issue_date"], "issue_date"),
        delivery_date=_date(cells["delivery_date"], "delivery_date")
        if cells["delivery_date"]
        else None,
        due_date=_date(cells["due_date"], "due_date"),
        total_ht=_amount(cells["total_ht"], "total_ht"),
        total_vat=_amount(cells["total_vat"], "total_vat"),
        total_ttc=_amount(cells["total_ttc"], "total_ttc"),
    )
    if row.due_date < row.issue_date:
        raise _RowInvalid(_("due_date : l'échéance précède la date de facture"))
    if row.total_ttc != row.total_ht + row.total_vat or row.total_ttc <= 0:
        raise _RowInvalid(_("total_ttc : doit être positif et égal à total_ht + total_vat"))
    return row


def _payment_row(line: int, cells: dict) -> _PaymentRow:
    amount = _amount(cells["amount"], "amount")
    if amount <= 0:
        raise _RowInvalid(_("amount : montant positif attendu"))
    return _PaymentRow(
        line=line,
        invoice_number=cells["invoice_number"],
        paid_on=_date(cells["paid_on"], "paid_on"),
        amount=amount,
    )


def _parse(text: str, columns, name: str, parse_row, report: ImportReport) -> list:
    rows = []
    for line, cells in _rows(text, columns, name, report):
        try:
            rows.append(parse_row(line, cells))
        except _RowInvalid as error:
            report.errors.append(RowError(name, line, str(error)))
    return rows


def open_items_import(
    *, invoices_csv: str, payments_csv: str | None = None, actor: Actor
) -> ImportReport:
    """Import the opening balances of the two files, all or nothing (module docstring).

    Returns the report of what was created or already there. Raises `OpenItemsRejected`
    (with the per-row report) when any row is wrong: then nothing is written.
    """
    report = ImportReport()
    invoice_rows = _parse(invoices_csv, INVOICE_COLUMNS, "invoices", _invoice_row, report)
    payment_rows = (
        _parse(payments_csv, PAYMENT_COLUMNS, "payments", _payment_row, report)
        if payments_csv is not None
        else []
    )
    seen = Counter(row.number for row in invoice_rows)
    for row in invoice_rows:
        if seen[row.number] > 1:
            report.errors.append(
                RowError("invoices", row.line, _("number : en double dans le fichier"))
            )
    if report.errors:
        raise OpenItemsRejected(report)
    with transaction.atomic():
        invoices = {row.number: _invoice_import(row, report, actor) for row in invoice_rows}
        _payments_import(payment_rows, invoices, report, actor)
        if report.errors:
            transaction.set_rollback(True)
    if report.errors:
        raise OpenItemsRejected(report)
    return report


def _invoice_import(row: _InvoiceRow, report: ImportReport, actor: Actor) -> Invoice | None:
    existing = Invoice.objects.filter(number=row.number).first()
    if existing is not None:
        same = existing.imported and (
            existing.issue_date,
            existing.original_due_date,
            existing.total_ttc,
            existing.buyer_siren or existing.buyer_enterprise_number,
        ) == (row.issue_date, row.due_date, row.total_ttc, row.siren)
        if not same:
            report.errors.append(
                RowError(
                    "invoices", row.line, _("number : ce numéro existe déjà avec d'autres données")
                )
            )
            return None
        report.invoices_unchanged += 1
        return existing
    seller = seller_get_required()
    terms = terms_in_force(seller=seller, on=row.issue_date)
    if terms is None:
        report.errors.append(
            RowError(
                "invoices",
                row.line,
                _(
                    "issue_date : aucune version des conditions générales n'était en vigueur "
                    "le %(date)s"
                )
                % {"date": row.issue_date.strftime("%d/%m/%Y")},
            )
        )
        return None
    try:
        company, created = company_get_or_create_imported(
            country=row.country, identifier=row.siren, legal_name=row.name
        )
    except BusinessError as error:
        report.errors.append(RowError("invoices", row.line, f"customer_siren : {error.message}"))
        return None
    report.companies_created += int(created)
    invoice = Invoice.objects.create(
        number=row.number,
        company=company,
        terms=terms,
        kind=InvoiceKind.GOODS_AND_SERVICES,
        imported=True,
        issue_date=row.issue_date,
        delivery_date=row.delivery_date,
        original_due_date=row.due_date,
        due_date=row.due_date,
        total_ht=row.total_ht,
        total_vat=row.total_vat,
        total_ttc=row.total_ttc,
        amount_paid=Decimal("0.00"),
        issued_by=str(actor),
        **party_values(seller=seller, company=company, delivery_address=None),
    )
    audit_record(obj=invoice, actor=actor, to_state=InvoiceStatus.ISSUED, reason="reprise de solde")
    report.invoices_created += 1
    return invoice


def _payments_import(rows: list[_PaymentRow], invoices: dict, report: ImportReport, actor: Actor):
    ranks: Counter = Counter()
    for row in rows:
        identity = (row.invoice_number, row.paid_on, row.amount)
        ranks[identity] += 1
        invoice = (
            invoices.get(row.invoice_number)
            or Invoice.objects.filter(number=row.invoice_number, imported=True).first()
        )
        if invoice is None:
            report.errors.append(
                RowError("payments", row.line, _("invoice_number : facture inconnue dans l'import"))
            )
            continue
        key = f"{row.invoice_number}|{row.paid_on.isoformat()}|{row.amount}|{ranks[identity]}"
        payment, created = OpeningPayment.objects.get_or_create(
            key=key, defaults={"invoice": invoice, "paid_on": row.paid_on, "amount": row.amount}
        )
        if not created:
            report.payments_unchanged += 1
            continue
        try:
            invoice_apply_settlement(
                invoice=invoice,
                amount=row.amount,
                on=row.paid_on,
                source=SettlementSource.OPENING_BALANCE,
                source_id=payment.pk,
                actor=actor,
            )
        except BusinessError as error:
            report.errors.append(RowError("payments", row.line, f"amount : {error.message}"))
            continue
        report.payments_created += 1
