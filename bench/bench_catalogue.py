"""The pages on 20,000 products, each against its floor (bench/floor.py): home, catalogue
(plain, 96 per page, filtered), product page, carts of 20 and 50 lines; search; and the
pricing engine on 200 and 400 lines (its cost must grow linearly with the lines)."""

from __future__ import annotations

import os
import random
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from accounts.models import Company, CompanyCountry, Membership, Role, User
from bench.floor import FloorClient
from bench.harness import measure, measure_against_floor
from demo.seller import demo_identity_complete
from shop.models import Brand, Cart, CartLine, Category, Product, QuantityTier
from shop.selectors import seller_get_current, terms_in_force
from shop.services.cart import cart_price
from shop.services.presets import seller_preset_load
from shop.services.pricing import LineInput, Tier, document_price
from shop.services.tax import BuyerTaxProfile

PRODUCTS = 20_000
WORDS = [
    "Écran",
    "Ordinateur portable",
    "Station de travail",
    "Serveur rack",
    "Commutateur",
    "Câble réseau",
    "Onduleur",
    "Disque SSD",
    "Clavier",
    "Souris",
    "Imprimante laser",
    "Station d'accueil",
]
SIZES = ["14 pouces", "24 pouces", "27 pouces", "1 To", "2 To", "16 ports", "48 ports", "1500 VA"]


