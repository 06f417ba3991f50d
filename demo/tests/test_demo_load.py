"""`make run`'s demo world: a seller preset, a catalogue, a staff login, an approved customer."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Company, Membership, User
from accounts.selectors import company_may_order
from core.calendar import localdate
from demo.customers import DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD
from demo.services import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
from shop.models import Product, Seller, Terms


@pytest.fixture
def demo_mode(settings):
    settings.DEMO_MODE = True


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mode")
def test_loads_everything_once_and_again_changes_nothing(capsys):
    call_command("load_demo", "--preset", "000")
    counts = (
        Seller.objects.count(),
        Terms.objects.count(),
        Product.objects.count(),
        Company.objects.count(),
        User.objects.count(),
    )
    call_command("load_demo", "--preset", "000")

    assert counts[:2] == (1, 1) and counts[2] >= 12 and counts[3:] == (1, 2)
    assert counts == (
        Seller.objects.count(),
        Terms.objects.count(),
        Product.objects.count(),
        Company.objects.count(),
        User.objects.count(),
    )
    out = capsys.readouterr().out
    assert f"{DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}" in out
    assert f"{DEMO_CUSTOMER_EMAIL} / {DEMO_CUSTOMER_PASSWORD}" in out


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mode")
def test_the_demo_customer_is_approved_and_may_order(client):
    call_command("load_demo", "--preset", "002")

    membership = Membership.objects.select_related("company").get(user__email=DEMO_CUSTOMER_EMAIL)
    assert membership.company.status == "approved"
    assert company_may_order(company=membership.company, on=localdate(membership.created_at))
    signed_in = client.post(
        "/connexion/", {"username": DEMO_CUSTOMER_EMAIL, "password": DEMO_CUSTOMER_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get("/mon-entreprise/").status_code == 200
    # The Belgian seller of preset 002 sells in euros at Belgian VAT.
    assert set(Product.objects.values_list("vat_rate", flat=True)) == {21}


@pytest.mark.django_db
def test_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("load_demo")
