"""Random input on every public form and query never gives a 500.

Hypothesis sends field values made of any characters (NUL, control and combining
characters, right-to-left marks, very long strings), numbers where text is expected and
text where numbers are, missing fields and unknown ones. A bounded number of examples
per form keeps the run short; `deadline=None` because a request on a busy machine may
take longer than hypothesis's default 200 ms.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts.tests.factories import UserFactory
from shop.models import CartLine
from shop.tests.factories import SellerFactory, grant_buying
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms

pytestmark = pytest.mark.django_db

FUZZ = hypothesis_settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text a browser can send: any character but lone surrogates (not encodable).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
number_like = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", " ", "abc", "1e309", "0x10", "-0", "٣", "１２", "1,5", "NaN"]),
)
value = st.one_of(text, number_like)


def form_data(fields: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """Some of `fields` with any value, plus maybe an unknown field."""
    return st.dictionaries(st.sampled_from(fields), value, max_size=len(fields)).flatmap(
        lambda data: st.dictionaries(text.filter(bool), value, max_size=2).map(
            lambda extra: {**extra, **data}
        )
    )


@pytest.fixture
def web(settings):
    """A client that renders errors as a visitor sees them instead of raising them."""
    settings.DEBUG = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return Client(raise_request_exception=False)


@pytest.fixture
def shop(db):
    seller = SellerFactory()
    thresholds_terms(seller=seller)
    ProductFactory(reference="PC-PRO-14")
    return seller


def assert_no_server_error(response, data):
    assert response.status_code < 500, (response.status_code, data)


SIGNUP_FIELDS = [
    "legal_name",
    "legal_form",
    "country",
    "siren",
    "siret",
    "enterprise_number",
    "vat_number",
    "registration_number",
    "billing_line1",
    "billing_line2",
    "billing_postal_code",
    "billing_city",
    "billing_country",
    "delivery_same_as_billing",
    "first_name",
    "last_name",
    "email",
    "phone",
    "password1",
    "password2",
    "deliveries-TOTAL_FORMS",
    "deliveries-INITIAL_FORMS",
    "deliveries-0-line1",
    "deliveries-0-postal_code",
    "deliveries-0-city",
    "deliveries-0-country",
    "add_address",
    "remove_address",
]


@FUZZ
@given(data=form_data(SIGNUP_FIELDS))
def test_sign_up(web, shop, data):
    assert_no_server_error(web.post(reverse("signup"), data), data)


@FUZZ
@given(data=form_data(["username", "password", "next"]))
def test_login(web, data):
    assert_no_server_error(web.post(reverse("login"), data), data)


@FUZZ
@given(data=form_data(["email"]))
def test_password_reset(web, data):
    assert_no_server_error(web.post(reverse("password_reset"), data), data)


@FUZZ
@given(
    data=form_data(
        ["q", "categorie", "marque", "en_stock", "prix_min", "prix_max", "par_page", "page"]
    )
)
def test_catalogue_query(web, shop, data):
    assert_no_server_error(web.get(reverse("catalogue"), data), data)


@FUZZ
@given(reference=text.filter(lambda s: "/" not in s and s.strip()), data=form_data(["quantite"]))
def test_product_page_and_add_to_cart(web, shop, reference, data):
    web.force_login(grant_buying(UserFactory()))
    path = f"/produit/{quote(reference, safe='')}/"
    assert_no_server_error(web.get(path), reference)
    assert_no_server_error(web.post(path + "ajouter/", data), (reference, data))


@FUZZ
@given(data=form_data(["lignes"]), content=st.binary(max_size=2000))
def test_quick_order(web, shop, data, content):
    web.force_login(grant_buying(UserFactory()))
    files = {"fichier": SimpleUploadedFile("commande.csv", content)} if content else {}
    response = web.post(reverse("quick_order"), {**data, **files})
    assert_no_server_error(response, (data, content))


@FUZZ
@given(data=form_data(["message"]), quantity=number_like)
def test_quote_request(web, shop, data, quantity):
    buyer = grant_buying(UserFactory())
    web.force_login(buyer)
    web.post(reverse("cart_add", args=["PC-PRO-14"]), {"quantite": "1"})
    line = CartLine.objects.get(cart__user=buyer)
    assert_no_server_error(
        web.post(reverse("cart_line_update", args=[line.pk]), {"quantite": quantity}), quantity
    )
    assert_no_server_error(web.post(reverse("quote_request_create"), data), data)
