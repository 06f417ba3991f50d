"""The pricing engine: one computation of every amount, for cart, quote, order and invoice.

Inputs are plain values (`LineInput`), so a quote or an invoice prices its own copied
lines exactly as the cart priced the catalogue: the same function, the same result.

Rules (docs/rules/conventions.md, docs/rules/catalogue-prices-tax-shipping.md):
- unit price HT = the list price, or the price of the highest quantity tier reached
  (001 art. 8), less a customer discount percentage when one is given; products of
  class "S" are never discounted and ignore tiers, class "L" follows its liquidation
  price and takes no customer discount (004 art. 4); a discount is a percentage of
  the unit price rounded half-up (`core.money.percent_of`);
- a quote line may carry sales' own terms: a line discount (replacing the document's
  discount for that line, same classes and rounding) or a net unit price (taken as is:
  no tier, no discount);
- line total HT = unit price HT x quantity, rounded half-up once per line;
- eco-tax and packaging: separate lines, one per VAT rate, each a sum of per-product
  line totals; shipping: a separate line at the seller's standard VAT rate, or a line
  "to be quoted" without amount;
- VAT per rate on the sum of that rate's lines, rounded half-up once per rate; TTC =
  HT + VAT; a regime without VAT (reverse charge, export, overseas) gives VAT 0.

Cost is linear in the number of lines: one pass to price them, one to add them up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import ZERO, Totals, line_total, percent_of, to_decimal, vat_breakdown
from shop.models import DiscountClass, Terms
from shop.services.shipping import RateRow, ShippingFee, shipping_fee_compute
from shop.services.tax import DOMESTIC, VatRegime


class ExtraKind(models.TextChoices):
    ECO_TAX = "eco_tax", _("Éco-participation")
    PACKAGING = "packaging", _("Emballage")
    SHIPPING = "shipping", _("Frais de port")


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    unit_price_ht: Decimal


@dataclass(frozen=True)
class LineInput:
    """One line to price. `tiers` in any order; `quantity` a positive int."""

    reference: str
    designation: str
    quantity: int
    list_price_ht: Decimal
    vat_rate: Decimal
    tiers: tuple[Tier, ...] = ()
    discount_class: str = DiscountClass.NORMAL
    eco_tax_ht: Decimal = ZERO
    packaging_ht: Decimal = ZERO
    is_console: bool = False
    product_id: int | None = None
    line_discount_percent: Decimal | None = None
    net_unit_price_ht: Decimal | None = None


@dataclass(frozen=True)
class ShippingContext:
    """What the shipping rule needs besides the goods: the pinned terms, the zone of the
    delivery address, the seller's table (table modes), a chosen carrier, and the VAT
    rate charged on shipping (the seller's standard rate)."""

    terms: Terms
    zone: str | None
    vat_rate: Decimal
    rates: tuple[RateRow, ...] = ()
    carrier: str = ""


@dataclass(frozen=True)
class PricedLine:
    input: LineInput
    unit_price_ht: Decimal
    line_total_ht: Decimal
    tier: Tier | None = None
    next_tier: Tier | None = None

    @property
    def quantity(self) -> int:
        return self.input.quantity

    @property
    def vat_rate(self) -> Decimal:
        return self.input.vat_rate


@dataclass(frozen=True)
class ExtraLine:
    """Eco-tax, packaging or shipping. `amount_ht` None: to be quoted by sales."""

    kind: str
    amount_ht: Decimal | None
    vat_rate: Decimal

    @property
    def label(self) -> str:
        return str(ExtraKind(self.kind).label)


@dataclass(frozen=True)
class PricedDocument:
    lines: tuple[PricedLine, ...]
    extras: tuple[ExtraLine, ...]
    goods_ht: Decimal
    regime: VatRegime
    totals: Totals
    shipping: ShippingFee | None = None
    has_console: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def shipping_to_be_quoted(self) -> bool:
        return any(e.kind == ExtraKind.SHIPPING and e.amount_ht is None for e in self.extras)


def tier_for(quantity: int, tiers: Sequence[Tier]) -> tuple[Tier | None, Tier | None]:
    """The highest tier reached at `quantity` and the next one up (either may be None)."""
    reached = None
    upcoming = None
    for tier in tiers:
        if tier.min_quantity <= quantity:
            if reached is None or tier.min_quantity > reached.min_quantity:
                reached = tier
        elif upcoming is None or tier.min_quantity < upcoming.min_quantity:
            upcoming = tier
    return reached, upcoming


def line_price(line: LineInput, *, discount_percent: Decimal = ZERO) -> PricedLine:
    """Price one line: tier, discount (the line's own, else `discount_percent`), then the
    line total rounded half-up; a net unit price set on the line is taken as is."""
    if isinstance(line.quantity, bool) or not isinstance(line.quantity, int):
        raise TypeError("A quantity is an int.")
    if line.quantity < 1:
        raise ValueError(f"Quantity {line.quantity} of {line.reference} is not positive.")
    if line.net_unit_price_ht is not None:
        unit = to_decimal(line.net_unit_price_ht)
        return PricedLine(
            input=line,
            unit_price_ht=unit,
            line_total_ht=line_total(unit_price=unit, quantity=line.quantity),
        )
    if line.line_discount_percent is not None:
        discount_percent = to_decimal(line.line_discount_percent)
    unit = to_decimal(line.list_price_ht)
    tier = next_tier = None
    if line.discount_class != DiscountClass.NEVER_DISCOUNTED:
        tier, next_tier = tier_for(line.quantity, line.tiers)
        if tier is not None and tier.unit_price_ht < unit:
            unit = to_decimal(tier.unit_price_ht)
        elif tier is not None:
            tier = None  # a "tier" dearer than the list price is not a discount
        if discount_percent and line.discount_class == DiscountClass.NORMAL:
            unit = unit - percent_of(amount=unit, percent=discount_percent)
    return PricedLine(
        input=line,
        unit_price_ht=unit,
        line_total_ht=line_total(unit_price=unit, quantity=line.quantity),
        tier=tier,
        next_tier=next_tier,
    )


def document_price(
    *,
    lines: Sequence[LineInput],
    regime: VatRegime = DOMESTIC,
    shipping_context: ShippingContext | None = None,
    shipping: ShippingFee | None = None,
    shipping_vat_rate: Decimal | None = None,
    discount_percent=ZERO,
) -> PricedDocument:
    """Price a document: its product lines, eco-tax, packaging, shipping and totals.

    Shipping: with `shipping_context` the fee is computed here from the goods total by
    the pinned terms (cart, quote); a document whose fee is already agreed (order,
    invoice) passes that `shipping` and its `shipping_vat_rate` instead; with neither,
    no shipping line. Raises ValueError for a quantity below 1 and TypeError for a
    quantity that is not an int (forms and services check quantities first).
    """
    discount_percent = to_decimal(discount_percent)
    priced = tuple(line_price(line, discount_percent=discount_percent) for line in lines)
    if shipping_context is not None:
        shipping = shipping_fee_compute(
            terms=shipping_context.terms,
            goods_ht=goods_total(priced),
            has_console=any(p.input.is_console for p in priced),
            zone=shipping_context.zone,
            rates=shipping_context.rates,
            carrier=shipping_context.carrier,
        )
        shipping_vat_rate = shipping_context.vat_rate
    extras: list[ExtraLine] = []
    eco: dict[Decimal, Decimal] = {}
    packaging: dict[Decimal, Decimal] = {}
    for p in priced:
        if p.input.eco_tax_ht:
            rate = p.input.vat_rate
            eco[rate] = eco.get(rate, ZERO) + line_total(
                unit_price=p.input.eco_tax_ht, quantity=p.quantity
            )
        if p.input.packaging_ht:
            rate = p.input.vat_rate
            packaging[rate] = packaging.get(rate, ZERO) + line_total(
                unit_price=p.input.packaging_ht, quantity=p.quantity
            )
    for kind, sums in ((ExtraKind.ECO_TAX, eco), (ExtraKind.PACKAGING, packaging)):
        for rate in sorted(sums, reverse=True):
            extras.append(ExtraLine(kind=kind, amount_ht=sums[rate], vat_rate=rate))
    if shipping is not None and shipping.status != "unavailable":
        if shipping.amount_ht is not None and shipping_vat_rate is None:
            raise ValueError("A shipping fee needs the VAT rate it is charged at.")
        extras.append(
            ExtraLine(
                kind=ExtraKind.SHIPPING,
                amount_ht=shipping.amount_ht,
                vat_rate=to_decimal(shipping_vat_rate) if shipping_vat_rate is not None else ZERO,
            )
        )
    amounts = [(p.line_total_ht, p.vat_rate) for p in priced] + [
        (e.amount_ht, e.vat_rate) for e in extras if e.amount_ht is not None
    ]
    if not regime.charges_vat:
        amounts = [(amount, ZERO) for amount, _rate in amounts]
    return PricedDocument(
        lines=priced,
        extras=tuple(extras),
        goods_ht=goods_total(priced),
        regime=regime,
        totals=vat_breakdown(amounts),
        shipping=shipping,
        has_console=any(p.input.is_console for p in priced),
    )


def goods_total(priced: Sequence[PricedLine]) -> Decimal:
    """Sum of the product line totals HT: the amount the shipping thresholds look at."""
    return sum((p.line_total_ht for p in priced), ZERO)


def price_with_vat(*, amount_ht, vat_rate, regime: VatRegime = DOMESTIC) -> Decimal:
    """The TTC of one displayed amount (a product page price) under `regime`."""
    rate = to_decimal(vat_rate) if regime.charges_vat else ZERO
    return vat_breakdown([(to_decimal(amount_ht), rate)]).ttc


@dataclass(frozen=True)
class DisplayPrice:
    """A price as a product list or page shows it: HT, and TTC for the buyer's regime."""

    ht: Decimal
    ttc: Decimal
    charges_vat: bool


def display_price(*, amount_ht, vat_rate, regime: VatRegime = DOMESTIC) -> DisplayPrice:
    return DisplayPrice(
        ht=to_decimal(amount_ht),
        ttc=price_with_vat(amount_ht=amount_ht, vat_rate=vat_rate, regime=regime),
        charges_vat=regime.charges_vat,
    )
