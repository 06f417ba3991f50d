"""What a catalogue listing keeps (`shop.views.catalogue_listing`): the ranked ids of a
search and the counts, under the catalogue version, never the stock. Every change to
what decides a listing shows on the very next request, and a kept listing costs one
query: the rows of the page with their stock and the catalogue version."""

import re
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import Category, Product
from shop.selectors import catalogue_version, product_cards
from shop.services.stock import stock_reserve
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import CategoryFactory, ProductFactory, thresholds_terms
from shop.views.catalogue_listing import READ_WHOLE_LIST_UP_TO

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def products():
    thresholds_terms(seller=SellerFactory(show_prices_to_anonymous=True))
    screens = CategoryFactory(name="Écrans", slug="ecrans")
    network = CategoryFactory(name="Réseau", slug="reseau")
    switches = CategoryFactory(name="Switchs", slug="switchs", parent=network)
    made = {}
    for reference, designation, category, price, stock in [
        ("ECR-24", "Écran 24 pouces", screens, "100.00", 3),
        ("ECR-27", "Écran 27 pouces", screens, "300.00", 0),
        ("MON-22", "Moniteur 22 pouces", screens, "80.00", 5),
        ("SW-8", "Switch 8 ports", switches, "50.00", 2),
        ("RT-1", "Routeur fibre", network, "150.00", 1),
    ]:
        made[reference] = ProductFactory(
            reference=reference,
            designation=designation,
            category=category,
            price_ht=D(price),
            stock_on_hand=stock,
        )
    return made


def listing(client, **params) -> tuple[int, list[str]]:
    """The count a listing shows and the references of its cards, in their order."""
    response = client.get(reverse("catalogue"), params)
    assert response.status_code == 200
    html = response.content.decode()
    count = re.search(r'class="results-count">(\d+) produits?<', html)[1]
    return int(count), re.findall(r'<p class="product-ref">([^<]+)</p>', html)


def twice(client, **params) -> tuple[int, list[str]]:
    """The listing, asked for twice: the second answer comes from what the first kept."""
    first = listing(client, **params)
    assert listing(client, **params) == first
    return first


# "écran" finds the screens named "Écran" first, then "Moniteur" (a synonym).
SEARCH = {"q": "écran"}
SEARCH_IN_STOCK = {"q": "écran", "en_stock": "on"}
SCREENS_IN_STOCK = {"categorie": "ecrans", "en_stock": "on"}


def test_listings_as_they_were_before_anything_was_kept(client, products):
    assert twice(client, **SEARCH) == (3, ["ECR-24", "ECR-27", "MON-22"])
    # ECR-27 has no stock
    assert twice(client, **SEARCH_IN_STOCK) == (2, ["ECR-24", "MON-22"])
    assert twice(client, **SCREENS_IN_STOCK) == (2, ["ECR-24", "MON-22"])
    # a category lists its sub-categories' products too
    assert twice(client, categorie="reseau") == (2, ["RT-1", "SW-8"])
    assert twice(client, categorie="switchs") == (1, ["SW-8"])
    # 80 <= price <= 150: MON-22 (80), ECR-24 (100), RT-1 (150); by reference
    assert twice(client, prix_min="80", prix_max="150") == (3, ["ECR-24", "MON-22", "RT-1"])
    assert twice(client, q="ecran", prix_max="150") == (2, ["ECR-24", "MON-22"])
    # the text as the search reads it: accents and case do not matter
    assert twice(client, q=" ÉCRAN ") == (3, ["ECR-24", "ECR-27", "MON-22"])


def test_a_new_designation_shows_on_the_next_search(client, products):
    assert twice(client, **SEARCH) == (3, ["ECR-24", "ECR-27", "MON-22"])
    assert twice(client, q="routeur") == (1, ["RT-1"])
    products["ECR-24"].designation = "Dalle 24 pouces"
    products["ECR-24"].save()
    assert listing(client, **SEARCH) == (2, ["ECR-27", "MON-22"])
    Product.objects.filter(reference="SW-8").update(designation="Routeur 8 ports")
    assert listing(client, q="routeur") == (2, ["RT-1", "SW-8"])


