"""Importing bank statements, matching their lines, and confirming the proposals.

One import is one transaction: the statement's lines are read (`billing.statements`),
those whose idempotency key (account + the bank's reference) is already known are
skipped, the others inserted in bulk and matched with a fixed number of queries whatever
the number of lines: references first (the structured communication before the free
text), looked up by number on indexes; then amount and payer (the payer's IBAN known
from KYC bank details, an open invoice of exactly that amount). Staff confirm the
proposals; the rest is left for manual allocation. Rules: docs/rules/payments.md.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Upper
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from accounts.models import Company, KycDocument
from accounts.models.kyc import DocumentKind
from billing.models import (
    BankStatement,
    BankStatementLine,
    Invoice,
    LineStatus,
    MatchKind,
)
from billing.payments.transfer import document_number_from_structured, structured_parse
from billing.services.allocations import payment_allocate, payment_allocate_many, payment_record
from billing.statements.entries import ParsedStatement, StatementEntry, statement_error
from billing.statements.parse import statement_parse
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from shop.models.terms_choices import PaymentMethod

DOCUMENT_NUMBER = re.compile(r"\b(?:FA|CMD|DEV)-\d{4}-\d{6}\b")
STRUCTURED_IN_TEXT = re.compile(
    r"(?:\+{3}|\*{3})\s*\d{3}\s*/?\s*\d{4}\s*/?\s*\d{5}\s*(?:\+{3}|\*{3})"
)


@dataclass(frozen=True)
class ExpectedPayment:
    """An order (or the quote that formed it) awaiting a payment, as orders describes it
    through `settings.PAYMENT_REFERENCE_RESOLVER` (billing never reads orders)."""

    company_id: int
    order_reference: str
    amount_due: Decimal


@dataclass
class ImportReport:
    statement: BankStatement
    proposed: int = 0
    unmatched: int = 0
    duplicates_in_file: list[str] = field(default_factory=list)


def _resolver() -> Callable[..., dict[str, ExpectedPayment]]:
    return import_string(settings.PAYMENT_REFERENCE_RESOLVER)


def _account(parsed: ParsedStatement) -> str:
    try:
        return IBAN(parsed.account_iban).compact
    except SchwiftyException as error:
        raise statement_error(
            "statement_account_invalid",
            _("Le compte du relevé (%(account)s) n'est pas un IBAN valide."),
            account=parsed.account_iban[:40],
        ) from error


def _line(statement: BankStatement, key: str, entry: StatementEntry) -> BankStatementLine:
    return BankStatementLine(
        statement=statement,
        idempotency_key=key,
        entry_reference=entry.entry_reference[:80],
        booking_date=entry.booking_date,
        amount=entry.amount,
        currency=entry.currency[:3],
        payer_name=entry.payer_name[:140],
        payer_iban=entry.payer_iban.replace(" ", "")[:34],
        structured_reference=entry.structured_reference[:40],
        free_text=entry.free_text[:500],
    )


def statement_import(*, content: bytes, filename: str, user) -> ImportReport:
    """Import a statement file; match its new lines.

    Effects: a `BankStatement` with its new lines (unmatched or proposed); lines already
    imported (same account and bank reference) are counted, not added; a line repeated in
    the file is added once and reported. Imports of one account run one at a time (a
    transaction-scoped advisory lock), so two overlapping imports add each line once.
    Errors: BusinessError `statement_empty`, `statement_malformed`, `statement_encoding`,
    `statement_account_invalid`; nothing is written then.
    """
    parsed = statement_parse(content)
    account = _account(parsed)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"statement:{account}"])
        keyed: dict[str, StatementEntry] = {}
        duplicates = []
        for entry in parsed.entries:
            key = f"{account}:{entry.entry_reference}"[:120]
            if key in keyed:
                duplicates.append(entry.entry_reference)
            else:
                keyed[key] = entry
        known = set(
            BankStatementLine.objects.filter(idempotency_key__in=keyed).values_list(
                "idempotency_key", flat=True
            )
        )
        statement = BankStatement.objects.create(
            account_iban=account,
            format=parsed.format,
            statement_reference=parsed.statement_reference[:64],
            filename=filename[:255],
            file_sha256=hashlib.sha256(content).hexdigest(),
            lines_read=len(parsed.entries),
            lines_known=len(known),
            lines_added=len(keyed) - len(known),
            imported_by=user,
        )
        lines = [_line(statement, key, entry) for key, entry in keyed.items() if key not in known]
        statement_lines_match(lines=lines)
        BankStatementLine.objects.bulk_create(lines, batch_size=2000)
        proposed = sum(line.status == LineStatus.PROPOSED for line in lines)
        return ImportReport(
            statement=statement,
            proposed=proposed,
            unmatched=len(lines) - proposed,
            duplicates_in_file=duplicates,
        )


def _references(line: BankStatementLine) -> tuple[list[str], str]:
    """The document numbers a line names, the structured reference first, and a note
    when a structured communication is wrong (its check digits, its series)."""
    numbers: list[str] = []
    note = ""
    candidates = [line.structured_reference] if line.structured_reference else []
    candidates += STRUCTURED_IN_TEXT.findall(line.free_text)
    for candidate in candidates:
        if candidate.upper().startswith("RF"):
            continue
        try:
            number = document_number_from_structured(structured_parse(candidate))
        except BusinessError as error:
            note = error.message
            continue
        if number is None:
            note = str(_("Communication structurée d'une série inconnue : %(text)s")) % {
                "text": candidate
            }
        else:
            numbers.append(number)
    numbers += DOCUMENT_NUMBER.findall(line.free_text)
    return numbers, note


def statement_lines_match(*, lines: Iterable[BankStatementLine]) -> None:
    """Propose a payer and a document for each unmatched line, on the objects (the import
    then inserts them with their proposals: one INSERT, no UPDATE).

    By reference: an open invoice of that number, else an order (or quote) awaiting
    payment named by it. Then by amount and payer: the payer's IBAN belongs to one
    company (KYC bank details) that has exactly one open invoice of that amount; else
    exactly one open invoice of that amount to a buyer of the payer's name (compared
    upper-cased, spaces collapsed, on an index). The queries do not grow with the number
    of lines.
    """
    lines = [line for line in lines if line.status == LineStatus.UNMATCHED]
    refs = [_references(line) for line in lines]
    numbers = {number for found, _note in refs for number in found}
    invoices = {
        invoice.number: invoice
        for invoice in Invoice.objects.filter(
            number__in=numbers, amount_paid__lt=F("total_ttc")
        ).only("id", "number", "company_id", "total_ttc", "amount_paid")
    }
    expected = _resolver()(numbers=sorted(numbers - invoices.keys())) if numbers else {}
    by_payer = _open_invoices_by_payer_and_amount(lines)
    by_name = _open_invoices_by_name_and_amount(lines)
    for line, (found, note) in zip(lines, refs, strict=True):
        line.match_note = note[:255]
        if line.currency != "EUR":
            line.match_note = str(_("Devise %(currency)s : à traiter à la main.")) % {
                "currency": line.currency
            }
            continue
        for number in found:
            if number in invoices:
                invoice = invoices[number]
                _propose(line, MatchKind.REFERENCE, invoice.company_id, invoice=invoice)
                break
            if number in expected:
                wanted = expected[number]
                _propose(line, MatchKind.REFERENCE, wanted.company_id, order=wanted.order_reference)
                break
        else:
            if found and not note:
                line.match_note = str(_("Référence inconnue : %(numbers)s")) % {
                    "numbers": ", ".join(found)
                }
            candidates = by_payer.get((line.payer_iban, line.amount)) or by_name.get(
                (payer_name_key(line.payer_name), line.amount), []
            )
            if len(candidates) == 1:
                invoice = candidates[0]
                _propose(line, MatchKind.AMOUNT_AND_PAYER, invoice.company_id, invoice=invoice)


def _propose(line, kind: str, company_id: int, *, invoice=None, order: str = "") -> None:
    line.status = LineStatus.PROPOSED
    line.match_kind = kind
    line.company_id = company_id
    line.invoice = invoice
    line.order_reference = order


def _open_invoices_by_payer_and_amount(lines) -> dict[tuple[str, Decimal], list[Invoice]]:
    ibans = {line.payer_iban for line in lines if line.payer_iban}
    if not ibans:
        return {}
    companies = defaultdict(set)
    for iban, company_id in KycDocument.objects.filter(
        kind=DocumentKind.BANK_DETAILS, iban__in=ibans
    ).values_list("iban", "company_id"):
        companies[company_id].add(iban)
    result: dict[tuple[str, Decimal], list[Invoice]] = defaultdict(list)
    for invoice in Invoice.objects.filter(
        company_id__in=companies, amount_paid__lt=F("total_ttc")
    ).only("id", "number", "company_id", "total_ttc", "amount_paid"):
        for iban in companies[invoice.company_id]:
            result[(iban, invoice.total_ttc - invoice.amount_paid)].append(invoice)
    return result


def payer_name_key(name: str) -> str:
    """A payer's name as banks print it and as invoices hold it, compared alike."""
    return " ".join(name.split()).upper()


