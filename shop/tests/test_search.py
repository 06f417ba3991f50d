"""Catalogue search: description words, synonyms, and a cost that follows the matches."""

import json
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import Brand, Product
from shop.search import search_groups, search_query_text, search_terms
from shop.selectors import CatalogueFilters, product_search_ids
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import (
    BrandFactory,
    CategoryFactory,
    ProductFactory,
    thresholds_terms,
)


def ranked(q: str) -> list[str]:
    """The references a search lists, in its order."""
    ids = product_search_ids(filters=CatalogueFilters(q=q))
    references = dict(Product.objects.filter(pk__in=ids).values_list("pk", "reference"))
    return [references[pk] for pk in ids]


def found(q: str) -> list[str]:
    return sorted(ranked(q))


# --- the query text (no database) -------------------------------------------------------------


def test_words_are_folded_and_capped():
    assert search_terms('  Écran 27" ÇA  ') == ["ecran", "27", "ca"]
    assert len(search_terms(" ".join(["mot"] * 30))) == 12


def test_a_word_of_a_synonym_group_searches_the_whole_group():
    assert search_query_text(["ecran", "27"]) == "(ecran:* | moniteur:* | monitor:*) & 27:*"
    assert search_query_text(["cable"]) == "(cable:* | cordon:*)"  # câble and cable fold alike


def test_phrases_are_matched_before_their_words():
    groups = search_groups(["ordinateur", "portable", "lenovo"])
    assert groups[0] == (("portable",), ("ordinateur", "portable"), ("laptop",), ("notebook",))
    assert groups[1] == (("lenovo",),)
    assert search_query_text(["station", "de", "travail"]) == (
        "(station:* & de:* & travail:* | workstation:*)"
    )
    # "station" alone is no synonym: it stays a plain word.
    assert search_query_text(["station"]) == "station:*"


# --- what the search finds --------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("designation", "typed"),
    [
        ("Commutateur 24 ports PoE", "switch"),
        ("Switch 8 ports manageable", "commutateur"),
        ('Écran 27" 4K', "moniteur"),
        ('Moniteur 24" Full HD', "écran"),
        ('Portable 14" Core Ultra 7', "laptop"),
        ('Laptop 16" Ryzen 9', "ordinateur portable"),
        ('Laptop 13" Core i5', "portable"),
        ("Imprimante laser couleur A4", "printer"),
        ("Printer jet d'encre A3", "imprimante"),
        ("Disque SSD NVMe 2 To", "stockage"),
        ("SSD SATA 1 To", "disque"),
        ("Baie de stockage 12 disques", "ssd"),
        ("Serveur rack 1U", "server"),
        ("Server tour 2 sockets", "serveur"),
    ],
)
def test_each_synonym_finds_the_product(designation, typed):
    ProductFactory(reference="CIBLE-1", designation=designation)
    ProductFactory(reference="AUTRE-1", designation="Chaise de bureau ergonomique")
    assert found(typed) == ["CIBLE-1"]


@pytest.mark.django_db
def test_words_of_the_description_find_the_product_after_the_words_of_its_name():
    ProductFactory(
        reference="DOCK-1",
        designation="Station d'accueil USB-C",
        description="Alimente l'ordinateur en 100 W et pilote deux moniteurs 4K à 60 Hz.",
    )
    ProductFactory(reference="ECR-1", designation="Moniteur 27 pouces")
    ProductFactory(reference="SOURIS-1", designation="Souris sans fil", description="Silencieuse.")
    assert found("alimente") == ["DOCK-1"]
    assert found("silencieuses") == ["SOURIS-1"]  # stemmed in French
    assert ranked("moniteur") == ["ECR-1", "DOCK-1"]  # the name weighs more than the description


@pytest.mark.django_db
def test_editing_the_description_updates_the_search():
    product = ProductFactory(reference="X-1", designation="Hub", description="quatre ports")
    assert found("quatre") == ["X-1"]
    product.description = "sept ports"
    product.save()
    assert found("quatre") == [] and found("sept") == ["X-1"]


