"""Reads of returns: the customer's (always through its company: another company's return
or invoice line is a 404), the coverage of an invoice line, and the staff queue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Case, Count, DateField, F, Min, Q, QuerySet, Sum, When
from django.db.models.functions import TruncDate
from django.http import Http404

from accounts.models import Company
from billing.models import CreditNote, Invoice, InvoiceKind, InvoiceLine
from core.calendar import PARIS
from core.models import StoredDocument
from returns.choices import Outcome
from returns.coverage import Claim, Coverage, ReturnedItem, coverage_decide
from returns.models import LineDecision, ReturnLine, ReturnRequest, ReturnStatus
from returns.models.requests import AWAITING_PARCEL, FINISHED, IN_PROGRESS
from shop.models import Product
from shop.selectors import seller_get_required


def returns_for_company(*, company: Company) -> QuerySet[ReturnRequest]:
    return ReturnRequest.objects.filter(company=company).annotate(
        line_count=Count("lines"), first_invoice=Min("lines__invoice_line__invoice__number")
    )


def return_get_for_company(*, company: Company, pk: int) -> ReturnRequest:
    """The company's return `pk`; Http404 for any other."""
    found = ReturnRequest.objects.filter(company=company, pk=pk).select_related("terms").first()
    if found is None:
        raise Http404
    return found


def return_billing_documents(*, request: ReturnRequest) -> list[tuple[str, CreditNote | Invoice]]:
    """("credit_note" or "fee_invoice", document) for what billing issued for the return."""
    credit_notes = request.credit_notes.select_related("credit_note")
    invoices = request.fee_invoices.select_related("invoice")
    return [
        *(("credit_note", link.credit_note) for link in credit_notes),
        *(("fee_invoice", link.invoice) for link in invoices),
    ]


def return_document_pdf(*, request: ReturnRequest, number: str) -> StoredDocument:
    """The PDF of the return's credit note or fee invoice `number`; Http404 for any other
    document, or before billing has rendered it."""
    for _kind, document in return_billing_documents(request=request):
        if document.number == number and document.pdf is not None:
            return document.pdf
    raise Http404


def return_lines(*, request: ReturnRequest) -> QuerySet[ReturnLine]:
    return request.lines.select_related(
        "invoice_line__invoice", "replacement__replacement__shipment"
    ).prefetch_related("photos__document")


def returnable_invoices_for_company(*, company: Company, numbers: Iterable[str]) -> list[Invoice]:
    """The company's sale invoices among `numbers`, in the order given; Http404 when one
    is not the company's (or not a sale)."""
    wanted = list(dict.fromkeys(number.strip() for number in numbers if number.strip()))
    invoices = {
        invoice.number: invoice
        for invoice in Invoice.objects.filter(
            company=company, number__in=wanted, kind=InvoiceKind.GOODS_AND_SERVICES
        ).select_related("terms")
    }
    if set(wanted) - invoices.keys():
        raise Http404
    return [invoices[number] for number in wanted]


def recent_invoices_for_company(*, company: Company, limit: int = 20) -> QuerySet[Invoice]:
    return Invoice.objects.filter(company=company, kind=InvoiceKind.GOODS_AND_SERVICES).order_by(
        "-issue_date", "-id"
    )[:limit]


def invoice_line_get_for_company(*, company: Company, pk: int) -> InvoiceLine:
    """The invoice line `pk` of one of the company's invoices; Http404 for any other."""
    line = (
        InvoiceLine.objects.filter(pk=pk, invoice__company=company)
        .select_related("invoice__terms")
        .first()
    )
    if line is None:
        raise Http404
    return line


def _lines_holding_units(invoice_line: InvoiceLine):
    """Return lines whose units cannot be asked back again: those of returns in progress
    (not refused, expired or refused on the line), and those credited for good. A repaired,
    exchanged or replaced item, or goods refused and sent back, is the customer's again."""
    lines = ReturnLine.objects.filter(invoice_line=invoice_line).exclude(
        decision=LineDecision.REFUSED
    )
    return lines.filter(
        Q(request__status__in=IN_PROGRESS)
        | Q(request__status__in=FINISHED, outcome=Outcome.CREDIT_NOTE)
    )


def returned_quantity(*, invoice_line: InvoiceLine) -> int:
    """Units of `invoice_line` that a new return may not ask for (see above)."""
    return _lines_holding_units(invoice_line).aggregate(total=Sum("quantity"))["total"] or 0


def serials_in_active_returns(*, invoice_line: InvoiceLine) -> set[str]:
    serials = _lines_holding_units(invoice_line).values_list("serial_numbers", flat=True)
    return {serial for line_serials in serials for serial in line_serials}


def immobilisations(*, invoice_line: InvoiceLine) -> tuple[int, ...]:
    """The length of each earlier repair of this line's items (extends the warranty)."""
    days = ReturnLine.objects.filter(
        invoice_line=invoice_line, immobilised_days__isnull=False
    ).values_list("immobilised_days", flat=True)
    return tuple(day for day in days if day is not None)


def product_for_line(*, invoice_line: InvoiceLine) -> Product | None:
    return Product.objects.filter(reference=invoice_line.reference).select_related("brand").first()


def returned_item(*, invoice_line: InvoiceLine, product: Product | None) -> ReturnedItem:
    """What the coverage rules need to know of the item: the invoice line's price and dates
    and the product's warranty settings (standard when the product is gone)."""
    invoice = invoice_line.invoice
    return ReturnedItem(
        warranty_class=product.warranty_class if product else "standard",
        unit_price_ht=invoice_line.unit_price_ht,
        invoice_date=invoice.issue_date,
        delivered_on=invoice.delivery_date,
        manufacturer_warranty=product.manufacturer_warranty if product else False,
        manufacturer_contact=(
            product.brand.after_sales_contact if product and product.brand else ""
        ),
        is_own_product=product.is_own_product if product else False,
        brand_warranty_months=product.brand_warranty_months if product else None,
    )


def line_coverage(
    *,
    invoice_line: InvoiceLine,
    reason: str,
    requested_on: date,
    discovered_on: date | None = None,
    modified_by_customer: bool = False,
    product: Product | None = None,
) -> Coverage:
    """Coverage of `invoice_line` for `reason` on `requested_on`, under its invoice's Terms."""
    item = returned_item(
        invoice_line=invoice_line, product=product or product_for_line(invoice_line=invoice_line)
    )
    return coverage_decide(
        terms=invoice_line.invoice.terms,
        country=seller_get_required().country,
        item=item,
        claim=Claim(
            reason=reason,
            requested_on=requested_on,
            discovered_on=discovered_on,
            modified_by_customer=modified_by_customer,
            immobilisation_days=immobilisations(invoice_line=invoice_line),
        ),
    )


def queue_since() -> Case:
    """The day a return's wait in the queue started (an annotation): the authorisation
    while the parcel is awaited, else the request (Paris day)."""
    return Case(
        When(status__in=AWAITING_PARCEL, then=F("authorised_on")),
        default=TruncDate("requested_at", tzinfo=PARIS),
        output_field=DateField(),
    )


def return_queue() -> QuerySet[ReturnRequest]:
    """Open returns for after-sales staff, oldest first."""
    return (
        ReturnRequest.objects.exclude(
            status__in=[ReturnStatus.CLOSED, ReturnStatus.REFUSED, ReturnStatus.EXPIRED]
        )
        .select_related("company")
        .order_by("requested_at")
    )