def test_a_new_price_shows_on_the_next_filtered_request(client, products):
    assert twice(client, q="ecran", prix_max="150") == (2, ["ECR-24", "MON-22"])
    assert twice(client, prix_min="80", prix_max="150") == (3, ["ECR-24", "MON-22", "RT-1"])
    Product.objects.filter(reference="ECR-24").update(price_ht=D("250.00"))
    assert listing(client, q="ecran", prix_max="150") == (1, ["MON-22"])
    assert listing(client, prix_min="80", prix_max="150") == (2, ["MON-22", "RT-1"])


def test_a_new_category_shows_on_the_next_filtered_request(client, products):
    assert twice(client, categorie="reseau") == (2, ["RT-1", "SW-8"])
    assert twice(client, q="switch", categorie="reseau") == (1, ["SW-8"])
    products["SW-8"].category = Category.objects.get(slug="ecrans")
    products["SW-8"].save()
    assert listing(client, categorie="reseau") == (1, ["RT-1"])
    assert listing(client, q="switch", categorie="reseau") == (0, [])
    assert listing(client, **SCREENS_IN_STOCK) == (3, ["ECR-24", "MON-22", "SW-8"])
    # a category that becomes a sub-category brings its products to its new parent
    Category.objects.filter(slug="ecrans").update(parent=Category.objects.get(slug="reseau"))
    assert listing(client, categorie="reseau") == (
        5,
        ["ECR-24", "ECR-27", "MON-22", "RT-1", "SW-8"],
    )


def test_the_stock_of_the_moment_shows_on_the_next_request(client, products):
    assert twice(client, **SEARCH_IN_STOCK) == (2, ["ECR-24", "MON-22"])
    assert twice(client, **SCREENS_IN_STOCK) == (2, ["ECR-24", "MON-22"])
    with transaction.atomic():
        stock_reserve(requests=[(products["ECR-24"].pk, 3)])  # 3 on hand, 3 reserved
    assert listing(client, **SEARCH_IN_STOCK) == (1, ["MON-22"])
    assert listing(client, **SCREENS_IN_STOCK) == (1, ["MON-22"])
    Product.objects.filter(reference="ECR-27").update(stock_on_hand=2)  # delivered
    assert listing(client, **SEARCH_IN_STOCK) == (2, ["ECR-27", "MON-22"])
    assert listing(client, **SCREENS_IN_STOCK) == (2, ["ECR-27", "MON-22"])
    # without the stock condition, each card says whether it is in stock
    html = client.get(reverse("catalogue"), SEARCH).content.decode()
    cards = dict(re.findall(r'product-ref">([^<]+)</p>.*?"stock stock-(in|out)"', html))
    assert cards == {"ECR-24": "out", "ECR-27": "in", "MON-22": "in"}


def test_a_product_withdrawn_from_sale_leaves_the_next_listing(client, products):
    assert twice(client, **SEARCH) == (3, ["ECR-24", "ECR-27", "MON-22"])
    assert twice(client, **SCREENS_IN_STOCK) == (2, ["ECR-24", "MON-22"])
    Product.objects.filter(reference="ECR-24").update(is_active=False)
    assert listing(client, **SEARCH) == (2, ["ECR-27", "MON-22"])
    assert listing(client, **SCREENS_IN_STOCK) == (1, ["MON-22"])


@pytest.mark.parametrize(
    ("params", "first", "again"),
    [
        # ranked ids of the matches, the page's rows with their stock (and the catalogue
        # version, in each rows query below), their cards; again: the page's rows
        (SEARCH, 3, 1),
        # ranked ids, the matches in stock among them, cards; again: those in stock
        (SEARCH_IN_STOCK, 3, 1),
        # count of the screens whatever their stock (few: their rows in stock are all
        # read), those rows, cards; again: the rows in stock
        (SCREENS_IN_STOCK, 3, 1),
        # count, page, cards; again: page
        ({"categorie": "reseau"}, 3, 1),
    ],
)
def test_a_kept_listing_costs_one_query(
    client, products, django_assert_num_queries, params, first, again
):
    client.get(reverse("catalogue"))  # warm the per-process caches (filter lists, …)
    with django_assert_num_queries(first):
        client.get(reverse("catalogue"), params)
    with django_assert_num_queries(again):
        client.get(reverse("catalogue"), params)


