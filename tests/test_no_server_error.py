"""Hostile or odd input found from outside answers a clear page, never a 500.

Each test sends one input that used to end in a server error (the quick-order files are
in shop/tests/test_catalogue_views.py, the random forms in test_fuzz_public_forms.py).
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(settings):
    """Errors rendered as the visitor sees them, not raised into the test."""
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", ["/produit/%00/", "/produit/%00/ajouter/", "/en/produit/a%00b/"])
def test_a_nul_byte_in_the_address_is_a_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode() or "Page not found" in (
        response.content.decode()
    )


@pytest.mark.parametrize("button", ["add_address", "remove_address", None])
def test_signup_with_a_tampered_address_count_shows_the_form_again(client, button):
    data = {"deliveries-TOTAL_FORMS": "abc", "legal_name": "ACME"}
    if button:
        data[button] = "1"
    response = client.post(reverse("signup"), data)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    assert 'name="legal_name"' in html and 'value="ACME"' in html
    if button == "add_address":
        # "abc" counts as one address form; the button adds a second one.
        assert 'name="deliveries-1-line1"' in html and 'name="deliveries-2-line1"' not in html


def test_a_256_character_login_name_gets_a_field_message(client):
    name = "a" * 244 + "@example.com"
    assert len(name) == 256
    response = client.post(reverse("login"), {"username": name, "password": "secret-word"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Une adresse e-mail compte au plus 254 caractères." in html


def test_login_ignores_the_case_of_the_email(client):
    UserFactory(email="acheteuse@client.example")
    typed = {"username": "  Acheteuse@Client.EXAMPLE ", "password": "Correct-Horse-42"}
    response = client.post(reverse("login"), typed)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)


def test_two_accounts_cannot_differ_only_by_case():
    from django.db import IntegrityError, transaction

    UserFactory(email="acheteuse@client.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="ACHETEUSE@client.example")])


def test_the_cart_line_of_another_company_is_a_404(client):
    from shop.models import Cart, CartLine
    from shop.tests.factories import grant_buying
    from shop.tests.factories_catalogue import ProductFactory

    other = UserFactory()
    line = CartLine.objects.create(
        cart=Cart.objects.create(user=other), product=ProductFactory(), quantity=1
    )
    client.force_login(grant_buying(UserFactory()))
    assert client.post(reverse("cart_line_delete", args=[line.pk])).status_code == 404
    update = client.post(reverse("cart_line_update", args=[line.pk]), {"quantite": "2"})
    assert update.status_code == 404
    assert CartLine.objects.filter(pk=line.pk, quantity=1).exists()
