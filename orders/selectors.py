"""Reads of quotes and orders for views, the admin, jobs and other apps.

Every customer-facing read takes the company: a quote or an order of another company
is never returned, and the view answers 404.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext

from accounts.models import Company, DeliveryAddress, Membership, Role
from accounts.selectors import commercial_settings_for_company
from billing.models import Invoice, Payment
from billing.payments.transfer import TransferInstructions, transfer_instructions
from billing.services.statements import ExpectedPayment
from core.calendar import localdate, period_end, start_of_day
from core.documents import document_verify
from core.models import AuditEvent
from core.money import ZERO
from orders.content import content_sha256
from orders.models import (
    ENTERED_KINDS,
    ISSUED_STATUSES,
    Complaint,
    Order,
    OrderLine,
    OrderPayment,
    OrderStatus,
    PaymentTermKind,
    Quote,
    QuoteLine,
    QuoteStatus,
    Shipment,
    ShipmentLine,
)
from shop.models import QuoteRequest, QuoteRequestStatus, Terms
from shop.models.terms_choices import PaymentMethod
from shop.services.tax import BuyerTaxProfile

# Orders on deferred terms that count in the company's credit exposure until invoiced
# (then their invoices count, while unpaid, once billing exists).
OPEN_CREDIT_STATUSES = (
    OrderStatus.CONFIRMED,
    OrderStatus.IN_PREPARATION,
    OrderStatus.PARTIALLY_SHIPPED,
    OrderStatus.SHIPPED,
    OrderStatus.DELIVERED,
)

# What a customer sees of its quotes: drafts and abandoned drafts stay with sales.
CUSTOMER_STATUSES = tuple(s.value for s in ISSUED_STATUSES)


# --- buyer, delivery, payment methods ------------------------------------------------------


def delivery_address_of(*, quote: Quote) -> DeliveryAddress | None:
    """The quote's delivery address, else the company's first one (None when it has none)."""
    if quote.delivery_address_id:
        return quote.delivery_address
    return DeliveryAddress.objects.filter(company_id=quote.company_id).order_by("id").first()


def buyer_tax_profile_of(*, company: Company, address: DeliveryAddress | None) -> BuyerTaxProfile:
    """What decides the VAT regime of a sale to `company` delivered at `address`."""
    return BuyerTaxProfile(
        country=company.billing_country,
        vat_number=company.vat_number,
        delivery_country=address.country if address else "",
        delivery_postcode=address.postal_code if address else "",
    )


_UNREAD = object()


# What a company on prepayment may pay with: money received before shipping.
PREPAYMENT_METHODS = {PaymentMethod.CARD, PaymentMethod.TRANSFER}


def payment_methods_for_company(*, company: Company, terms: Terms, settings=_UNREAD) -> list[str]:
    """The payment methods `company` may use under `terms`, in the terms' usual order.

    Those staff allowed for the company (commercial settings) that the terms offer, openly
    or by agreement; without commercial settings, the methods the terms offer to every
    approved customer. Never cash: the terms cannot hold it. A company on prepayment after
    a payment incident (003 art. 4.6, 004 art. 5) pays by card or transfer only, before
    shipping (docs/rules/payments.md). `settings`: the company's commercial settings when
    the caller has read them (None: it has none).
    """
    if settings is _UNREAD:
        settings = commercial_settings_for_company(company=company)
    offered = set(terms.payment_methods) | set(terms.payment_methods_by_agreement)
    granted = set(settings.payment_methods) if settings else set(terms.payment_methods)
    if settings is not None and settings.prepayment_required:
        granted &= PREPAYMENT_METHODS
    return [method for method in PaymentMethod.values if method in offered and method in granted]


def payment_method_label(method: str) -> str:
    return str(dict(PaymentMethod.choices).get(method, method))


def company_credit_exposure(*, company: Company) -> Decimal:
    """The HT amount of the company's open orders on deferred terms, not yet invoiced.

    The "encours" compared with the credit limit. When billing exists, its unpaid
    invoices join this sum (and the orders they invoice leave it).
    """
    total = Order.objects.filter(
        company=company,
        payment_term=PaymentTermKind.DEFERRED,
        status__in=OPEN_CREDIT_STATUSES,
    ).aggregate(total=Sum("total_ht"))["total"]
    return total or ZERO


def quote_recipients(*, company: Company) -> list:
    """Active users of the company who buy or sign (the quote e-mails' recipients)."""
    return [
        membership.user
        for membership in Membership.objects.select_related("user")
        .filter(company=company, is_active=True, user__is_active=True)
        .filter(Q(roles__contains=[Role.BUYER]) | Q(roles__contains=[Role.SIGNATORY]))
        .order_by("id")
    ]


# --- quotes ---------------------------------------------------------------------------------


def quote_lines(*, quote: Quote) -> list[QuoteLine]:
    return list(quote.lines.select_related("product").order_by("position", "id"))


def quote_entered_lines(*, quote: Quote) -> list[QuoteLine]:
    return [line for line in quote_lines(quote=quote) if line.kind in ENTERED_KINDS]


def quote_content(*, quote: Quote) -> dict:
    """The canonical content of an issued quote, as a dict (empty for a draft)."""
    return json.loads(quote.canonical_content) if quote.canonical_content else {}


def quote_list_for_company(*, company: Company) -> QuerySet[Quote]:
    """The company's issued quotes (every version), newest number and version first."""
    return (
        Quote.objects.filter(company=company, status__in=CUSTOMER_STATUSES)
        .select_related("pdf", "signature", "order")
        .order_by("-issued_at", "-number", "-version")
    )


def quote_get_for_company(*, company: Company, number: str, version: int) -> Quote | None:
    """One issued version of one of the company's quotes; None for anything else."""
    return (
        Quote.objects.filter(
            company=company, number=number, version=version, status__in=CUSTOMER_STATUSES
        )
        .select_related("company", "pdf", "terms", "signature", "signature__signed_pdf")
        .first()
    )


def quote_versions(*, quote: Quote, customer: bool = True) -> list[Quote]:
    """Every version of the quote's number (issued ones only for a customer), oldest first."""
    if not quote.number:
        return [quote]
    versions = Quote.objects.filter(company_id=quote.company_id, number=quote.number)
    if customer:
        versions = versions.filter(status__in=CUSTOMER_STATUSES)
    return list(versions.order_by("version", "id"))


def quote_latest_version(*, quote: Quote) -> Quote:
    """The newest issued version of the quote's number."""
    versions = quote_versions(quote=quote)
    return versions[-1] if versions else quote


def quote_get_for_staff(*, user, pk: int) -> Quote | None:
    """Any quote, for active staff allowed to view quotes; None otherwise."""
    if not (user.is_active and user.is_staff and user.has_perm("orders.view_quote")):
        return None
    return (
        Quote.objects.select_related("company", "pdf", "terms", "signature").filter(pk=pk).first()
    )


# --- customers' quote requests ---------------------------------------------------------------


class QuoteRequestState:
    """What a customer reads of a request's progress in "Mes devis"."""

    SENT = "sent"
    QUOTED = "quoted"
    DECLINED = "declined"


@dataclass(frozen=True)
class QuoteRequestRow:
    """A request as its company follows it: its state and the quote made from it (the
    newest version the customer can see), if one was issued."""

    request: QuoteRequest
    state: str
    quote: Quote | None


_CUSTOMER_QUOTES = "customer_quotes"  # the prefetch below stores the request's quotes there


def _request_row(request: QuoteRequest) -> QuoteRequestRow:
    quotes: list[Quote] = getattr(request, _CUSTOMER_QUOTES)
    quote = quotes[0] if quotes else None
    if request.status == QuoteRequestStatus.DECLINED:
        state = QuoteRequestState.DECLINED
    elif quote is not None:
        state = QuoteRequestState.QUOTED
    else:
        state = QuoteRequestState.SENT
    return QuoteRequestRow(request=request, state=state, quote=quote)


def _company_requests(company: Company) -> QuerySet[QuoteRequest]:
    return (
        QuoteRequest.objects.filter(company_link__company=company)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.filter(status__in=CUSTOMER_STATUSES).order_by(
                    "-version", "-id"
                ),
                to_attr=_CUSTOMER_QUOTES,
            )
        )
        .order_by("-created_at", "-id")
    )


