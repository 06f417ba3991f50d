"""Pricing a quote with the shop's pricing engine (one computation of every amount)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from accounts.models import Company, DeliveryAddress
from core.money import ZERO, to_decimal
from orders.models import LineKind, QuoteLine
from orders.selectors import buyer_tax_profile_of
from shop.models import STANDARD_VAT_RATE, Seller, Terms
from shop.services.cart import line_input_of
from shop.services.pricing import LineInput, PricedDocument, ShippingContext, document_price
from shop.services.shipping import ShippingFee, ShippingStatus, shipping_rates_of
from shop.services.tax import delivery_zone_of, vat_regime_decide

TABLE_MODES = {"zone_table", "order_table", "carrier_table"}


@dataclass(frozen=True)
class QuotePricing:
    document: PricedDocument
    lines: list[QuoteLine]

    @property
    def shipping_status(self) -> str | None:
        return self.document.shipping.status if self.document.shipping else None


def line_input_for(line: QuoteLine) -> LineInput:
    """The pricing input of one entered line: the catalogue product, or the special line,
    with sales' line discount or net price."""
    if line.kind == LineKind.GOODS:
        assert line.product is not None  # a goods line has its product (check constraint)
        base = line_input_of(line.product, line.quantity)
    else:
        base = LineInput(
            reference=line.reference,
            designation=line.designation,
            quantity=line.quantity,
            list_price_ht=to_decimal(
                line.list_price_ht if line.list_price_ht is not None else ZERO
            ),
            vat_rate=to_decimal(line.vat_rate if line.vat_rate is not None else ZERO),
        )
    return replace(
        base, line_discount_percent=line.discount_percent, net_unit_price_ht=line.net_price_ht
    )


def quote_price(
    *,
    lines: list[QuoteLine],
    company: Company,
    address: DeliveryAddress | None,
    seller: Seller,
    terms: Terms | None,
    discount_percent: Decimal,
    shipping_fee_ht: Decimal | None,
) -> QuotePricing:
    """Price entered lines for `company` delivered at `address`.

    Shipping: a fee quoted by sales (`shipping_fee_ht`, 0 for free) at the seller's
    standard VAT rate; otherwise the rule of `terms` for the delivery zone (no shipping
    line without terms).
    """
    buyer = buyer_tax_profile_of(company=company, address=address)
    regime = vat_regime_decide(seller_country=seller.country, buyer=buyer)
    vat_rate = STANDARD_VAT_RATE[seller.country]
    context = shipping = None
    shipping_vat_rate = None
    if shipping_fee_ht is not None:
        fee = to_decimal(shipping_fee_ht)
        status = ShippingStatus.FREE if fee == ZERO else ShippingStatus.CHARGED
        shipping = ShippingFee(status, fee)
        shipping_vat_rate = vat_rate
    elif terms is not None and lines:
        zone = delivery_zone_of(country=buyer.shipping_country, postcode=buyer.delivery_postcode)
        context = ShippingContext(
            terms=terms,
            zone=zone,
            vat_rate=vat_rate,
            rates=shipping_rates_of(seller_id=seller.pk)
            if terms.shipping_fee_mode in TABLE_MODES
            else (),
        )
    document = document_price(
        lines=[line_input_for(line) for line in lines],
        regime=regime,
        shipping_context=context,
        shipping=shipping,
        shipping_vat_rate=shipping_vat_rate,
        discount_percent=discount_percent,
    )
    return QuotePricing(document=document, lines=lines)