def test_another_page_or_spelling_of_a_search_reuses_its_ranked_ids(
    client, products, django_assert_num_queries
):
    client.get(reverse("catalogue"), SEARCH)
    # the page's rows, their cards: the matches are not ranked again
    with django_assert_num_queries(2):
        assert listing(client, q=" Écran") == (3, ["ECR-24", "ECR-27", "MON-22"])


def test_long_listings_in_stock_count_and_read_one_page(client, django_assert_num_queries):
    thresholds_terms(seller=SellerFactory())
    total = READ_WHOLE_LIST_UP_TO + 10
    Product.objects.bulk_create(
        Product(
            reference=f"P-{i:05d}",
            designation=f"Article {i}",
            price_ht=D("10.00"),
            vat_rate=D("20.00"),
            stock_on_hand=0 if i % 10 == 0 else 1,
        )
        for i in range(total)
    )
    # 1,010 products, one in ten (i = 0, 10, …, 1000: 101) without stock: 909 in stock,
    # 37 full pages of 24 (888) and 21 on page 38. Page 1: i = 1-9, 11-19, 21-26 (24).
    first_page = [f"P-{i:05d}" for i in range(1, 27) if i % 10]
    assert listing(client, en_stock="on") == (909, first_page)
    count, references = listing(client, en_stock="on", page=38)
    assert count == 909 and len(references) == 21 and references[-1] == f"P-{total - 1:05d}"
    # count in stock, the page with its stock (the rendered page is kept)
    with django_assert_num_queries(2):
        listing(client, en_stock="on", page=38)


def test_a_category_and_price_filter_reads_only_the_matching_rows(client):
    thresholds_terms(seller=SellerFactory())
    categories = [CategoryFactory(slug=f"rayon-{i}") for i in range(20)]
    Product.objects.bulk_create(
        Product(
            reference=f"P-{i:04d}",
            designation=f"Article {i}",
            category=categories[i % 20],
            price_ht=D(i % 500),
            vat_rate=D("20.00"),
            stock_on_hand=1,
        )
        for i in range(4000)
    )
    # rayon-3: i = 3, 23, …, 3983 (200), prices i % 500 = 3, 23, …, 483 (25 values, each
    # 8 times); from 100 to 200: 103, 123, …, 183 (5 values): 40 products.
    params = {"categorie": "rayon-3", "prix_min": "100", "prix_max": "200", "en_stock": "on"}
    assert listing(client, **params)[0] == 40
    with CaptureQueriesContext(connection) as captured:
        listing(client, **params)
    [rows_sql] = [q["sql"] for q in captured.captured_queries if '"shop_product"' in q["sql"]]
    # the category (and its sub-categories) by id: no join with the categories
    assert '"shop_product"."category_id" IN (' in rows_sql and "JOIN" not in rows_sql
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE shop_product")
        cursor.execute("EXPLAIN " + rows_sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # one index answers the category and the price range: only their rows are read
    assert re.search(
        r"Index Scan on product_category_price .*\n\s+Index Cond: \(\(category_id = .*\) AND "
        r"\(price_ht >= .*\) AND \(price_ht <= .*\)\)",
        plan,
    ), plan


def test_cards_come_in_the_listed_order_with_the_catalogue_version(products):
    """A page not kept yet reads its cards after its rows: in their order, without a
    product withdrawn in between, and with the version they were read under (the page is
    kept only when it is the version of its rows)."""
    ids = [products[reference].pk for reference in ("MON-22", "ECR-24", "RT-1")]
    Product.objects.filter(reference="RT-1").update(is_active=False)
    cards = product_cards(ids=ids)
    assert [card.reference for card in cards] == ["MON-22", "ECR-24"]
    assert {card.catalogue_version for card in cards} == {catalogue_version()}