def quote_requests_for_company(*, company: Company) -> list[QuoteRequestRow]:
    """The company's quote requests (whoever of it made them), newest first."""
    return [_request_row(request) for request in _company_requests(company)]


def quote_request_get_for_company(*, company: Company, pk: int) -> QuoteRequestRow | None:
    """One of the company's quote requests with its lines; None for another company's."""
    request = _company_requests(company).prefetch_related("lines").filter(pk=pk).first()
    return _request_row(request) if request is not None else None


def quote_request_get_for_staff(*, user, pk: int) -> QuoteRequest | None:
    """Any quote request, for active staff allowed to view them; None otherwise."""
    if not (user.is_active and user.is_staff and user.has_perm("shop.view_quoterequest")):
        return None
    return QuoteRequest.objects.filter(pk=pk).first()


def quote_requests_pending() -> QuerySet[QuoteRequest]:
    """Customers' quote requests waiting for sales, the oldest first."""
    return (
        QuoteRequest.objects.filter(status=QuoteRequestStatus.SUBMITTED)
        .select_related("user", "company_link__company")
        .order_by("created_at", "id")
    )


@dataclass(frozen=True)
class PipelineRow:
    status: str
    label: str
    count: int
    total_ht: Decimal


def quote_pipeline() -> list[PipelineRow]:
    """Number of quotes and their HT value per status (issued, signed, expired...)."""
    rows = {
        row["status"]: row
        for row in Quote.objects.values("status").annotate(count=Count("id"), total=Sum("total_ht"))
    }
    return [
        PipelineRow(
            status=status,
            label=str(label),
            count=rows.get(status, {}).get("count", 0),
            total_ht=rows.get(status, {}).get("total") or ZERO,
        )
        for status, label in QuoteStatus.choices
    ]


