"""Stock reservations: never the same unit twice, short lines backordered, row locks taken
in product id order (threads against PostgreSQL)."""

import pytest
from django.db import transaction

from shop.models import Product
from shop.services.stock import stock_release, stock_reserve
from shop.tests.factories_catalogue import ProductFactory
from tests.concurrency import run_together


@pytest.mark.django_db
def test_reserve_within_stock_and_backorder_the_rest():
    a = ProductFactory(stock_on_hand=10, stock_reserved=3)
    b = ProductFactory(stock_on_hand=2)
    with transaction.atomic():
        results = stock_reserve(requests=[(a.pk, 4), (b.pk, 5), (a.pk, 5)])
    # a: 7 available; 4 then 3 of the 5 (2 backordered). b: 2 of 5.
    assert [(r.product_id, r.requested, r.reserved, r.backordered) for r in results] == [
        (a.pk, 4, 4, 0),
        (b.pk, 5, 2, 3),
        (a.pk, 5, 3, 2),
    ]
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.stock_on_hand, a.stock_reserved, a.stock_available) == (10, 10, 0)
    assert (b.stock_reserved, b.stock_available) == (2, 0)


@pytest.mark.django_db
def test_nothing_available_backorders_everything():
    product = ProductFactory(stock_on_hand=0)
    with transaction.atomic():
        (result,) = stock_reserve(requests=[(product.pk, 3)])
    assert (result.reserved, result.backordered) == (0, 3)
    product.refresh_from_db()
    assert product.stock_reserved == 0


@pytest.mark.django_db
def test_over_reserved_product_gets_nothing():
    """A stock count corrected below what is reserved: nothing more is promised."""
    product = ProductFactory(stock_on_hand=5, stock_reserved=5)
    Product.objects.filter(pk=product.pk).update(stock_on_hand=3)
    with transaction.atomic():
        (result,) = stock_reserve(requests=[(product.pk, 1)])
    assert result.reserved == 0
    product.refresh_from_db()
    assert product.stock_reserved == 5


@pytest.mark.django_db
def test_release():
    product = ProductFactory(stock_on_hand=10, stock_reserved=6)
    with transaction.atomic():
        stock_release(releases=[(product.pk, 2), (product.pk, 1)])
    product.refresh_from_db()
    assert product.stock_reserved == 3
    with pytest.raises(ValueError, match="only 3 are reserved"), transaction.atomic():
        stock_release(releases=[(product.pk, 4)])


@pytest.mark.django_db
@pytest.mark.parametrize("quantity", [0, -1])
def test_quantities_must_be_positive(quantity):
    product = ProductFactory()
    with pytest.raises(ValueError), transaction.atomic():
        stock_reserve(requests=[(product.pk, quantity)])
    with pytest.raises(TypeError), transaction.atomic():
        stock_reserve(requests=[(product.pk, 1.0)])


@pytest.mark.django_db
def test_unknown_product():
    with pytest.raises(Product.DoesNotExist), transaction.atomic():
        stock_reserve(requests=[(999_999, 1)])


@pytest.mark.django_db(transaction=True)
def test_refused_outside_a_transaction():
    product = ProductFactory()
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        stock_reserve(requests=[(product.pk, 1)])
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        stock_release(releases=[(product.pk, 1)])


@pytest.mark.django_db(transaction=True)
def test_concurrent_reservations_never_sell_a_unit_twice():
    """16 threads each want 3 units of two products (in opposite orders) with 20 in stock:
    exactly 20 are reserved of each, the rest backordered, and nobody deadlocks."""
    first = ProductFactory(stock_on_hand=20)
    second = ProductFactory(stock_on_hand=20)
    threads_count = 16

    def reserve(index: int):
        pairs = [(first.pk, 3), (second.pk, 3)]
        if index % 2:
            pairs.reverse()
        with transaction.atomic():
            return stock_reserve(requests=pairs)

    outcomes, errors = run_together([lambda i=i: reserve(i) for i in range(threads_count)])
    assert errors == []
    results = [result for outcome in outcomes for result in outcome]
    for product in (first, second):
        product.refresh_from_db()
        mine = [r for r in results if r.product_id == product.pk]
        assert sum(r.reserved for r in mine) == 20 == product.stock_reserved
        assert sum(r.backordered for r in mine) == threads_count * 3 - 20
        assert product.stock_on_hand - product.stock_reserved == 0