def _open_invoices_by_name_and_amount(lines) -> dict[tuple[str, Decimal], list[Invoice]]:
    names = {payer_name_key(line.payer_name) for line in lines if line.payer_name.strip()}
    if not names:
        return {}
    result: dict[tuple[str, Decimal], list[Invoice]] = defaultdict(list)
    for invoice in (
        Invoice.objects.annotate(buyer_key=Upper("buyer_name"))
        .filter(buyer_key__in=names, amount_paid__lt=F("total_ttc"))
        .only("id", "number", "company_id", "total_ttc", "amount_paid", "buyer_name")
    ):
        key = payer_name_key(invoice.buyer_name)
        result[(key, invoice.total_ttc - invoice.amount_paid)].append(invoice)
    return result


def statement_line_confirm(*, line: BankStatementLine, actor: Actor) -> BankStatementLine:
    """Staff confirm a proposal: the transfer becomes a validated payment (dated the
    working day after its booking, 000 art. 4), allocated to the proposed invoice up to
    what it leaves due (the rest stays as the customer's credit), or counted towards the
    proposed order. Errors: BusinessError `line_not_proposed`."""
    with transaction.atomic():
        line = BankStatementLine.objects.select_for_update(no_key=True).get(pk=line.pk)
        if line.status != LineStatus.PROPOSED:
            raise BusinessError(
                "line_not_proposed", _("Cette ligne n'a pas de rapprochement à confirmer.")
            )
        invoice = line.invoice
        assert line.company is not None, "statementline_proposal_has_company"
        payment = payment_record(
            company=line.company,
            method=PaymentMethod.TRANSFER,
            amount=line.amount,
            received_on=line.booking_date,
            reference=line.structured_reference or line.free_text[:64] or line.entry_reference,
            order_reference=line.order_reference,
            actor=actor,
        )
        if invoice is not None:
            invoice.refresh_from_db()
            if invoice.amount_due > 0:
                payment_allocate(
                    payment=payment,
                    invoice=invoice,
                    amount=min(line.amount, invoice.amount_due),
                    actor=actor,
                )
        return transition_apply(
            line,
            to=LineStatus.CONFIRMED,
            actor=actor,
            changes={"payment": payment},
            locked=True,
        )