# --- verification -----------------------------------------------------------------------


@dataclass(frozen=True)
class HashCheck:
    label: str
    recorded: str
    computed: str
    ok: bool


@dataclass(frozen=True)
class QuoteVerification:
    checks: tuple[HashCheck, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a, b)


def quote_verify(*, quote: Quote) -> QuoteVerification:
    """Recompute the hashes of an issued (and maybe signed) quote from what is stored.

    - content: SHA-256 of the stored canonical JSON, against the quote's hash (and the one
      recorded in the signature evidence);
    - issued PDF: the stored bytes against their recorded SHA-256 (`document_verify`), and
      that SHA-256 against the one shown to the signatory;
    - signed PDF: the stored bytes against their recorded SHA-256.
    """
    checks = []
    computed = content_sha256(quote.canonical_content) if quote.canonical_content else ""
    checks.append(
        HashCheck(
            gettext("Contenu du devis"),
            quote.content_sha256,
            computed,
            _same(computed, quote.content_sha256),
        )
    )
    pdf_ok = quote.pdf is not None and document_verify(quote.pdf)
    pdf_hash = quote.pdf.sha256 if quote.pdf else ""
    checks.append(
        HashCheck(gettext("PDF du devis émis"), pdf_hash, pdf_hash if pdf_ok else "", pdf_ok)
    )
    signature = getattr(quote, "signature", None) if quote.status == QuoteStatus.SIGNED else None
    if signature is not None:
        checks.append(
            HashCheck(
                gettext("Contenu signé (preuve)"),
                signature.content_sha256,
                computed,
                _same(computed, signature.content_sha256),
            )
        )
        checks.append(
            HashCheck(
                gettext("PDF présenté au signataire"),
                signature.shown_pdf_sha256,
                pdf_hash if pdf_ok else "",
                pdf_ok and _same(pdf_hash, signature.shown_pdf_sha256),
            )
        )
        # Until the worker has rendered it, there is no signed PDF to check (not a failure).
        if signature.signed_pdf is not None:
            signed_ok = document_verify(signature.signed_pdf) and _same(
                signature.signed_pdf.sha256, signature.signed_pdf_sha256
            )
            checks.append(
                HashCheck(
                    gettext("PDF signé « Bon pour accord »"),
                    signature.signed_pdf_sha256,
                    signature.signed_pdf.sha256 if signed_ok else "",
                    signed_ok,
                )
            )
    return QuoteVerification(checks=tuple(checks))


# --- orders -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFilters:
    """What "Mes commandes" is narrowed to (all optional, bounds inclusive)."""

    status: str = ""
    placed_from: date | None = None
    placed_to: date | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None


def order_list_for_company(
    *, company: Company, filters: OrderFilters | None = None
) -> QuerySet[Order]:
    """The company's orders, newest first, narrowed by `filters` (status, placing day in
    Europe/Paris, TTC amount): one query whatever the number of orders."""
    orders = Order.objects.filter(company=company)
    if filters is not None:
        if filters.status:
            orders = orders.filter(status=filters.status)
        if filters.placed_from is not None:
            orders = orders.filter(placed_at__gte=start_of_day(filters.placed_from))
        if filters.placed_to is not None:
            orders = orders.filter(placed_at__lt=period_end(filters.placed_to, 0))
        if filters.amount_min is not None:
            orders = orders.filter(total_ttc__gte=filters.amount_min)
        if filters.amount_max is not None:
            orders = orders.filter(total_ttc__lte=filters.amount_max)
    return orders.select_related("quote").order_by("-placed_at", "-id")


