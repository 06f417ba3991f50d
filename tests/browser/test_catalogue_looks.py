"""The demo catalogue as a buyer sees it, on a desktop and on a 390 px phone, in French and
in English: the catalogue with pictures, a product page with its picture and specifications
table, and the cart, which fits the phone with its totals in view."""

import pytest
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from accounts.models import Role
from accounts.tests.factories import MembershipFactory, UserFactory
from demo.services import demo_catalogue_load
from shop.models import Product
from shop.services.cart import cart_line_add
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": DESKTOP, "phone": PHONE}
LANGUAGES = {"fr": "/", "en": "/en/"}


@pytest.fixture
def demo_shop():
    call_command("load_seller_preset", "004")
    demo_catalogue_load(country="FR")
    return MembershipFactory(
        user=UserFactory(email="acheteur@client.example"), roles=[Role.BUYER]
    ).user


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def pictures_loaded(page, selector: str) -> int:
    """How many of the pictures matched by `selector` are decoded and drawn."""
    return page.evaluate(
        f"[...document.querySelectorAll({selector!r})]"
        ".filter(i => i.complete && i.naturalWidth === 480).length"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", SIZES)
def test_catalogue_and_product_page(page, live_server, demo_shop, size, language):
    page.set_viewport_size(SIZES[size])
    prefix = LANGUAGES[language]

    page.goto(f"{prefix}catalogue/?q=commutateur")
    page.wait_for_load_state("networkidle")
    cards = page.locator(".product-card")
    expect(cards.first).to_be_visible()
    # The synonym finds the switches named "Switch …" too.
    titles = " ".join(cards.locator("h3").all_inner_texts())
    assert "Commutateur Cisco Catalyst 1300" in titles and "Switch Netgear" in titles
    assert pictures_loaded(page, ".product-card img") >= 3  # the first row, at least
    assert page_width(page) <= SIZES[size]["width"]
    page.screenshot(path=f"/tmp/catalogue_search_{size}_{language}.png")

    page.goto(f"{prefix}produit/LEN-T14G5-U7-32-1T/")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("Lenovo ThinkPad T14 Gen 5")
    assert pictures_loaded(page, ".product-images img") == 1
    table = page.locator("table.specifications")
    expect(table.locator("caption")).to_have_text(
        {"fr": "Caractéristiques techniques", "en": "Technical specifications"}[language]
    )
    expect(table.locator("tr", has_text="Processeur")).to_contain_text("Core Ultra 7 155U")
    expect(table.locator("tr", has_text="Mémoire")).to_contain_text("32 Go")
    assert page_width(page) <= SIZES[size]["width"]
    page.screenshot(path=f"/tmp/product_page_{size}_{language}.png", full_page=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cart_fits_a_phone_with_its_totals_and_warnings(page, live_server, demo_shop, language):
    for reference, quantity in (
        ("LEN-T14G5-U7-32-1T", 3),
        ("DEL-U27-2723QE", 2),
        ("CAB-RJ45-3M", 10),
        ("HP-TONER-149X", 1),
    ):
        cart_line_add(
            user=demo_shop, product=Product.objects.get(reference=reference), quantity=quantity
        )
    Product.objects.filter(reference="DEL-U27-2723QE").update(stock_on_hand=1, stock_reserved=0)
    sign_in(page, live_server, demo_shop)
    page.set_viewport_size(PHONE)

    page.goto(f"{LANGUAGES[language]}panier/")
    assert page_width(page) <= PHONE["width"]
    for total in ("#goods-ht", "#total-ht", "#total-ttc"):
        box = page.locator(total).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    page.locator("#total-ttc").scroll_into_view_if_needed()
    expect(page.locator("#total-ttc")).to_be_in_viewport()
    warning = page.locator(".stock-warning")
    expect(warning).to_have_count(1)
    expect(warning).to_have_text(
        {
            "fr": "En stock : 1 ; 1 unité sera livrée en reliquat, dès réception.",
            "en": "In stock: 1; 1 unit will be backordered and delivered on arrival.",
        }[language]
    )
    page.screenshot(path=f"/tmp/cart_phone_{language}.png", full_page=True)


def test_on_a_phone_the_products_come_before_the_filters(page, live_server, demo_shop):
    page.set_viewport_size(PHONE)
    page.goto("/catalogue/")
    filters = page.locator("form.catalogue-filters")
    expect(filters).to_be_hidden()
    expect(page.locator(".product-card").first).to_be_in_viewport()
    page.get_by_text("Filtres", exact=True).click()
    expect(filters).to_be_visible()
    page.locator("#id_categorie").select_option("ecrans")
    page.get_by_role("button", name="Filtrer").click()
    # A filter in use: the panel stays open to show it.
    expect(page.locator("#id_categorie")).to_have_value("ecrans")
    expect(filters).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    page.screenshot(path="/tmp/catalogue_phone_filters.png")

    page.set_viewport_size(DESKTOP)
    page.goto("/catalogue/")
    expect(filters).to_be_visible()
    expect(page.get_by_text("Filtres", exact=True)).to_be_hidden()