def statement_line_allocate(
    *,
    line: BankStatementLine,
    company: Company,
    allocations: Sequence[tuple[Invoice, Decimal]],
    actor: Actor,
) -> BankStatementLine:
    """Staff allocate a line by hand (no proposal, or a wrong one): the transfer becomes
    a validated payment of `company` (dated the working day after its booking), allocated
    to each (invoice, amount) given, partially if need be; what is left is the company's
    credit. Errors: BusinessError `line_not_open` (already confirmed or ignored),
    `line_currency` (not EUR), and those of `payment_allocate` (an amount above what the
    invoice leaves due or the payment has left, another company's invoice); nothing is
    written then.
    """
    with transaction.atomic():
        line = BankStatementLine.objects.select_for_update(no_key=True).get(pk=line.pk)
        if line.status not in (LineStatus.UNMATCHED, LineStatus.PROPOSED):
            raise BusinessError("line_not_open", _("Cette ligne est déjà traitée."))
        if line.currency != "EUR":
            raise BusinessError(
                "line_currency",
                _("Ligne en %(currency)s : enregistrez le paiement reçu en euros à la main."),
                params={"currency": line.currency},
            )
        payment = payment_record(
            company=company,
            method=PaymentMethod.TRANSFER,
            amount=line.amount,
            received_on=line.booking_date,
            reference=line.structured_reference or line.free_text[:64] or line.entry_reference,
            actor=actor,
        )
        payment_allocate_many(payment=payment, allocations=allocations, actor=actor)
        return transition_apply(
            line,
            to=LineStatus.CONFIRMED,
            actor=actor,
            reason="allocated by hand",
            changes={
                "payment": payment,
                "company": company,
                "invoice": allocations[0][0] if allocations else None,
            },
            locked=True,
        )
