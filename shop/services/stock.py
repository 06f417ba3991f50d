"""Stock reservations: never the same unit twice, even under concurrent orders.

`Product.stock_on_hand` is the physical stock, `Product.stock_reserved` the units promised
to orders not yet shipped; the available stock is their difference. A reservation locks
the product rows it touches with SELECT ... FOR NO KEY UPDATE, always in ascending id order
(two orders sharing products never wait on each other in a cycle), inside the caller's
transaction: a concurrent reservation of the same product waits for the commit or the
rollback, then sees the stock that is really left. The new figures are written by one
UPDATE whatever the number of products: an order of 50 lines costs two statements.

When the stock is short the request is not refused: the available units are reserved
and the rest is reported as backordered, for the caller to record (the seller may
deliver partially, 000 art. 5, 002 art. 9).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, PositiveIntegerField, Value, When

from shop.models import Product


@dataclass(frozen=True)
class Reservation:
    """The outcome of one requested line: `reserved + backordered == requested`."""

    product_id: int
    requested: int
    reserved: int
    backordered: int


def _check_quantity(quantity) -> int:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError("A quantity of stock is an int.")
    if quantity < 1:
        raise ValueError(f"A quantity of stock must be positive, not {quantity}.")
    return quantity


def _require_transaction(name: str) -> None:
    if not connection.in_atomic_block:
        raise RuntimeError(f"{name} must be called inside transaction.atomic().")


def _locked_products(product_ids: Iterable[int]) -> dict[int, Product]:
    """The products, locked in ascending id order (one query). A no-key lock: the stock
    columns change, never the key, so rows referencing a product (lines) are not held."""
    ids = sorted(set(product_ids))
    return {
        product.pk: product
        for product in Product.objects.select_for_update(no_key=True)
        .filter(pk__in=ids)
        .order_by("pk")
        .only("pk", "stock_on_hand", "stock_reserved")
    }


def stock_reserve(*, requests: Iterable[tuple[int, int]]) -> list[Reservation]:
    """Reserve `(product_id, quantity)` pairs, in the order given; one result per pair.

    Preconditions: called inside `transaction.atomic()` (RuntimeError otherwise), so the
    row locks last until the order that needs the units is stored; quantities are
    positive ints (ValueError / TypeError).
    Effects: locks the products in ascending id order, then raises `stock_reserved` by what
    could be reserved: min(requested, available), where the available stock of a product
    is `stock_on_hand - stock_reserved` counting the earlier pairs of the same call. The
    rest of each pair is backordered. `stock_reserved` never exceeds `stock_on_hand` from
    this function (a product already over-reserved by a stock correction gets nothing).
    Raises Product.DoesNotExist for an unknown product id.
    """
    _require_transaction("stock_reserve")
    pairs = [(product_id, _check_quantity(quantity)) for product_id, quantity in requests]
    if not pairs:
        return []
    products = _locked_products(product_id for product_id, _quantity in pairs)
    missing = {product_id for product_id, _quantity in pairs} - products.keys()
    if missing:
        raise Product.DoesNotExist(f"Unknown products: {sorted(missing)}")
    reserved_now: dict[int, int] = {}
    results = []
    for product_id, quantity in pairs:
        product = products[product_id]
        already = product.stock_reserved + reserved_now.get(product_id, 0)
        available = max(product.stock_on_hand - already, 0)
        reserved = min(quantity, available)
        reserved_now[product_id] = reserved_now.get(product_id, 0) + reserved
        results.append(
            Reservation(
                product_id=product_id,
                requested=quantity,
                reserved=reserved,
                backordered=quantity - reserved,
            )
        )
    _set_reserved(
        {
            product_id: products[product_id].stock_reserved + units
            for product_id, units in reserved_now.items()
            if units
        }
    )
    return results


def _set_reserved(values: dict[int, int]) -> None:
    """Set `stock_reserved` of each locked product in one UPDATE, whatever their number."""
    if not values:
        return
    Product.objects.filter(pk__in=values).update(
        stock_reserved=Case(
            *(When(pk=pk, then=Value(reserved)) for pk, reserved in values.items()),
            output_field=PositiveIntegerField(),
        )
    )


def stock_release(*, releases: Iterable[tuple[int, int]]) -> None:
    """Give back reserved units `(product_id, quantity)` (an order cancelled or changed).

    Preconditions: inside `transaction.atomic()`; each quantity is positive and, summed
    per product, at most what is reserved (ValueError otherwise: releasing units nobody
    reserved would let them be sold twice). Locks the products in ascending id order.
    """
    _require_transaction("stock_release")
    totals: dict[int, int] = {}
    for product_id, quantity in releases:
        totals[product_id] = totals.get(product_id, 0) + _check_quantity(quantity)
    if not totals:
        return
    products = _locked_products(totals)
    for product_id in sorted(totals):
        product = products.get(product_id)
        if product is None:
            raise Product.DoesNotExist(f"Unknown product: {product_id}")
        if totals[product_id] > product.stock_reserved:
            raise ValueError(
                f"Cannot release {totals[product_id]} units of product {product_id}: "
                f"only {product.stock_reserved} are reserved."
            )
    _set_reserved(
        {
            product_id: products[product_id].stock_reserved - units
            for product_id, units in totals.items()
        }
    )


def stock_backorder_of(*, product: Product, quantity: int) -> int:
    """The units of `quantity` that today's available stock does not cover: an order
    placed now reserves the rest and records these as backordered (`stock_reserve`)."""
    return max(quantity - product.stock_available, 0)


def stock_ship(*, shipments: Iterable[tuple[int, int]]) -> None:
    """Reserved units `(product_id, quantity)` leave the warehouse: both the physical and
    the reserved stock go down by the quantity.

    Preconditions: inside `transaction.atomic()`; each quantity positive and, summed per
    product, at most what is reserved (ValueError: only units promised to an order leave).
    Locks the products in ascending id order.
    """
    _require_transaction("stock_ship")
    totals: dict[int, int] = {}
    for product_id, quantity in shipments:
        totals[product_id] = totals.get(product_id, 0) + _check_quantity(quantity)
    if not totals:
        return
    products = _locked_products(totals)
    for product_id in sorted(totals):
        product = products.get(product_id)
        if product is None:
            raise Product.DoesNotExist(f"Unknown product: {product_id}")
        if totals[product_id] > product.stock_reserved:
            raise ValueError(
                f"Cannot ship {totals[product_id]} units of product {product_id}: "
                f"only {product.stock_reserved} are reserved."
            )
    for product_id, units in totals.items():
        Product.objects.filter(pk=product_id).update(
            stock_on_hand=products[product_id].stock_on_hand - units,
            stock_reserved=products[product_id].stock_reserved - units,
        )
