"""Order formation from a signed quote: lines copied, terms pinned, stock reserved, the
payment gate applied (docs/rules/orders.md).

Called by `quote_sign` inside its transaction, after it locked the company and the quote;
stock rows are locked last, in product id order (shop.services.stock).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyCommercialSettings, PaymentTerm
from accounts.services.dormancy import company_record_order
from core.audit import Actor, audit_record
from core.calendar import localdate
from core.money import format_eur
from core.sequences import sequence_format, sequence_next
from orders.models import (
    HoldCode,
    LineKind,
    Order,
    OrderLine,
    OrderStatus,
    PaymentTermKind,
    Quote,
)
from orders.selectors import (
    company_credit_exposure,
    delivery_address_of,
    quote_content,
    quote_lines,
)
from shop.services.stock import stock_reserve

ORDER_SERIES = "CMD"


@dataclass(frozen=True)
class GateDecision:
    """The status an order starts in, and why when it is held."""

    status: str
    payment_term: str
    deferred_days: int | None = None
    hold_code: str = ""
    hold_detail: str = ""


def order_payment_gate(
    *,
    company: Company,
    settings: CompanyCommercialSettings | None,
    order_total_ht: Decimal,
) -> GateDecision:
    """Where a new order of `order_total_ht` HT starts (docs/rules/orders.md, 000 art. 2,
    004 art. 5), decided in this order:

    1. deliveries suspended for the company: on hold (reason: the suspension's);
    2. (overdue invoices: on hold, once billing exists);
    3. cash at order, or prepayment required by staff: awaiting payment;
    4. deferred term: confirmed when the open deferred orders not yet invoiced plus this
       order stay within the credit limit (inclusive), else on hold with the amounts.

    Must run while the company row is locked, so two orders of the same company cannot
    both fit in the same remaining credit.
    """
    deferred = (
        settings
        if settings is not None
        and settings.payment_term == PaymentTerm.DEFERRED
        and not settings.prepayment_required
        else None
    )
    term = PaymentTermKind.DEFERRED if deferred else PaymentTermKind.CASH_AT_ORDER
    days = deferred.deferred_days if deferred else None
    if settings is not None and settings.delivery_suspended:
        return GateDecision(
            status=OrderStatus.ON_HOLD,
            payment_term=term,
            deferred_days=days,
            hold_code=HoldCode.DELIVERY_SUSPENDED,
            hold_detail=settings.delivery_suspension_reason,
        )
    if deferred is None:
        return GateDecision(status=OrderStatus.AWAITING_PAYMENT, payment_term=term)
    exposure = company_credit_exposure(company=company)
    limit = deferred.credit_limit
    if exposure + order_total_ht > limit:
        return GateDecision(
            status=OrderStatus.ON_HOLD,
            payment_term=term,
            deferred_days=days,
            hold_code=HoldCode.CREDIT_LIMIT,
            hold_detail=str(
                _(
                    "Encours en cours : %(exposure)s HT ; cette commande : %(order)s HT ; "
                    "encours autorisé : %(limit)s HT."
                )
            )
            % {
                "exposure": format_eur(exposure),
                "order": format_eur(order_total_ht),
                "limit": format_eur(limit),
            },
        )
    return GateDecision(status=OrderStatus.CONFIRMED, payment_term=term, deferred_days=days)


def order_address_text(quote: Quote) -> str:
    address = delivery_address_of(quote=quote)
    if address is None:
        return ""
    parts = [address.label, address.line1, address.line2, f"{address.postal_code} {address.city}"]
    return "\n".join(part for part in [*parts, address.country] if part)


def order_lines_create(*, order: Order, quote: Quote) -> list[dict]:
    """Copy the lines of the signed `quote` to `order` (reference, designation, quantity,
    unit price, VAT rate, total) and reserve each catalogue line's quantity
    (`stock_reserve`: stock rows locked in product id order); returns the backordered
    parts, `{"reference", "quantity"}`."""
    source = quote_lines(quote=quote)
    goods = [
        (line.product_id, line.quantity)
        for line in source
        if line.kind == LineKind.GOODS and line.product_id is not None
    ]
    reservations = iter(stock_reserve(requests=goods))
    rows = []
    backordered = []
    for line in source:
        assert line.vat_rate is not None  # every line is priced when the quote is issued
        reserved = backorder = 0
        if line.kind == LineKind.GOODS:
            reservation = next(reservations)
            reserved, backorder = reservation.reserved, reservation.backordered
            if backorder:
                backordered.append({"reference": line.reference, "quantity": backorder})
        rows.append(
            OrderLine(
                order=order,
                position=line.position,
                kind=line.kind,
                product_id=line.product_id,
                reference=line.reference,
                designation=line.designation,
                quantity=line.quantity,
                unit_price_ht=line.unit_price_ht,
                vat_rate=line.vat_rate,
                line_total_ht=line.line_total_ht,
                quantity_reserved=reserved,
                quantity_backordered=backorder,
            )
        )
    OrderLine.objects.bulk_create(rows)
    return backordered


def order_create_from_quote(
    *,
    quote: Quote,
    company: Company,
    settings: CompanyCommercialSettings | None,
    user,
    payment_method: str,
    now: datetime,
) -> Order:
    """The order formed by the signature of `quote` (call inside `quote_sign`'s transaction,
    with the company locked and its commercial `settings` read under that lock).

    Effects: the next number of the "CMD" series; the status from `order_payment_gate`;
    the quote's lines copied (reference, designation, quantity, unit price, VAT rate,
    total) with the terms pinned; each catalogue line's quantity reserved
    (`stock_reserve`), the part not in stock recorded as backordered; an audit row; the
    company's last order date (dormancy).
    """
    assert quote.terms is not None  # pinned when the quote was issued
    decision = order_payment_gate(company=company, settings=settings, order_total_ht=quote.total_ht)
    today = localdate(now)
    number = sequence_format(
        prefix=ORDER_SERIES,
        year=today.year,
        value=sequence_next(series=ORDER_SERIES, year=today.year),
    )
    order = Order.objects.create(
        number=number,
        company=company,
        quote=quote,
        terms=quote.terms,
        status=decision.status,
        hold_code=decision.hold_code,
        hold_detail=decision.hold_detail,
        payment_method=payment_method,
        payment_term=decision.payment_term,
        deferred_days=decision.deferred_days,
        vat_regime=quote.vat_regime,
        delivery_address=order_address_text(quote),
        goods_ht=quote.goods_ht,
        total_ht=quote.total_ht,
        total_vat=quote.total_vat,
        total_ttc=quote.total_ttc,
        vat_breakdown=quote_content(quote=quote)["totals"]["per_rate"],
        placed_at=now,
        placed_by=user,
    )
    backordered = order_lines_create(order=order, quote=quote)
    audit_record(
        obj=order,
        actor=Actor.of_user(user),
        to_state=order.status,
        at=now,
        reason=decision.hold_detail,
        data={
            "quote": quote.reference,
            "quote_content_sha256": quote.content_sha256,
            "payment_method": payment_method,
            "payment_term": decision.payment_term,
            "hold_code": decision.hold_code,
            "backordered": backordered,
        },
    )
    company_record_order(company=company, ordered_on=today)
    return order