# --- what the search costs --------------------------------------------------------------------


@pytest.fixture
def many_products(db):
    """2,000 products on sale, 50 of them screens."""
    thresholds_terms(seller=SellerFactory())
    brand = BrandFactory()
    Product.objects.bulk_create(
        Product(
            reference=f"P-{i:04d}",
            designation=f"Écran {i}" if i % 40 == 0 else f"Clavier {i}",
            description="Garantie trois ans." if i % 5 == 0 else "",
            brand=brand,
            price_ht=D("10.00"),
            vat_rate=D("20.00"),
        )
        for i in range(2000)
    )


def _product_queries(client, params):
    """The product queries of a catalogue request, once the process has served the
    catalogue's current version (the first page after a change is read again under the
    version it reads)."""
    client.get(reverse("catalogue"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("catalogue"), params)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries if 'FROM "shop_product"' in q["sql"]]


def _explain(sql: str) -> tuple[str, dict]:
    """The plan of `sql` as text (node names) and as JSON, run for real."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
        raw = cursor.fetchone()[0]
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    return json.dumps(plan), plan


def _nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", ()):
        yield from _nodes(child)


@pytest.mark.django_db
def test_query_count_is_the_same_on_every_page(client, many_products):
    # 50 screens: pages 1, 2 and 3 of 24.
    counts = {page: len(_product_queries(client, {"q": "ecran", "page": page})) for page in (1, 3)}
    # page 1: the ranked ids of the matches, the stock of the page's rows, their cards;
    # page 3: the stock and the cards (the ranked ids are kept)
    assert counts == {1: 3, 3: 2}
    # again: the stock of the page's rows only (the ids and the rendered cards are kept)
    counts = {page: len(_product_queries(client, {"q": "ecran", "page": page})) for page in (1, 3)}
    assert counts == {1: 1, 3: 1}
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("catalogue"), {"q": "ecran", "page": 1})
    with CaptureQueriesContext(connection) as third:
        html = client.get(reverse("catalogue"), {"q": "ecran", "page": 3}).content.decode()
    assert len(first) == len(third)
    assert len(re.findall(r'<p class="product-ref">', html)) == 2  # 24 + 24 + 2


def _where(sql: str) -> str:
    """The conditions on products."""
    return sql.split(' WHERE ("shop_product"."is_active"', 1)[1].split(" ORDER BY ")[0]


@pytest.mark.django_db
def test_search_reads_the_indexes_and_ranks_only_the_matches(client, many_products):
    ids_sql, stock_sql, cards_sql = _product_queries(client, {"q": "ecran", "page": 2})
    # The matches are ranked once, reading their ids only; the page's rows are then read
    # by primary key, ranked no more.
    assert ids_sql.startswith('SELECT "shop_product"."id" AS "pk" FROM "shop_product" WHERE')
    assert "ts_rank" in ids_sql.split(" ORDER BY ")[1]
    for sql in (stock_sql, cards_sql):
        assert "ts_rank" not in sql and "to_tsquery" not in sql
        assert _where(sql).startswith(' AND "shop_product"."id" IN (')
    # Could an index answer the search alone? A small table may be read whole by choice,
    # and `is_active` has indexes of its own: ask for the search conditions only, with
    # sequential scans forbidden. The reference condition used not to be indexable, so
    # every search read every product.
    search = _where(ids_sql).removeprefix(" AND ").removesuffix(")")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE shop_product")
        cursor.execute("SET LOCAL enable_seqscan = off")
    text, plan = _explain(f'SELECT 1 FROM "shop_product" WHERE {search}')
    assert "product_search_gin" in text and "product_reference_upper_like" in text
    scans = {n["Node Type"] for n in _nodes(plan) if n.get("Relation Name") == "shop_product"}
    assert scans == {"Bitmap Heap Scan"}
    _, plan = _explain(ids_sql)
    sort = next(n for n in _nodes(plan) if n["Node Type"] == "Sort")
    assert "ts_rank" in " ".join(sort["Sort Key"])
    # 50 of the 2,000 products match: 50 rows are ranked, whatever the page.
    assert sum(n["Actual Rows"] for n in sort["Plans"]) == 50


@pytest.mark.django_db
def test_the_search_index_has_no_pending_list():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'product_search_gin'")
        assert cursor.fetchone()[0] == ["fastupdate=off"]


@pytest.mark.django_db
def test_cards_do_not_fetch_descriptions_or_search_vectors(client, many_products):
    ids_sql, stock_sql, cards_sql = _product_queries(client, {"q": "ecran"})

    def columns(sql: str) -> list[str]:
        return re.findall(r'(?:SELECT |, )"shop_product"\."(\w+)"', sql.split(" FROM ")[0])

    assert columns(ids_sql) == ["id"]
    assert columns(stock_sql) == ["id", "stock_on_hand", "stock_reserved"]
    assert "designation" in columns(cards_sql) and "price_ht" in columns(cards_sql)
    assert not {"description", "search_vector", "specifications"} & set(columns(cards_sql))


# --- filter lists -----------------------------------------------------------------------------


def _brand_options(client) -> list[str]:
    html = client.get(reverse("catalogue")).content.decode()
    select = html.split('id="id_marque"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select)


@pytest.mark.django_db
def test_filter_lists_come_from_the_cache_until_a_brand_or_category_changes(client):
    thresholds_terms(seller=SellerFactory())
    BrandFactory(name="Dell")
    assert _brand_options(client) == ["Dell"]
    with CaptureQueriesContext(connection) as captured:
        assert _brand_options(client) == ["Dell"]
    tables = " ".join(q["sql"] for q in captured.captured_queries)
    assert '"shop_brand"' not in tables and '"shop_category"' not in tables

    lenovo = BrandFactory(name="Lenovo")  # a trigger stamps a new catalogue version
    assert _brand_options(client) == ["Dell", "Lenovo"]
    Brand.objects.filter(pk=lenovo.pk).update(name="Lenovo Pro")  # bulk updates too
    assert _brand_options(client) == ["Dell", "Lenovo Pro"]
    lenovo.delete()
    assert _brand_options(client) == ["Dell"]


@pytest.mark.django_db
def test_a_new_category_shows_at_once(client):
    thresholds_terms(seller=SellerFactory())
    client.get(reverse("catalogue"))
    CategoryFactory(name="Onduleurs", slug="onduleurs")
    assert (
        '<option value="onduleurs">Onduleurs</option>'
        in client.get(reverse("catalogue")).content.decode()
    )


@pytest.mark.django_db
def test_filter_options_are_escaped_and_show_the_choice(client):
    thresholds_terms(seller=SellerFactory())
    odd = BrandFactory(name="A&B <Pro>")
    parent = CategoryFactory(name="Réseau", slug="reseau")
    CategoryFactory(name="Switchs", slug="switchs", parent=parent)
    html = client.get(reverse("catalogue"), {"marque": odd.pk, "categorie": "switchs"})
    html = html.content.decode()
    assert f'<option value="{odd.pk}" selected>A&amp;B &lt;Pro&gt;</option>' in html
    assert '<option value="reseau">Réseau</option>' in html
    assert '<option value="switchs" selected>— Switchs</option>' in html


@pytest.mark.django_db
def test_products_named_with_the_typed_word_come_before_those_found_by_a_synonym():
    ProductFactory(reference="A-MONITEUR", designation="Moniteur 27 pouces")
    ProductFactory(reference="B-ECRAN", designation="Écran 27 pouces")
    ProductFactory(reference="C-DOCK", designation="Dock", description="Deux moniteurs.")
    assert ranked("écran") == ["B-ECRAN", "A-MONITEUR", "C-DOCK"]
    by_moniteur = ranked("moniteur")
    assert by_moniteur[:2] == ["A-MONITEUR", "C-DOCK"] and by_moniteur[2] == "B-ECRAN"
