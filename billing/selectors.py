"""Reads of billing for views, admin, jobs and the apps to the right.

Customer reads of invoices and credit notes take the company (another one: 404).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.db.models import F, Max, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyCommercialSettings
from billing.models import (
    AccountingExport,
    BelgianCommercialRate,
    CreditNote,
    EcbRefinancingRate,
    FrenchLegalRate,
    Invoice,
    InvoiceKind,
    InvoicePenalty,
    InvoiceSettlement,
    InvoiceStatus,
)
from billing.penalties import (
    PenaltyResult,
    PenaltyRules,
    RateBook,
    RateMissing,
    Settlement,
    penalties_compute,
)
from core.money import ZERO
from shop.models import Terms

# --- late payment: rate tables -------------------------------------------------------------


def rate_book_load() -> RateBook:
    """The three rate tables as they stand now (a few dozen rows: read whole)."""
    return RateBook.build(
        french_legal={(row.year, row.half): row.rate for row in FrenchLegalRate.objects.all()},
        belgian_commercial={
            (row.year, row.half): row.rate for row in BelgianCommercialRate.objects.all()
        },
        ecb=EcbRefinancingRate.objects.values_list("effective_from", "rate"),
    )


def rate_tables_version() -> int:
    """A number that grows each time staff enter or correct a rate (the sum of the last
    ids of the tables' history): the accrual brings every row computed with a smaller one
    up to date once."""
    version = 0
    for model in (FrenchLegalRate, BelgianCommercialRate, EcbRefinancingRate):
        history = apps.get_model("billing", f"{model.__name__}Event")  # django-pghistory's
        version += history._default_manager.aggregate(last=Max("pgh_id"))["last"] or 0
    return version


def rate_tables_missing(*, on: date) -> list[RateMissing]:
    """The rates staff must still enter for invoices falling due on `on` (the admin's alert)."""
    rates = rate_book_load()
    missing = []
    for lookup in (
        rates.french_legal_rate,
        rates.belgian_commercial_rate,
        rates.french_statutory_rate,
    ):
        try:
            lookup(on)
        except RateMissing as error:
            missing.append(error)
    return missing


# --- invoices and credit notes -------------------------------------------------------------

OPEN_STATUSES = (InvoiceStatus.ISSUED, InvoiceStatus.PARTIALLY_PAID)


def company_open_invoices(*, company: Company) -> QuerySet[Invoice]:
    """The company's invoices with an amount still due, oldest due first."""
    return Invoice.objects.filter(company=company, status__in=OPEN_STATUSES).order_by(
        "due_date", "number"
    )


def company_overdue_invoices(*, company: Company, as_of: date) -> QuerySet[Invoice]:
    """Open invoices whose due date is before `as_of` (due on `as_of` is not yet late)."""
    return company_open_invoices(company=company).filter(due_date__lt=as_of)


def company_open_balance(*, company: Company) -> Decimal:
    """What the company still owes on its invoices (TTC), before any unused credit note."""
    total = company_open_invoices(company=company).aggregate(
        due=Sum(F("total_ttc") - F("amount_paid"))
    )["due"]
    return total if total is not None else ZERO


def invoice_get_for_company(*, company: Company, number: str) -> Invoice:
    """The company's invoice `number`; Http404 for any other company's or an unknown one."""
    try:
        return Invoice.objects.get(company=company, number=number)
    except Invoice.DoesNotExist:
        raise Http404(number) from None


def credit_note_get_for_company(*, company: Company, number: str) -> CreditNote:
    """The company's credit note `number`; Http404 otherwise."""
    try:
        return CreditNote.objects.get(company=company, number=number)
    except CreditNote.DoesNotExist:
        raise Http404(number) from None


# --- late payment: penalties of many invoices at once ----------------------------------------

PENALTY_INVOICE_FIELDS = (
    "id",
    "terms_id",
    "total_ttc",
    "amount_paid",
    "issue_date",
    "due_date",
    "original_due_date",
    "delivery_date",
)
_TERMS_FIELDS = (
    "late_penalty_mode",
    "late_penalty_multiplier",
    "late_penalty_daily_percent",
    "late_penalty_from_day_after_delivery",
    "late_penalty_month_started_due_in_full",
    "recovery_indemnity_amount",
    "collection_fee_percent",
    "litigation_penalty_percent",
)


@dataclass
class PenaltyBatch:
    """What one batch of invoices needs, read in a fixed number of queries (no per-invoice one)."""

    rates: RateBook
    rules_by_terms: dict[int, PenaltyRules] = field(default_factory=dict)

    def compute(
        self, invoices: list[dict], *, as_of: date
    ) -> dict[int, PenaltyResult | RateMissing]:
        """Invoice id -> its penalties as of `as_of`, or the `RateMissing` that stopped them.

        `invoices` are `values(*PENALTY_INVOICE_FIELDS)` rows. Reads the settlements up to
        `as_of`, the terms not read before, and the litigation dates staff recorded.
        """
        ids = [invoice["id"] for invoice in invoices]
        settlements: dict[int, list[Settlement]] = defaultdict(list)
        for invoice_id, on, amount in InvoiceSettlement.objects.filter(
            invoice_id__in=ids, on__lte=as_of
        ).values_list("invoice_id", "on", "amount"):
            settlements[invoice_id].append(Settlement(on=on, amount=amount))
        new_terms = {invoice["terms_id"] for invoice in invoices} - self.rules_by_terms.keys()
        if new_terms:
            for terms in Terms.objects.filter(id__in=new_terms).only("id", *_TERMS_FIELDS):
                self.rules_by_terms[terms.id] = PenaltyRules.from_terms(terms)
        litigation = dict(
            InvoicePenalty.objects.filter(
                invoice_id__in=ids, litigation_on__isnull=False
            ).values_list("invoice_id", "litigation_on")
        )
        results: dict[int, PenaltyResult | RateMissing] = {}
        for invoice in invoices:
            try:
                results[invoice["id"]] = penalties_compute(
                    rules=self.rules_by_terms[invoice["terms_id"]],
                    principal_ttc=invoice["total_ttc"],
                    due_date=invoice["due_date"],
                    delivery_date=invoice["delivery_date"],
                    settlements=settlements.get(invoice["id"], ()),
                    as_of=as_of,
                    rates=self.rates,
                    litigation_on=litigation.get(invoice["id"]),
                )
            except RateMissing as error:
                results[invoice["id"]] = error
        return results


# --- late payment: receivables and ageing (docs/rules/late-payment.md) ------------------------

RECEIVABLE_COLUMNS = (
    "number",
    "customer_siren",
    "issue_date",
    "due_date",
    "original_due_date",
    "days_late",
    "amount_due",
    "interest_accrued",
    "recovery_indemnity",
    "collection_fee",
    "litigation_penalty",
    "status",
)


class ReceivableStatus:
    NOT_DUE = "not_due"
    OVERDUE = "overdue"
    PAID_LATE = "paid_late"
    RATE_MISSING = "rate_missing"  # overdue, penalties stopped until staff enter the rate


@dataclass(frozen=True)
class Receivable:
    """One invoice open or paid late, with its figures as of a day."""

    invoice_id: int
    company_id: int
    number: str
    customer_siren: str
    issue_date: date
    due_date: date
    original_due_date: date
    days_late: int
    amount_due: Decimal
    interest_accrued: Decimal | None
    recovery_indemnity: Decimal | None
    collection_fee: Decimal | None
    litigation_penalty: Decimal | None
    status: str

    @property
    def fixed_amounts(self) -> Decimal:
        """Recovery indemnity, collection fee and litigation penalty."""
        amounts = (self.recovery_indemnity, self.collection_fee, self.litigation_penalty)
        return sum((amount or ZERO for amount in amounts), ZERO)

    @property
    def penalties(self) -> Decimal:
        return (self.interest_accrued or ZERO) + self.fixed_amounts


def receivables_as_of(
    *, as_of: date, company: Company | None = None, chunk_size: int = 2000
) -> Iterator[Receivable]:
    """Every invoice open on `as_of` or paid late by then, by number, with its penalties.

    Computed from the invoices and their settlements up to `as_of` (not from the stored
    accrual), so any day can be asked; waived penalties show as zero. Chunks of
    `chunk_size` invoices, a fixed number of queries each.
    """
    batch = PenaltyBatch(rates=rate_book_load())
    invoices = Invoice.objects.filter(issue_date__lte=as_of).filter(
        Q(paid_on__isnull=True) | Q(paid_on__gt=F("due_date")) | Q(paid_on__gt=as_of)
    )
    if company is not None:
        invoices = invoices.filter(company=company)
    fields = (*PENALTY_INVOICE_FIELDS, "number", "company_id", "buyer_siren", "kind")
    last = ""
    while True:
        chunk = list(
            invoices.filter(number__gt=last)
            .order_by("number")
            .values(*fields, "buyer_enterprise_number")[:chunk_size]
        )
        if not chunk:
            return
        last = chunk[-1]["number"]
        ids = [invoice["id"] for invoice in chunk]
        waived = set(
            InvoicePenalty.objects.filter(invoice_id__in=ids, waived_at__isnull=False).values_list(
                "invoice_id", flat=True
            )
        )
        results = batch.compute(chunk, as_of=as_of)
        for invoice in chunk:
            receivable = _receivable(
                invoice, results[invoice["id"]], as_of=as_of, waived=invoice["id"] in waived
            )
            if receivable is not None:
                yield receivable


def invoice_receivable(*, invoice: Invoice, as_of: date) -> Receivable | None:
    """One invoice's figures as of `as_of`, as in the receivables (its page, the admin):
    None when it is neither open nor paid late on that day."""
    fields = (*PENALTY_INVOICE_FIELDS, "number", "company_id", "buyer_siren", "kind")
    values = Invoice.objects.filter(pk=invoice.pk).values(*fields, "buyer_enterprise_number").get()
    result = PenaltyBatch(rates=rate_book_load()).compute([values], as_of=as_of)[invoice.pk]
    waived = InvoicePenalty.objects.filter(invoice=invoice, waived_at__isnull=False).exists()
    return _receivable(values, result, as_of=as_of, waived=waived)


def _receivable(invoice: dict, result, *, as_of: date, waived: bool) -> Receivable | None:
    base = {
        "invoice_id": invoice["id"],
        "company_id": invoice["company_id"],
        "number": invoice["number"],
        "customer_siren": invoice["buyer_siren"] or invoice["buyer_enterprise_number"],
        "issue_date": invoice["issue_date"],
        "due_date": invoice["due_date"],
        "original_due_date": invoice["original_due_date"],
    }
    if isinstance(result, RateMissing):
        return Receivable(
            **base,
            days_late=(as_of - invoice["due_date"]).days,
            amount_due=invoice["total_ttc"] - invoice["amount_paid"],  # today's, not as_of's
            interest_accrued=None,
            recovery_indemnity=None,
            collection_fee=None,
            litigation_penalty=None,
            status=ReceivableStatus.RATE_MISSING,
        )
    if result.amount_due == 0 and not result.late:
        return None
    no_penalty = waived or invoice["kind"] == InvoiceKind.PENALTY
    if result.amount_due == 0:
        status = ReceivableStatus.PAID_LATE
    else:
        status = ReceivableStatus.OVERDUE if result.late else ReceivableStatus.NOT_DUE
    return Receivable(
        **base,
        days_late=result.days_late,
        amount_due=result.amount_due,
        interest_accrued=ZERO if no_penalty else result.interest,
        recovery_indemnity=ZERO if no_penalty else result.recovery_indemnity,
        collection_fee=ZERO if no_penalty else result.collection_fee,
        litigation_penalty=ZERO if no_penalty else result.litigation_penalty,
        status=status,
    )


AGEING_BUCKETS = (
    ("not_due", _("non échu"), 0, 0),
    ("1_30", _("1 à 30 jours"), 1, 30),
    ("31_60", _("31 à 60 jours"), 31, 60),
    ("61_90", _("61 à 90 jours"), 61, 90),
    ("over_90", _("plus de 90 jours"), 91, None),
)


@dataclass
class AgeingBucket:
    code: str
    label: str
    count: int = 0
    amount_due: Decimal = ZERO
    penalties: Decimal = ZERO


def receivables_ageing(*, as_of: date) -> list[AgeingBucket]:
    """Open receivables on `as_of` by days late: not due, 1-30, 31-60, 61-90, over 90."""
    buckets = [
        AgeingBucket(code=code, label=str(label)) for code, label, _low, _high in AGEING_BUCKETS
    ]
    for receivable in receivables_as_of(as_of=as_of):
        if receivable.amount_due == 0:
            continue
        for bucket, (_code, _label, low, high) in zip(buckets, AGEING_BUCKETS, strict=True):
            if receivable.days_late >= low and (high is None or receivable.days_late <= high):
                bucket.count += 1
                bucket.amount_due += receivable.amount_due
                bucket.penalties += receivable.penalties
                break
    return buckets


@dataclass(frozen=True)
class ArrearsState:
    deliveries_suspended: bool
    prepayment_required: bool


def company_arrears_state(*, company: Company) -> ArrearsState:
    """Whether the company's deliveries are suspended and prepayment is required (its page)."""
    settings_row = CompanyCommercialSettings.objects.filter(company=company).first()
    return ArrearsState(
        deliveries_suspended=bool(settings_row and settings_row.delivery_suspended),
        prepayment_required=bool(settings_row and settings_row.prepayment_required),
    )


def company_invoices_filtered(
    *,
    company: Company,
    as_of: date,
    date_from: date | None = None,
    date_to: date | None = None,
    status: str = "",
) -> QuerySet[Invoice]:
    """The company's invoices of a period; `status`: "open", "paid" or "overdue"."""
    invoices = Invoice.objects.filter(company=company)
    if date_from:
        invoices = invoices.filter(issue_date__gte=date_from)
    if date_to:
        invoices = invoices.filter(issue_date__lte=date_to)
    if status == "open":
        invoices = invoices.filter(status__in=OPEN_STATUSES)
    elif status == "paid":
        invoices = invoices.filter(status=InvoiceStatus.PAID)
    elif status == "overdue":
        invoices = invoices.filter(status__in=OPEN_STATUSES, due_date__lt=as_of)
    return invoices.order_by("-issue_date", "-number")


def company_credit_notes(
    *, company: Company, date_from: date | None = None, date_to: date | None = None
) -> QuerySet[CreditNote]:
    notes = CreditNote.objects.filter(company=company)
    if date_from:
        notes = notes.filter(issue_date__gte=date_from)
    if date_to:
        notes = notes.filter(issue_date__lte=date_to)
    return notes.order_by("-issue_date", "-number")


def accounting_export_get_for_company(*, company: Company, pk: int) -> AccountingExport:
    try:
        return AccountingExport.objects.get(company=company, pk=pk)
    except AccountingExport.DoesNotExist:
        raise Http404(pk) from None


def company_accounting_exports(*, company: Company) -> QuerySet[AccountingExport]:
    return AccountingExport.objects.filter(company=company).order_by("-requested_at")[:5]
