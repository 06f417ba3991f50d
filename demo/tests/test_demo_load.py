"""`make run`'s demo world: a seller preset, a catalogue, a staff login, an approved customer."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from PIL import Image

from accounts.models import Company, Membership, User
from accounts.selectors import company_may_order
from billing.models import CreditNote, Invoice
from core.calendar import localdate
from demo.catalogue import DEMO_CATEGORIES, demo_products
from demo.customers import DEMO_CUSTOMER_EMAIL, DEMO_CUSTOMER_PASSWORD
from demo.services import DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD
from shop.models import DiscountClass, Product, ProductImage, Seller, Terms, WarrantyClass


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

    # companies: the demo customer and the Belgian customer of the demo invoices
    assert counts[:2] == (1, 1) and counts[2] == len(demo_products()) and counts[3:] == (2, 2)
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
    # The Belgian seller of preset 002 sells in euros at Belgian VAT; books at 6 %.
    assert set(Product.objects.values_list("vat_rate", flat=True)) == {21, 6}
    assert set(Product.objects.filter(vat_rate=6).values_list("warranty_class", flat=True)) == {
        "books"
    }


@pytest.mark.django_db
def test_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demo mode"):
        call_command("load_demo")


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mode")
@pytest.mark.parametrize("preset", ["000", "001", "002", "003", "004"])
def test_every_preset_gets_a_catalogue_showing_every_rule(preset):
    call_command("load_demo", "--preset", preset)

    products = Product.objects.all()
    assert products.count() == len(demo_products()) >= 200
    per_category = dict(products.values_list("category__slug").annotate(n=Count("id")))
    assert set(per_category) == {slug for slug, _ in DEMO_CATEGORIES}
    assert min(per_category.values()) >= 5
    assert set(products.values_list("warranty_class", flat=True)) == set(WarrantyClass.values)
    assert set(products.values_list("discount_class", flat=True)) == set(DiscountClass.values)
    for flag in (
        Q(manufacturer_warranty=True),
        Q(order_separately=True),
        Q(is_console=True),
        Q(is_own_product=True),
        Q(custom_configuration=True),
        Q(is_currency_indexed=True, indexed_currency="USD"),
        Q(pack_multiple__gt=1),
        Q(lot_size__gt=1),
        Q(eco_tax_ht__gt=0),
        Q(packaging_ht__gt=0),
        Q(tiers__isnull=False),
        Q(stock_on_hand=0),
        Q(stock_on_hand__gt=0),
    ):
        assert products.filter(flag).exists(), flag
    assert not products.filter(Q(description="") | Q(specifications=[])).exists()
    # One picture per product, a PNG drawn at load time with the product's reference.
    images = ProductImage.objects.select_related("product")
    assert images.count() == products.count()
    image = images.get(product__reference="PC-PRO-14")
    with default_storage.open(image.image.name, "rb") as handle:
        picture = Image.open(handle)
        assert (picture.format, picture.size) == ("PNG", (480, 360))
    assert image.content_type == "image/png"
    assert all(default_storage.exists(i.image.name) for i in images)


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_mode")
@pytest.mark.parametrize("preset", ["000", "003"])
def test_the_demo_issues_an_invoice_of_every_kind_and_a_credit_note(preset):
    call_command("load_demo", "--preset", preset)
    customer = Membership.objects.get(user__email=DEMO_CUSTOMER_EMAIL).company
    invoices = Invoice.objects.filter(company=customer)
    assert {i.kind for i in invoices} == {"sale", "fee", "penalty"}
    regimes = {i.vat_regime["code"] for i in Invoice.objects.all()}
    # French seller: domestic, export (Geneva), DOM (Martinique), intra-EU (Brussels);
    # Belgian seller: the French customer is the intra-EU sale, Brussels the domestic one
    assert regimes == (
        {"domestic", "export", "dom_tom", "intra_eu"}
        if preset == "000"
        else {"domestic", "export", "intra_eu"}
    )
    assert CreditNote.objects.filter(company=customer, invoice__isnull=False).count() == 1
