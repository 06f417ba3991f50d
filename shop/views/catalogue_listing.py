"""Which products a catalogue page lists, read with the fewest and lightest queries.

A page is first listed as `Listed` rows (ids and the stock of the moment): all that the
key of its kept cards needs (`shop.views.kept_pages`); the cards themselves are read
only when they are not kept. What the listing costs besides is kept under the catalogue
version, never the stock:

- a text search keeps the ranked ids of its matches (ranking every match is what a
  search costs); each request then reads the stock of the page's rows by primary key,
  or with "en stock" the matches in stock among them;
- a listing without text is ordered by reference, which an index gives: it reads its
  page and keeps its count; with "en stock" it counts on each request, or, when the
  matches are few, reads all its rows in stock in one query, which gives the count too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.core.paginator import Page, Paginator

from core.fragments import kept
from shop.search import search_terms
from shop.selectors import (
    CatalogueFilters,
    Listed,
    product_listed,
    product_search_ids,
    product_search_listed,
)
from shop.views.kept_pages import catalogue_count_key, search_ids_key

# Up to this many matches (before the stock condition), reading every row in stock (an
# id and two numbers each) costs less than a second query counting them.
READ_WHOLE_LIST_UP_TO = 1000


def _page(rows: Sequence[Listed], per_page: int, number) -> tuple[Page, list[Listed]]:
    page = Paginator(rows, per_page).get_page(number)
    return page, list(page.object_list)


def catalogue_listing(
    filters: CatalogueFilters, version: int | None, per_page: int, number
) -> tuple[Page, list[Listed]]:
    """The page `number` (as typed: Django's `Paginator.get_page` rules) of the products
    matching `filters`, `per_page` a page, with its rows."""
    everything_in_stock = replace(filters, in_stock=False)
    if search_terms(filters.q):
        ids = kept(
            search_ids_key(filters, version),
            lambda: product_search_ids(filters=everything_in_stock),
        )
        if filters.in_stock:
            return _page(product_listed(ids=ids, in_stock=True), per_page, number)
        page = Paginator(ids, per_page).get_page(number)
        return page, product_listed(ids=list(page.object_list))
    rows = product_search_listed(filters=filters)
    if filters.in_stock:
        matches = kept(
            catalogue_count_key(everything_in_stock, version),
            lambda: product_search_listed(filters=everything_in_stock).count(),
        )
        if matches <= READ_WHOLE_LIST_UP_TO:
            return _page([Listed(*row) for row in rows], per_page, number)
    paginator = Paginator(rows, per_page)
    paginator.count = kept(catalogue_count_key(filters, version), rows.count)
    page = paginator.get_page(number)
    return page, [Listed(*row) for row in page.object_list]