def order_get_for_company(*, company: Company, number: str) -> Order | None:
    return (
        Order.objects.filter(company=company, number=number)
        .select_related("quote", "terms", "terms__seller", "placed_by")
        .prefetch_related(
            Prefetch("lines", queryset=OrderLine.objects.order_by("position", "id")),
            Prefetch(
                "shipments",
                queryset=Shipment.objects.select_related("delivery_note").prefetch_related(
                    Prefetch("lines", queryset=ShipmentLine.objects.select_related("order_line"))
                ),
            ),
            Prefetch(
                "complaints",
                queryset=Complaint.objects.select_related("order_line", "shipment")
                .prefetch_related("photos")
                .order_by("created_at", "id"),
            ),
        )
        .first()
    )


# --- order payments -----------------------------------------------------------------------


def order_card_payment_latest(*, order: Order) -> Payment | None:
    """The last card payment started for `order` (its state is what the buyer is told)."""
    return (
        Payment.objects.filter(
            company_id=order.company_id, order_reference=order.number, method=PaymentMethod.CARD
        )
        .order_by("-created_at", "-id")
        .first()
    )


def order_paid_amount(*, order: Order) -> Decimal:
    """What the validated payments counted towards `order` add up to."""
    paid = OrderPayment.objects.filter(order=order).aggregate(total=Sum("amount"))["total"]
    return paid or ZERO


def order_amount_due(*, order: Order) -> Decimal:
    """The TTC total of `order` less its validated payments (never below zero)."""
    return max(order.total_ttc - order_paid_amount(order=order), ZERO)


def order_amount_due_to_confirm(*, order: Order) -> Decimal:
    """What `order` awaits before it is confirmed: the payment at order staff required
    (a deposit, 000 art. 4, 001 art. 4), else its TTC total, less its validated payments."""
    return max((order.deposit_amount or order.total_ttc) - order_paid_amount(order=order), ZERO)


def order_transfer_instructions(*, order: Order) -> TransferInstructions | None:
    """How to pay what `order` still owes by transfer (docs/rules/payments.md), or None
    when nothing is due or the seller has no valid IBAN. Awaiting payment, what confirms
    it (the payment at order staff required, or the whole)."""
    due = (
        order_amount_due_to_confirm(order=order)
        if order.status == OrderStatus.AWAITING_PAYMENT
        else order_amount_due(order=order)
    )
    if due <= 0:
        return None
    return transfer_instructions(
        seller=order.terms.seller, amount=due, document_number=order.number
    )


def orders_expecting_payment(*, numbers: Iterable[str]) -> dict[str, ExpectedPayment]:
    """Orders awaiting payment named by their number or their quote's, for billing's
    statement matching (`settings.PAYMENT_REFERENCE_RESOLVER`); one query."""
    numbers = list(numbers)
    orders = (
        Order.objects.filter(status=OrderStatus.AWAITING_PAYMENT)
        .filter(Q(number__in=numbers) | Q(quote__number__in=numbers))
        .annotate(paid=Sum("payments__amount"))
        .values_list("number", "quote__number", "company_id", "total_ttc", "deposit_amount", "paid")
    )
    found = {}
    for number, quote_number, company_id, total, deposit, paid in orders:
        expected = ExpectedPayment(
            company_id=company_id,
            order_reference=number,
            amount_due=(deposit or total) - (paid or ZERO),
        )
        found[number] = found[quote_number] = expected
    return found


def shipment_get_for_company(*, company: Company, number: str) -> Shipment | None:
    return (
        Shipment.objects.filter(order__company=company, number=number)
        .select_related("order", "order__terms", "order__terms__seller", "delivery_note")
        .first()
    )


def order_confirmed_on(*, order: Order) -> date | None:
    """The business day the order was first confirmed (its audit rows), or None."""
    event = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Order),
            object_id=str(order.pk),
            field="status",
            to_state=OrderStatus.CONFIRMED,
        )
        .order_by("created_at", "pk")
        .first()
    )
    return localdate(event.created_at) if event is not None else None


def order_invoices(*, order: Order) -> QuerySet[Invoice]:
    """The invoices billing issued for `order` (its goods, its fees), oldest first: billing
    copies the order's number on each."""
    return Invoice.objects.filter(
        company_id=order.company_id, order_reference=order.number
    ).order_by("issue_date", "number")


def order_invoice_get_for_company(*, company: Company, order: Order, number: str) -> Invoice | None:
    return (
        order_invoices(order=order)
        .filter(company=company, number=number)
        .select_related("pdf")
        .first()
    )


def order_revision_to_sign(*, order: Order) -> Quote | None:
    """The new version of the order's quote issued for its modification, awaiting the
    customer's signature."""
    return Quote.objects.filter(
        order_revision__order=order,
        order_revision__applied_at__isnull=True,
        status=QuoteStatus.ISSUED,
    ).first()
