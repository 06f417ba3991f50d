"""The header, language switch and toolbar are kept rendered under what they show (the
seller under the layout key, the language, the address, who is signed in and whether they
may buy: `{% keep %}` in base.html and shop/_toolbar.html): what changed shows on the very
next request, each reader gets their own CSRF token, and pages read the catalogue version
with their rows (one query for a visitor)."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from accounts.tests.factories import CompanyFactory, admin_of
from core.fragments import CSRF_PLACEHOLDER
from shop.models import Seller
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms

pytestmark = pytest.mark.django_db

PAGES = ["/", "/catalogue/", "/produit/ECR-24/"]


@pytest.fixture
def product():
    thresholds_terms(seller=SellerFactory(trade_name="INNELEC", show_prices_to_anonymous=True))
    return ProductFactory(
        reference="ECR-24", designation="Écran 24 pouces", price_ht=Decimal("100.00")
    )


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S)[0]


def toolbar(html: str) -> str:
    return re.search(r'<div class="shop-toolbar">.*?</div>', html, re.S)[0]


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', html)[1]


@pytest.mark.parametrize("path", PAGES)
def test_signing_in_and_out_shows_on_the_next_request(client, product, path):
    user = admin_of(CompanyFactory(approved=True), email="camille@client.example")
    for _ in range(2):  # the second from what was kept
        assert "Se connecter" in header(get(client, path))
    client.force_login(user)
    signed_in = header(get(client, path))
    assert "camille@client.example" in signed_in and "Se déconnecter" in signed_in
    assert "Mon entreprise" in signed_in and "Se connecter" not in signed_in
    assert "Commande rapide" in toolbar(get(client, path))  # an administrator who buys
    client.logout()
    signed_out = header(get(client, path))
    assert "Se connecter" in signed_out and "camille@client.example" not in signed_out


def test_a_new_email_and_staff_status_show_on_the_next_request(client, product):
    user = admin_of(CompanyFactory(approved=True), email="camille@client.example")
    client.force_login(user)
    assert "camille@client.example" in header(get(client, "/catalogue/"))
    user.email = "c.martin@client.example"
    user.save()
    html = header(get(client, "/catalogue/"))
    assert "c.martin@client.example" in html and "camille@client.example" not in html
    assert "Administration" not in html
    user.is_staff = True
    user.save()
    html = header(get(client, "/catalogue/"))
    # staff see the back office, not a customer's pages
    assert "Administration" in html and "Mon entreprise" not in html


def test_losing_the_buyer_role_shows_in_the_toolbar_on_the_next_request(client, product):
    user = admin_of(CompanyFactory(approved=True))
    client.force_login(user)
    assert "Commande rapide" in toolbar(get(client, "/catalogue/"))
    Membership.objects.filter(user=user).update(roles=[Role.ACCOUNTANT])
    html = toolbar(get(client, "/catalogue/"))
    assert "Commande rapide" not in html and "Panier" not in html


@pytest.mark.parametrize(
    ("prefix", "sign_in", "current"),
    [("", "Se connecter", "fr"), ("/en", "Sign in", "en"), ("/nl", "Aanmelden", "nl")],
)
def test_each_language_gets_its_own_header_and_switch(client, product, prefix, sign_in, current):
    for path in PAGES:
        get(client, path)  # French pages kept first
    html = header(get(client, f"{prefix}/catalogue/?q=ecran"))
    assert sign_in in html
    assert re.search(
        rf'value="{current}" class="language-button" lang="{current}" aria-current', html
    )
    # the switch returns to the same page, addressed in the default language
    assert '<input type="hidden" name="next" value="/catalogue/?q=ecran">' in html
    assert 'value="ecran"' in toolbar(get(client, f"{prefix}/catalogue/?q=ecran"))


def test_the_switch_and_the_search_box_follow_the_address(client, product):
    first = get(client, "/catalogue/?q=ecran")
    assert 'name="next" value="/catalogue/?q=ecran"' in header(first)
    second = get(client, "/catalogue/?q=clavier")
    assert 'name="next" value="/catalogue/?q=clavier"' in header(second)
    assert 'value="clavier"' in toolbar(second) and 'value="ecran"' not in toolbar(second)


def test_a_new_trade_name_shows_in_the_header_on_the_next_request(client, product):
    for path in PAGES:
        assert '<span class="brand-name">INNELEC</span>' in header(get(client, path))
    Seller.objects.update(trade_name="INNELEC PRO")
    for path in PAGES:
        assert '<span class="brand-name">INNELEC PRO</span>' in header(get(client, path))


def test_each_reader_gets_their_own_token_and_it_is_accepted(product):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    tokens = []
    for client in (first, second, first):
        html = header(get(client, "/catalogue/"))
        assert CSRF_PLACEHOLDER not in html
        tokens.append(token(html))
    assert len(set(tokens)) == 3  # a token of its own, masked afresh on each request
    response = first.post(
        reverse("set_language"),
        {"language": "en", "next": "/catalogue/", "csrfmiddlewaretoken": tokens[2]},
    )
    assert response.status_code == 302 and response["Location"] == "/en/catalogue/"


@pytest.mark.parametrize("path", PAGES)
def test_a_visitors_page_is_one_query(client, product, path, django_assert_num_queries):
    get(client, "/catalogue/")  # the process has served the catalogue's current version
    get(client, path)
    # the page's rows with the catalogue version: seller, terms, filter lists, counts and
    # the kept layout are keyed by it
    with django_assert_num_queries(1):
        get(client, path)
