"""Catalogue pages, cart, quick order and quote requests through the web."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shop.models import Cart, CartLine, QuoteRequest
from shop.tests.factories import SellerFactory, grant_buying
from shop.tests.factories_catalogue import (
    BrandFactory,
    CategoryFactory,
    ProductFactory,
    QuantityTierFactory,
    thresholds_terms,
)

pytestmark = pytest.mark.django_db
D = Decimal


def assert_csp_friendly(html: str) -> None:
    assert not re.search(r"\sstyle\s*=", html)
    assert "<style" not in html
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes


@pytest.fixture
def seller():
    seller = SellerFactory()
    thresholds_terms(seller=seller)
    return seller


@pytest.fixture
def buyer(client, shop_buyer):
    client.force_login(shop_buyer)
    return shop_buyer


@pytest.fixture
def catalogue(seller):
    screens = CategoryFactory(name="Écrans", slug="ecrans")
    eizo = BrandFactory(name="Eizo")
    ProductFactory(
        reference="ECR-27-4K",
        designation='Écran 27" 4K IPS USB-C',
        brand=eizo,
        category=screens,
        price_ht=D("489.00"),
        stock_on_hand=4,
    )
    ProductFactory(
        reference="ECR-24-FHD",
        designation='Écran 24" Full HD',
        brand=BrandFactory(name="iiyama"),
        category=screens,
        price_ht=D("129.90"),
        stock_on_hand=0,
    )
    ProductFactory(
        reference="PC-PRO-14",
        designation="Ordinateur portable 14 pouces",
        brand=BrandFactory(name="Lenovo"),
        price_ht=D("1249.00"),
    )
    return {"screens": screens, "eizo": eizo}


def refs(response):
    return re.findall(r'<p class="product-ref">([^<]+)</p>', response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ecran", ["ECR-24-FHD", "ECR-27-4K"]),
        ("écrans", ["ECR-24-FHD", "ECR-27-4K"]),
        ("ordi", ["PC-PRO-14"]),
        ("PC-PRO", ["PC-PRO-14"]),
        ("pc-pro-14", ["PC-PRO-14"]),
        ("eizo", ["ECR-27-4K"]),
        ("lenovo portable", ["PC-PRO-14"]),
        ("imprimante", []),
    ],
)
def test_full_text_search(client, catalogue, query, expected):
    response = client.get(reverse("catalogue"), {"q": query})
    assert response.status_code == 200
    assert sorted(refs(response)) == expected


def test_filters(client, catalogue):
    url = reverse("catalogue")
    assert sorted(refs(client.get(url, {"categorie": "ecrans"}))) == ["ECR-24-FHD", "ECR-27-4K"]
    assert refs(client.get(url, {"marque": catalogue["eizo"].pk})) == ["ECR-27-4K"]
    in_stock = refs(client.get(url, {"en_stock": "on", "categorie": "ecrans"}))
    assert in_stock == ["ECR-27-4K"]
    assert refs(client.get(url, {"prix_min": "129,90", "prix_max": "489"})) == [
        "ECR-24-FHD",
        "ECR-27-4K",
    ]
    bad = client.get(url, {"prix_min": "abc"})
    assert "Saisissez un montant" in bad.content.decode()


@pytest.mark.parametrize(
    ("typed", "refused"),
    [
        ("999999999999,99", False),  # 12 digits before the comma: the column's largest
        ("1000000000000", True),  # 13 digits
        ("100000000000000000000000000", True),  # past the decimal context: was a 500
    ],
)
def test_a_price_filter_too_large_is_refused_on_its_field(client, catalogue, typed, refused):
    response = client.get(reverse("catalogue"), {"prix_min": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert ("12 chiffres avant la virgule au plus" in page) is refused
    assert typed in page  # what the person typed stays in the field


def test_list_shows_ht_and_ttc_in_french(client, catalogue):
    html = client.get(reverse("catalogue")).content.decode()
    # 489.00 x 1.20 = 586.80
    assert "489,00\u00a0€" in html and "586,80\u00a0€ TTC" in html
    assert_csp_friendly(html)


def test_anonymous_visitors_see_no_prices_when_the_seller_says_so(client, catalogue, seller):
    seller.show_prices_to_anonymous = False
    seller.save()
    html = client.get(reverse("catalogue")).content.decode()
    assert "489,00" not in html
    assert "Connectez-vous pour voir les prix" in html
    html = client.get(reverse("product_detail", args=["ECR-27-4K"])).content.decode()
    assert "489,00" not in html


def test_list_query_count_does_not_depend_on_page_size(client, seller):
    category = CategoryFactory()
    for i in range(100):
        ProductFactory(category=category, brand=BrandFactory(name=f"Marque {i % 7}"))
    client.get(reverse("catalogue"))  # the filter lists are cached from here on
    counts = []
    for per_page in (24, 96):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("catalogue"), {"par_page": per_page})
        assert len(refs(response)) == per_page
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("per_page", [24, 48, 96])
def test_list_and_search_run_a_fixed_number_of_queries(
    client, seller, per_page, django_assert_num_queries
):
    """Cards never read the description nor the search vector (the widest columns)."""
    for i in range(120):
        ProductFactory(designation=f"Câble réseau {i}", brand=BrandFactory(name=f"B{i % 5}"))
    client.get(reverse("catalogue"))  # warm the per-process caches (content types, …)
    # the page's ids and stock with the catalogue version (seller and terms in force
    # remembered under it, brands and categories and the count of all products kept under
    # it), its cards (the results of this page size are not kept yet)
    with django_assert_num_queries(2):
        response = client.get(reverse("catalogue"), {"par_page": per_page})
    assert len(refs(response)) == per_page
    # again: the page's ids and stock with the version (the rendered results are kept)
    with django_assert_num_queries(1):
        assert refs(client.get(reverse("catalogue"), {"par_page": per_page})) == refs(response)
    # the first search also ranks its matches (their ids, then kept)
    with django_assert_num_queries(3):
        response = client.get(reverse("catalogue"), {"par_page": per_page, "q": "cable"})
    assert len(refs(response)) == per_page
    with django_assert_num_queries(1):
        client.get(reverse("catalogue"), {"par_page": per_page, "q": "cable"})


def test_home_page_runs_one_query_and_cards_skip_the_wide_columns(
    client, seller, django_assert_num_queries
):
    for i in range(30):
        ProductFactory(designation=f"Écran {i}", description="Texte long. " * 200)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    # which products are shown with their stock (the cards' key), then their cards
    shown, cards = [q["sql"] for q in queries if 'FROM "shop_product"' in q["sql"]]
    assert '"shop_product"."designation"' not in shown.split(" FROM ")[0]
    assert '"shop_product"."designation"' in cards.split(" FROM ")[0]
    assert '"shop_product"."description"' not in cards
    assert '"shop_product"."search_vector"' not in cards
    # the products shown with the catalogue version (seller, terms, categories and the
    # cards kept under it)
    with django_assert_num_queries(1):
        again = client.get(reverse("home"))
    assert refs(again) == refs(response) and len(refs(again)) == 12


def test_product_page(client, catalogue):
    product = ProductFactory(
        reference="CAB-6", designation="Câble", price_ht=D("24.50"), pack_multiple=6
    )
    QuantityTierFactory(product=product, min_quantity=12, unit_price_ht=D("22.00"))
    html = client.get(reverse("product_detail", args=["CAB-6"])).content.decode()
    # 24.50 x 1.2 = 29.40; tier 22.00 x 1.2 = 26.40
    assert "24,50\u00a0€" in html and "29,40\u00a0€" in html and "26,40\u00a0€" in html
    assert "multiples de 6" in html
    assert "Connectez-vous pour commander" in html
    assert client.get(reverse("product_detail", args=["NOPE"])).status_code == 404


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "cart"), ("get", "quick_order"), ("post", "quote_request_create")],
)
def test_cart_requires_login(client, seller, method, name):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302 and "connexion" in response["Location"]


@pytest.fixture
def not_a_buyer(client, django_user_model):
    """Signed in, without `shop.buy_for_company` (an accountant, a user of no company)."""
    user = django_user_model.objects.create_user(email="compta@client.example", password="x" * 12)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "cart", {}),
        ("get", "quick_order", {}),
        ("post", "quick_order", {"lignes": "CAB-6;6"}),
        ("post", "quote_request_create", {"message": "Urgent"}),
        ("post", "cart_split", {}),
    ],
)
def test_users_who_may_not_buy_get_a_page_saying_who_may(
    client, not_a_buyer, seller, method, name, data
):
    ProductFactory(reference="CAB-6", pack_multiple=6)
    response = getattr(client, method)(reverse(name), data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Réservé aux acheteurs" in html
    assert "Demandez-le à un administrateur de votre entreprise" in html
    assert not CartLine.objects.exists() and not QuoteRequest.objects.exists()


def test_a_user_who_lost_the_right_to_buy_cannot_touch_an_old_cart(client, not_a_buyer, seller):
    product = ProductFactory(reference="CAB-6", pack_multiple=6)
    cart = Cart.objects.create(user=not_a_buyer)
    line = CartLine.objects.create(cart=cart, product=product, quantity=6)
    refused = [
        client.post(reverse("cart_add", args=["CAB-6"]), {"quantite": "6"}),
        client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "12"}),
        client.post(reverse("cart_line_delete", args=[line.pk])),
        client.post(reverse("cart_switch", args=[cart.pk])),
    ]
    assert [response.status_code for response in refused] == [403] * 4
    assert CartLine.objects.get().quantity == 6


def test_staff_without_the_permission_are_told_to_use_a_customer_account(
    client, seller, django_user_model
):
    staff = django_user_model.objects.create_user(
        email="ventes@vendeur.example", password="x" * 12, is_staff=True
    )
    client.force_login(staff)
    response = client.get(reverse("cart"))
    assert response.status_code == 403
    assert "un compte du personnel ne peut pas acheter" in response.content.decode()


def test_superusers_hold_every_permission_and_may_use_carts(client, seller, django_user_model):
    admin = django_user_model.objects.create_superuser(
        email="admin@vendeur.example", password="x" * 12
    )
    client.force_login(admin)
    assert client.get(reverse("cart")).status_code == 200


def test_buyers_reach_the_cart_and_quick_order(client, buyer, seller):
    assert client.get(reverse("cart")).status_code == 200
    assert client.get(reverse("quick_order")).status_code == 200


def test_product_page_offers_the_cart_only_to_those_who_may_buy(client, seller, django_user_model):
    ProductFactory(reference="CAB-6")
    url = reverse("product_detail", args=["CAB-6"])
    html = client.get(url).content.decode()
    assert "Connectez-vous pour commander" in html and "Commande rapide" in html

    client.force_login(
        django_user_model.objects.create_user(email="compta@client.example", password="x" * 12)
    )
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ajouter au panier" not in html and "Commande rapide" not in html
    assert "Seuls les acheteurs de votre entreprise peuvent commander" in html

    client.force_login(
        grant_buying(
            django_user_model.objects.create_user(email="achat@client.example", password="x" * 12)
        )
    )
    html = client.get(url).content.decode()
    assert "Ajouter au panier" in html and "Commande rapide" in html
    assert "Seuls les acheteurs" not in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "au moins 1"),
        ("-2", "négative"),
        ("1,5", "n&#x27;est pas un nombre entier"),
        ("4", "multiples de 6"),
    ],
)
def test_add_to_cart_bad_quantity_keeps_what_was_typed(client, buyer, seller, typed, message):
    ProductFactory(reference="CAB-6", pack_multiple=6)
    response = client.post(reverse("cart_add", args=["CAB-6"]), {"quantite": typed})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    assert f'value="{typed}"' in html
    assert 'aria-invalid="true"' in html
    assert not CartLine.objects.exists()


def test_order_separately_offers_a_separate_cart(client, buyer, seller):
    ProductFactory(reference="SOURIS")
    ProductFactory(reference="BUREAU", order_separately=True)
    client.post(reverse("cart_add", args=["SOURIS"]), {"quantite": "1"})
    response = client.post(reverse("cart_add", args=["BUREAU"]), {"quantite": "1"})
    assert response.status_code == 422
    assert "Mettre dans un panier séparé" in response.content.decode()
    response = client.post(
        reverse("cart_add", args=["BUREAU"]), {"quantite": "1", "separement": "1"}
    )
    assert response.status_code == 302
    html = client.get(reverse("cart")).content.decode()
    assert "BUREAU" in html and "Vos autres paniers" in html
    assert Cart.objects.filter(user=buyer).count() == 2


def test_cart_page_totals_tiers_and_shipping(client, buyer, seller):
    product = ProductFactory(reference="ECR-24", price_ht=D("76.00"))
    QuantityTierFactory(product=product, min_quantity=5, unit_price_ht=D("70.00"))
    client.post(reverse("cart_add", args=["ECR-24"]), {"quantite": "1"})
    html = client.get(reverse("cart")).content.decode()
    # 76.00 + 15.00 shipping = 91.00 HT; VAT 18.20; TTC 109.20
    assert re.search(r'id="shipping-ht">15,00\u00a0€', html)
    assert re.search(r'id="total-ttc">109,20\u00a0€', html)
    assert "À partir de 5 : 70,00\u00a0€ HT" in html
    assert "ramenés à 10,00\u00a0€ HT à partir de 152,00\u00a0€" in html
    assert_csp_friendly(html)
    line = CartLine.objects.get()
    response = client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "deux"})
    assert response.status_code == 422
    assert 'value="deux"' in response.content.decode()
    client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "7"})
    html = client.get(reverse("cart")).content.decode()
    # 7 x 70.00 = 490.00 >= 457.00: shipping free; TTC 588.00
    assert re.search(r'id="shipping-ht">offerts', html)
    assert re.search(r'id="total-ttc">588,00\u00a0€', html)
    assert "Prix par quantité atteint" in html


def test_cart_query_count_does_not_grow_with_lines(client, buyer, seller):
    cart = Cart.objects.create(user=buyer)
    counts = []
    for size in (5, 40):
        CartLine.objects.filter(cart=cart).delete()
        for _ in range(size):
            product = ProductFactory()
            QuantityTierFactory(product=product)
            CartLine.objects.create(cart=cart, product=product, quantity=1)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("cart")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_quick_order_page(client, buyer, seller):
    ProductFactory(reference="PC-PRO-14")
    ProductFactory(reference="CAB-6", pack_multiple=6)
    response = client.post(reverse("quick_order"), {"lignes": "PC-PRO-14;2\nINCONNU;1\nCAB-6;4"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Référence inconnue : « INCONNU »" in html
    assert "multiples de 6" in html
    # The refused lines are back in the text area, to be corrected.
    textarea = html[html.index("<textarea") : html.index("</textarea>")]
    assert "INCONNU;1" in textarea and "CAB-6;4" in textarea and "PC-PRO-14" not in textarea
    assert CartLine.objects.get().quantity == 2
    response = client.post(reverse("quick_order"), {"lignes": "CAB-6;6"})
    assert response.status_code == 302 and response["Location"] == reverse("cart")


def test_quick_order_csv_upload_in_windows_1252(client, buyer, seller):
    ProductFactory(reference="ÉCRAN-27")
    upload = SimpleUploadedFile(
        "commande.csv", "référence;quantité\r\nÉCRAN-27;3\r\n".encode("cp1252")
    )
    response = client.post(reverse("quick_order"), {"fichier": upload})
    assert response.status_code == 302
    assert CartLine.objects.get().quantity == 3


def test_quick_order_reads_excel_unicode_text(client, buyer, seller):
    """Excel's "Unicode text" export: UTF-16 LE with a BOM, tab-separated."""
    ProductFactory(reference="ÉCRAN-27")
    content = "\ufeffRéférence\tQuantité\r\nÉCRAN-27\t4\r\n".encode("utf-16-le")
    assert content.startswith(b"\xff\xfe")
    response = client.post(
        reverse("quick_order"), {"fichier": SimpleUploadedFile("commande.txt", content)}
    )
    assert response.status_code == 302
    assert CartLine.objects.get().quantity == 4


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"PC-PRO-14;2\r\n\x81\x8d;1\r\n", id="bytes-cp1252-does-not-define"),
        pytest.param(b"PC-PRO-14\x00;2\r\n", id="nul-byte"),
        pytest.param("PC-PRO-14;2".encode("utf-16-le"), id="utf-16-without-bom"),
        pytest.param(b"\xff\xfe\x00\xd8", id="broken-utf-16"),
    ],
)
def test_quick_order_file_that_is_not_text_gets_a_field_message(client, buyer, seller, content):
    ProductFactory(reference="PC-PRO-14")
    response = client.post(
        reverse("quick_order"),
        {"lignes": "PC-PRO-14;1", "fichier": SimpleUploadedFile("commande.csv", content)},
    )
    assert response.status_code == 422
    html = response.content.decode()
    error = html[html.index('class="field-error"') :]
    assert error.startswith('class="field-error">Ce fichier n&#x27;est pas un fichier texte CSV.')
    # Nothing is added from a file that could not be read, and what was typed is kept.
    assert not CartLine.objects.exists()
    assert "PC-PRO-14;1</textarea>" in html


