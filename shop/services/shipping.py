"""The shipping fee of one delivery, by the rule of the terms pinned to the document.

Nothing here is a number of the seller's: thresholds and fees come from `Terms`
(mode "thresholds", 004 art. 11) or from the seller's `ShippingRate` table (zone,
order and carrier modes). Every threshold is inclusive at its lower bound (docs/rules/
conventions.md): with 004's terms 457.00 HT ships free, 152.00 pays 10.00, 151.99
pays 15.00, and with a console the free threshold is 750.00.

The amount compared with the thresholds is the goods total HT of the delivery
(product lines after tiers and discounts), without eco-tax, packaging or shipping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import ZERO, to_decimal
from shop.models import ShippingFeeMode, ShippingRate, Terms


class ShippingStatus(models.TextChoices):
    FREE = "free", _("livraison gratuite")
    CHARGED = "charged", _("frais de port")
    QUOTED = "quoted", _("frais de port chiffrés par le service commercial")
    UNAVAILABLE = "unavailable", _("livraison non proposée vers cette zone")


@dataclass(frozen=True)
class ShippingFee:
    """The fee of a delivery, with what the buyer can do to pay less.

    `amount_ht` is None when no automatic fee exists (quoted by sales, zone not served).
    `next_amount_ht` / `next_fee_ht`: from that goods total the fee drops to that fee
    (None when nothing cheaper is reachable).
    """

    status: str
    amount_ht: Decimal | None
    carrier: str = ""
    next_amount_ht: Decimal | None = None
    next_fee_ht: Decimal | None = None

    @property
    def is_automatic(self) -> bool:
        return self.amount_ht is not None

    @property
    def label(self) -> str:
        return str(ShippingStatus(self.status).label)


@dataclass(frozen=True)
class RateRow:
    """One row of the seller's table, detached from the ORM (see `ShippingRate`)."""

    zone: str
    carrier: str
    from_amount_ht: Decimal
    fee_ht: Decimal


TABLE_MODES = frozenset(
    {ShippingFeeMode.ZONE_TABLE, ShippingFeeMode.ORDER_TABLE, ShippingFeeMode.CARRIER_TABLE}
)


def shipping_uses_table(terms: Terms) -> bool:
    """Whether `terms` take their fees from the seller's `ShippingRate` table; in the
    other modes (thresholds of the terms, quoted by sales) the table is not read."""
    return terms.shipping_fee_mode in TABLE_MODES


def shipping_rates_of(*, seller_id: int) -> tuple[RateRow, ...]:
    """The seller's table as plain rows (one query); pass it to `shipping_fee_compute`."""
    return tuple(
        RateRow(r.zone, r.carrier, r.from_amount_ht, r.fee_ht)
        for r in ShippingRate.objects.filter(seller_id=seller_id)
    )


def shipping_fee_compute(
    *,
    terms: Terms,
    goods_ht,
    has_console: bool,
    zone: str | None,
    rates: Sequence[RateRow] = (),
    carrier: str = "",
) -> ShippingFee:
    """The fee for a delivery of `goods_ht` HT to `zone` under `terms`.

    `rates` is the seller's table (needed for the table modes only): the zone and order
    modes read its rows without a carrier, the carrier mode those with one. `carrier`
    picks a carrier in the carrier mode; without one, the cheapest applicable is used.
    A zone that the terms do not serve (or an unknown zone) gives UNAVAILABLE.
    """
    goods_ht = to_decimal(goods_ht)
    if zone is None or (terms.delivery_zones and zone not in terms.delivery_zones):
        return ShippingFee(ShippingStatus.UNAVAILABLE, None)
    mode = terms.shipping_fee_mode
    if mode == ShippingFeeMode.THRESHOLDS:
        return _thresholds(terms, goods_ht, has_console)
    if mode in TABLE_MODES:
        by_carrier = mode == ShippingFeeMode.CARRIER_TABLE
        rows = [r for r in rates if bool(r.carrier) == by_carrier]
        return _table(rows, goods_ht=goods_ht, zone=zone, carrier=carrier if by_carrier else "")
    return ShippingFee(ShippingStatus.QUOTED, None)


def _fee(amount: Decimal, **kwargs) -> ShippingFee:
    status = ShippingStatus.FREE if amount == ZERO else ShippingStatus.CHARGED
    return ShippingFee(status, amount, **kwargs)


def _thresholds(terms: Terms, goods_ht: Decimal, has_console: bool) -> ShippingFee:
    free_from = terms.shipping_free_from_ht
    if has_console and terms.shipping_free_from_with_consoles_ht is not None:
        free_from = terms.shipping_free_from_with_consoles_ht
    reduced_from = terms.shipping_reduced_fee_from_ht
    if goods_ht >= free_from:
        return _fee(ZERO)
    if goods_ht >= reduced_from:
        return _fee(terms.shipping_reduced_fee_ht, next_amount_ht=free_from, next_fee_ht=ZERO)
    return _fee(
        terms.shipping_base_fee_ht,
        next_amount_ht=reduced_from,
        next_fee_ht=terms.shipping_reduced_fee_ht,
    )


def _table(rates: Iterable[RateRow], *, goods_ht: Decimal, zone: str, carrier: str) -> ShippingFee:
    """Per carrier: the row with the highest lower bound not above `goods_ht`, a row for
    the zone itself preferred to a row for all zones; then the chosen or cheapest carrier."""
    candidates: dict[str, list[RateRow]] = {}
    for row in rates:
        if row.zone not in ("", zone) or (carrier and row.carrier != carrier):
            continue
        candidates.setdefault(row.carrier, []).append(row)
    best: tuple[Decimal, ShippingFee] | None = None
    for name, rows in candidates.items():
        specific = [r for r in rows if r.zone == zone] or rows
        applicable = [r for r in specific if r.from_amount_ht <= goods_ht]
        if not applicable:
            continue
        row = max(applicable, key=lambda r: r.from_amount_ht)
        cheaper = sorted(
            (r for r in specific if r.from_amount_ht > goods_ht and r.fee_ht < row.fee_ht),
            key=lambda r: r.from_amount_ht,
        )
        nxt = cheaper[0] if cheaper else None
        fee = _fee(
            row.fee_ht,
            carrier=name,
            next_amount_ht=nxt.from_amount_ht if nxt else None,
            next_fee_ht=nxt.fee_ht if nxt else None,
        )
        if best is None or row.fee_ht < best[0]:
            best = (row.fee_ht, fee)
    return best[1] if best else ShippingFee(ShippingStatus.QUOTED, None)