def _catalogue() -> None:
    rng = random.Random(5)
    categories = [
        Category.objects.create(name=f"Catégorie {i}", slug=f"categorie-{i}", position=i)
        for i in range(20)
    ]
    brands = [Brand.objects.create(name=f"Marque {i}") for i in range(150)]
    products = []
    for i in range(PRODUCTS):
        word = WORDS[i % len(WORDS)]
        products.append(
            Product(
                reference=f"BENCH-{i:05d}",
                designation=f"{word} {SIZES[i % len(SIZES)]} modèle {i}",
                category=categories[i % len(categories)],
                brand=brands[i % len(brands)],
                price_ht=Decimal(rng.randint(100, 500_000)) / 100,
                vat_rate=Decimal("20.00"),
                stock_on_hand=rng.randint(0, 50),
            )
        )
    Product.objects.bulk_create(products, batch_size=2000)
    ids = list(Product.objects.order_by("id").values_list("id", flat=True)[: PRODUCTS // 4])
    QuantityTier.objects.bulk_create(
        [QuantityTier(product_id=pk, min_quantity=10, unit_price_ht=Decimal("1.00")) for pk in ids],
        batch_size=2000,
    )


def _lines(n: int) -> list[LineInput]:
    return [
        LineInput(
            reference=f"L{i}",
            designation="ligne",
            quantity=i % 17 + 1,
            list_price_ht=Decimal(f"{i % 900 + 1}.{i % 100:02d}"),
            vat_rate=(Decimal("20.00"), Decimal("5.50"), Decimal("10.00"))[i % 3],
            tiers=(Tier(10, Decimal("1.00")), Tier(50, Decimal("0.90"))),
            eco_tax_ht=Decimal("0.42") if i % 5 == 0 else Decimal("0"),
        )
        for i in range(n)
    ]


def _get(client, url: str, params: dict | None = None):
    """A request that must answer 200 (a benchmark of an error page would measure nothing)."""

    def call():
        response = client.get(url, params or {})
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def _buyer_with_cart(email: str, *, lines: int, company):
    """A buyer of `company` whose only cart holds `lines` products, and its signed-in
    clients: the shop's and the floor's (the same session)."""
    user = User.objects.create_user(email=email, password="bench-password-1")
    Membership.objects.create(user=user, company=company, roles=[Role.BUYER])
    cart = Cart.objects.create(user=user)
    ids = Product.objects.order_by("?").values_list("id", flat=True)[:lines]
    CartLine.objects.bulk_create(
        [CartLine(cart=cart, product_id=pk, quantity=(i % 5) + 1) for i, pk in enumerate(ids)]
    )
    shop, floor = Client(), FloorClient()
    shop.force_login(user)
    floor.cookies = shop.cookies
    return shop, floor


def run():
    seller_preset_load(code="004", complete=demo_identity_complete)
    _catalogue()
    anonymous, anonymous_floor = Client(), FloorClient()
    company = Company.objects.create(
        legal_name="BENCH CLIENT",
        legal_form="SAS",
        country=CompanyCountry.FRANCE,
        siren="303265045",
        siret="30326504500011",
        billing_line1="1 rue du Banc",
        billing_postal_code="69002",
        billing_city="Lyon",
        billing_country="FR",
    )
    cart_20, cart_20_floor = _buyer_with_cart("bench20@client.example", lines=20, company=company)
    cart_50, cart_50_floor = _buyer_with_cart("bench50@client.example", lines=50, company=company)
    # The 200-line cart priced below belongs to a user of its own, so that it never becomes
    # the current cart of the buyers whose cart pages are measured.
    big_cart = Cart.objects.create(
        user=User.objects.create_user(email="bench200@client.example", password="x" * 12)
    )
    CartLine.objects.bulk_create(
        [
            CartLine(cart=big_cart, product_id=pk, quantity=(i % 5) + 1)
            for i, pk in enumerate(Product.objects.values_list("id", flat=True)[:200])
        ]
    )
    seller = seller_get_current()
    terms = terms_in_force(seller=seller, on=timezone.localdate())
    profile = BuyerTaxProfile(country="FR")
    lines_200, lines_400 = _lines(200), _lines(400)
    filters = {
        "categorie": "categorie-3",
        "en_stock": "on",
        "prix_min": "100",
        "prix_max": "2000",
    }
    pages = [
        ("GET / (home page)", "/", None, anonymous, anonymous_floor),
        ("GET /catalogue/ (24 per page)", "/catalogue/", None, anonymous, anonymous_floor),
        (
            "GET /catalogue/?par_page=96",
            "/catalogue/",
            {"par_page": 96},
            anonymous,
            anonymous_floor,
        ),
        (
            "GET /catalogue/ filters (category, stock, price)",
            "/catalogue/",
            filters,
            anonymous,
            anonymous_floor,
        ),
        (
            "GET /produit/BENCH-00042/ (product page)",
            "/produit/BENCH-00042/",
            None,
            anonymous,
            anonymous_floor,
        ),
        (
            "GET /catalogue/?q=ecran (full text, 1,667 matches)",
            "/catalogue/",
            {"q": "ecran"},
            anonymous,
            anonymous_floor,
        ),
        (
            "GET /catalogue/?q=ecran&page=20",
            "/catalogue/",
            {"q": "ecran", "page": 20},
            anonymous,
            anonymous_floor,
        ),
        ("GET /panier/ (20 lines, a buyer)", "/panier/", None, cart_20, cart_20_floor),
        ("GET /panier/ (50 lines, a buyer)", "/panier/", None, cart_50, cart_50_floor),
    ]
    # BENCH_PAGES="panier,produit" measures only the pages whose name holds one of the words.
    wanted = [word for word in os.environ.get("BENCH_PAGES", "").split(",") if word]
    results = [
        measure_against_floor(name, _get(shop, url, params), _get(floor, url, params))
        for name, url, params, shop, floor in pages
        if not wanted or any(word in name for word in wanted)
    ]
    if wanted:
        return results
    return [
        *results,
        measure(
            "GET /catalogue/?q=ecran 27 (full text)",
            _get(anonymous, "/catalogue/", {"q": "ecran 27"}),
        ),
        measure(
            "GET /catalogue/?q=BENCH-0123 (reference prefix)",
            _get(anonymous, "/catalogue/", {"q": "BENCH-0123"}),
        ),
        measure(
            "cart_price, 200 lines from the database",
            lambda: cart_price(cart=big_cart, seller=seller, terms=terms, buyer=profile),
        ),
        measure("document_price, 200 lines", lambda: document_price(lines=lines_200), runs=100),
        measure("document_price, 400 lines", lambda: document_price(lines=lines_400), runs=100),
    ]