def test_quick_order_empty_form(client, buyer, seller):
    response = client.post(reverse("quick_order"), {"lignes": "  "})
    assert response.status_code == 200
    assert "Collez des lignes" in response.content.decode()


def test_quote_request_from_the_cart(client, buyer, seller):
    """The request is followed in "Mes devis" (orders, the company's page); it keeps the
    cart's lines and its estimate, eco-tax included like the cart's total."""
    ProductFactory(reference="PC-PRO-14", price_ht=D("1249.00"), eco_tax_ht=D("2.50"))
    client.post(reverse("cart_add", args=["PC-PRO-14"]), {"quantite": "2"})
    cart_page = client.get(reverse("cart")).content.decode()
    # 2 x 1 249.00 = 2 498.00 goods, eco-tax 2 x 2.50 = 5.00, free shipping from 457.00.
    assert 'id="total-ht">2 503,00 €' in cart_page
    response = client.post(reverse("quote_request_create"), {"message": "Urgent"})
    request = QuoteRequest.objects.get()
    assert response["Location"] == reverse("orders:quote_request_detail", args=[request.pk])
    assert (request.goods_ht, request.total_ht) == (D("2498.00"), D("2503.00"))
    assert {extra["kind"]: extra["amount_ht"] for extra in request.extras} == {
        "eco_tax": "5.00",
        "shipping": "0.00",
    }
    assert request.lines.get().quantity == 2
    assert not CartLine.objects.exists()


def test_other_users_lines_are_out_of_reach(client, buyer, seller, django_user_model):
    other = django_user_model.objects.create_user(email="autre@x.example", password="x" * 12)
    line = CartLine.objects.create(
        cart=Cart.objects.create(user=other), product=ProductFactory(), quantity=1
    )
    assert (
        client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "3"}).status_code
        == 404
    )
    assert client.post(reverse("cart_line_delete", args=[line.pk])).status_code == 404
    assert CartLine.objects.filter(pk=line.pk, quantity=1).exists()
    assert client.post(reverse("cart_switch", args=[line.cart_id])).status_code == 404


def test_home_lists_categories_and_products(client, catalogue):
    html = client.get(reverse("home")).content.decode()
    assert "Écrans" in html and "ECR-27-4K" in html
    # 489.00 HT at 20 % for a domestic visitor: 489.00 x 1.20 = 586.80 TTC.
    assert "489,00\u00a0€" in html and "586,80\u00a0€ TTC" in html
    assert_csp_friendly(html)
