"""The floor each page is compared with: a bare Django view that renders the same rows from
one query with a minimal template, behind Django's standard middleware only.

Used only by `make bench`: its own urlconf (`bench.floor_urls`), its own template engine,
and a test client whose handler loads `FLOOR_MIDDLEWARE` instead of the shop's list. The
shop's pages and their floors are measured in the same process, against the same database,
alternately, so a busy machine slows both alike and the ratio stays meaningful.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F
from django.http import Http404, HttpResponse
from django.template import Context, Engine
from django.test import Client
from django.test.client import ClientHandler
from django.test.utils import override_settings
from django.urls import path

from shop.models import CartLine, Product

FLOOR_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]
FLOOR_URLCONF = "bench.floor_urls"

# Without `loaders`, Django wraps the filesystem loader in its cached loader.
_ENGINE = Engine(dirs=[str(Path(__file__).parent / "templates")])
_CENT = Decimal("0.01")


def _render(name: str, **context) -> HttpResponse:
    return HttpResponse(_ENGINE.get_template(name).render(Context(context)))


def _ttc(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * (1 + rate / 100)).quantize(_CENT, rounding=ROUND_HALF_UP)


def _cards(products) -> list[dict]:
    return [
        {
            "reference": p.reference,
            "designation": p.designation,
            "brand": p.brand.name if p.brand else "",
            "price_ht": p.price_ht,
            "price_ttc": _ttc(p.price_ht, p.vat_rate),
            "in_stock": p.stock_on_hand > p.stock_reserved,
        }
        for p in products
    ]


def _card_query():
    return (
        Product.objects.filter(is_active=True)
        .select_related("brand")
        .only(
            "reference",
            "designation",
            "price_ht",
            "vat_rate",
            "stock_on_hand",
            "stock_reserved",
            "brand__name",
        )
        .order_by("reference")
    )


def catalogue(request):
    """24 cards (or `par_page`), with the same filters the shop's catalogue reads."""
    products = _card_query()
    if request.GET.get("categorie"):
        products = products.filter(category__slug=request.GET["categorie"])
    if request.GET.get("en_stock"):
        products = products.filter(stock_on_hand__gt=F("stock_reserved"))
    if request.GET.get("prix_min"):
        products = products.filter(price_ht__gte=Decimal(request.GET["prix_min"]))
    if request.GET.get("prix_max"):
        products = products.filter(price_ht__lte=Decimal(request.GET["prix_max"]))
    if request.GET.get("q"):
        # Full text as plain as it gets: every word a prefix, ranked, one query.
        raw = " & ".join(f"{word}:*" for word in request.GET["q"].split())
        query = SearchQuery(raw, search_type="raw", config="french")
        products = (
            products.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "reference")
        )
    per_page = int(request.GET.get("par_page") or 24)
    start = (int(request.GET.get("page") or 1) - 1) * per_page
    return _render(
        "floor/cards.html", title="Catalogue", cards=_cards(products[start : start + per_page])
    )


def home(request):
    return _render("floor/cards.html", title="Accueil", cards=_cards(_card_query()[:12]))


def product(request, reference: str):
    found = (
        Product.objects.filter(is_active=True, reference=reference)
        .select_related("brand", "category")
        .first()
    )
    if found is None:
        raise Http404
    return _render(
        "floor/product.html",
        product=found,
        price_ttc=_ttc(found.price_ht, found.vat_rate),
    )


def cart(request):
    """The signed-in user's most recent cart, its lines with product and brand."""
    lines = list(
        CartLine.objects.filter(cart__user=request.user)
        .select_related("product", "product__brand")
        .order_by("-cart__touched_at", "-cart_id", "added_at", "id")
    )
    current = lines[0].cart_id if lines else None
    rows = []
    total = Decimal("0")
    for line in lines:
        if line.cart_id != current:
            break
        amount = (line.product.price_ht * line.quantity).quantize(_CENT)
        total += amount
        rows.append({"line": line, "product": line.product, "amount": amount})
    return _render("floor/cart.html", rows=rows, total=total)


urlpatterns = [
    path("", home),
    path("catalogue/", catalogue),
    path("produit/<str:reference>/", product),
    path("panier/", cart),
]


class _FloorHandler(ClientHandler):
    """A test-client handler with the standard middleware and the floor's urlconf."""

    def load_middleware(self, is_async=False):
        with override_settings(MIDDLEWARE=FLOOR_MIDDLEWARE):
            super().load_middleware(is_async)

    def get_response(self, request):
        request.urlconf = FLOOR_URLCONF
        return super().get_response(request)


class FloorClient(Client):
    def __init__(self, **defaults):
        super().__init__(**defaults)
        self.handler = _FloorHandler(enforce_csrf_checks=False)
