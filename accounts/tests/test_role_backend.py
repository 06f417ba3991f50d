"""Company roles as permissions: `CompanyRoleBackend` grants `shop.buy_for_company` to the
buyers of a company, and the shop's buying pages follow it.

Superusers: Django gives an active superuser every permission, so `has_perm` is True for
them and they may use carts; that is kept on purpose (simple and standard). A staff
account without the superuser flag and without a buyer membership may not buy.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from accounts.backends import CompanyRoleBackend
from accounts.models import Role, User
from accounts.selectors import membership_of_request_user
from accounts.tests.factories import MembershipFactory, UserFactory
from shop.models import Cart, CartLine, QuoteRequest
from shop.permissions import BUY_FOR_COMPANY
from shop.selectors import seller_and_terms_in_force
from shop.tests.factories_catalogue import ProductFactory

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    """The user as a new request would load it (nothing cached on the object)."""
    return User.objects.get(pk=user.pk)


def member(*roles: str, **membership_fields) -> User:
    return MembershipFactory(roles=list(roles), **membership_fields).user


def test_a_buyer_may_buy():
    assert fresh(member(Role.BUYER)).has_perm(BUY_FOR_COMPANY)
    assert fresh(member(Role.ACCOUNTANT, Role.BUYER)).has_perm(BUY_FOR_COMPANY)


@pytest.mark.parametrize(
    "roles", [[Role.ACCOUNTANT], [Role.ADMINISTRATOR], [Role.SIGNATORY, Role.ACCOUNTANT]]
)
def test_roles_other_than_buyer_may_not_buy(roles):
    assert not fresh(member(*roles)).has_perm(BUY_FOR_COMPANY)


def test_an_inactive_membership_gives_nothing():
    user = member(Role.BUYER, is_active=False, deactivated_at=timezone.now())
    assert not fresh(user).has_perm(BUY_FOR_COMPANY)


def test_an_inactive_user_gets_nothing_from_a_buyer_membership():
    user = member(Role.BUYER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert not fresh(user).has_perm(BUY_FOR_COMPANY)
    assert CompanyRoleBackend().get_all_permissions(fresh(user)) == set()


def test_a_user_of_no_company_may_not_buy():
    assert not fresh(UserFactory()).has_perm(BUY_FOR_COMPANY)


def test_anonymous_visitors_may_not_buy_and_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert not AnonymousUser().has_perm(BUY_FOR_COMPANY)


def test_staff_without_a_buyer_membership_may_not_buy():
    assert not fresh(UserFactory(is_staff=True)).has_perm(BUY_FOR_COMPANY)


def test_a_superuser_holds_every_permission_and_so_may_use_carts():
    """Django's rule, kept: an active superuser has every permission, this one included."""
    admin = User.objects.create_superuser(email="admin@vendeur.example", password="x" * 12)
    assert fresh(admin).has_perm(BUY_FOR_COMPANY)


def test_roles_are_read_once_per_user_object(django_assert_num_queries):
    backend = CompanyRoleBackend()
    user = fresh(member(Role.BUYER))
    with django_assert_num_queries(1):
        assert backend.has_perm(user, BUY_FOR_COMPANY)
        assert backend.has_perm(user, BUY_FOR_COMPANY)
        assert not backend.has_perm(user, "shop.delete_cart")
        assert backend.get_all_permissions(user) == {BUY_FOR_COMPANY}


def test_no_object_level_permission():
    user = fresh(member(Role.BUYER))
    assert not CompanyRoleBackend().has_perm(user, BUY_FOR_COMPANY, obj=object())


def test_the_backend_never_signs_anyone_in():
    user = member(Role.BUYER)
    backend = CompanyRoleBackend()
    assert backend.authenticate(None, username=user.email, password="Correct-Horse-42") is None
    assert not hasattr(backend, "get_user")  # no session can name it


def test_axes_stays_the_first_backend():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert "accounts.backends.CompanyRoleBackend" in settings.AUTHENTICATION_BACKENDS


def test_a_buyers_check_costs_only_the_membership_query(django_assert_num_queries):
    """The role backend answers before ModelBackend (whose user and group permission
    queries a buyer does not need), and the membership it reads serves the whole request."""
    user = fresh(member(Role.BUYER))
    with django_assert_num_queries(1):
        assert user.has_perm(BUY_FOR_COMPANY)
        assert membership_of_request_user(user=user).company_id is not None


# --- the shop's buying pages, with real company roles -----------------------------------------


@pytest.fixture
def product(terms):
    return ProductFactory(reference="ECR-24", price_ht=Decimal("76.00"))


def test_an_accountant_only_user_is_refused_the_buying_pages(client, product):
    client.force_login(member(Role.ACCOUNTANT))
    responses = [
        client.get(reverse("cart")),
        client.get(reverse("quick_order")),
        client.post(reverse("quick_order"), {"lignes": "ECR-24;1"}),
        client.post(reverse("cart_add", args=["ECR-24"]), {"quantite": "1"}),
        client.post(reverse("quote_request_create"), {"message": "Urgent"}),
    ]
    assert [response.status_code for response in responses] == [403] * 5
    assert "Réservé aux acheteurs" in responses[0].content.decode()
    assert not CartLine.objects.exists() and not QuoteRequest.objects.exists()
    page = client.get(reverse("product_detail", args=["ECR-24"]))
    assert page.status_code == 200
    assert "Ajouter au panier" not in page.content.decode()


@pytest.mark.parametrize("lines", [20, 50])
def test_the_cart_page_runs_four_queries_whatever_its_size(
    client, terms, lines, django_assert_num_queries
):
    """Session, user, membership (permission and VAT profile, with the first delivery
    address), carts with the current one's lines, their quantity and stock and the
    catalogue version (the seller and terms in force are kept under it); the first time
    the lines are rendered, their products and the products' tiers too (then kept:
    shop/tests/test_cart_kept.py)."""
    user = member(Role.BUYER)
    cart = Cart.objects.create(user=user)
    for i in range(lines):
        CartLine.objects.create(
            cart=cart, product=ProductFactory(reference=f"P-{i:03d}"), quantity=i % 3 + 1
        )
    client.force_login(user)
    seller_and_terms_in_force(on=timezone.localdate())  # read once per process and version
    with django_assert_num_queries(6):
        first = client.get(reverse("cart"))
    with django_assert_num_queries(4):
        response = client.get(reverse("cart"))
    assert response.status_code == 200
    page = response.content.decode()
    assert all(f"P-{i:03d}" in page for i in range(lines))
    assert _without_tokens(page) == _without_tokens(first.content.decode())  # kept, the same


def _without_tokens(page: str) -> str:
    """A page without its CSRF tokens (masked anew for each form and request)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_buyer_uses_the_cart_quick_order_and_quote_requests(client, product):
    client.force_login(member(Role.BUYER))
    assert client.get(reverse("cart")).status_code == 200
    assert client.get(reverse("quick_order")).status_code == 200
    assert (
        "Ajouter au panier"
        in client.get(reverse("product_detail", args=["ECR-24"])).content.decode()
    )
    response = client.post(reverse("quick_order"), {"lignes": "ECR-24;2"})
    assert response.status_code == 302 and response["Location"] == reverse("cart")
    response = client.post(reverse("quote_request_create"), {"message": "Urgent"})
    quote_request = QuoteRequest.objects.get()
    assert response["Location"] == reverse("orders:quote_request_detail", args=[quote_request.pk])
    assert client.get(response["Location"]).status_code == 200
