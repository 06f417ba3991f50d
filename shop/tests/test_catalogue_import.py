"""CSV import and export of the catalogue: bad files and rows, all or nothing, round trip."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from shop.forms import ProductAdminForm
from shop.models import Brand, Category, Product, QuantityTier
from shop.services.catalogue_import import catalogue_export_csv, catalogue_import
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory, QuantityTierFactory

pytestmark = pytest.mark.django_db
D = Decimal

HEADER = "reference;designation;marque;categorie;prix_ht;taux_tva;pcb;paliers"


def csv_bytes(*rows, header=HEADER, encoding="utf-8"):
    return "\r\n".join([header, *rows]).encode(encoding)


def test_import_creates_products_brands_categories_and_tiers():
    content = csv_bytes(
        "ECR-24;Écran 24 pouces;iiyama;Écrans;129,90;20;1;10:119,90",
        "CAB-6;Câble RJ45 (lot de 6);Dexlan;Réseau;24.50;5,5;6;12:22,00|60:20,00",
    )
    report = catalogue_import(content=content, seller_country="FR")
    assert report.ok, report.errors
    assert (report.created, report.updated) == (2, 0)
    screen = Product.objects.get(reference="ECR-24")
    assert screen.price_ht == D("129.90")
    assert screen.brand.name == "iiyama"
    assert screen.category.name == "Écrans"
    cable = Product.objects.get(reference="CAB-6")
    assert (cable.vat_rate, cable.pack_multiple) == (D("5.50"), 6)
    assert list(cable.tiers.values_list("min_quantity", "unit_price_ht")) == [
        (12, D("22.00")),
        (60, D("20.00")),
    ]


def test_price_with_a_comma_decimal_is_read():
    report = catalogue_import(
        content=csv_bytes("A-1;Article;;;1 234,56;20;;", header=HEADER), seller_country="FR"
    )
    assert report.ok, report.errors
    assert Product.objects.get(reference="A-1").price_ht == D("1234.56")


def test_windows_1252_file():
    content = csv_bytes(
        "ECR-27;Écran 27 pouces, pied réglable;Eizo;Écrans;489,00;20;1;", encoding="cp1252"
    )
    report = catalogue_import(content=content, seller_country="FR")
    assert report.ok, report.errors
    assert Product.objects.get().designation == "Écran 27 pouces, pied réglable"


def test_utf8_file_with_bom():
    content = b"\xef\xbb\xbf" + csv_bytes("ECR-27;Écran 27 pouces;Eizo;Écrans;489,00;20;1;")
    report = catalogue_import(content=content, seller_country="FR")
    assert report.ok, report.errors
    assert Product.objects.get().reference == "ECR-27"


def test_wrong_separator_is_a_file_error():
    content = b"reference|designation|prix_ht|taux_tva\r\nA-1|Article|10,00|20\r\n"
    report = catalogue_import(content=content, seller_country="FR")
    assert not report.ok
    assert "Séparateur" in report.file_error
    assert not Product.objects.exists()


def test_missing_and_unknown_columns_are_named():
    report = catalogue_import(
        content=b"reference;prix_ht;couleur\r\nA;1;rouge\r\n", seller_country="FR"
    )
    assert "designation" in report.file_error and "couleur" in report.file_error


def test_vat_rate_that_does_not_exist_refuses_the_whole_file():
    content = csv_bytes(
        "GOOD-1;Bon article;;;10,00;20;1;",
        "BAD-1;Mauvais taux;;;10,00;19,6;1;",
        "BAD-2;Taux belge chez un vendeur français;;;10,00;21;1;",
    )
    report = catalogue_import(content=content, seller_country="FR")
    assert not report.ok
    assert [(e.line, e.column, e.value) for e in report.errors] == [
        (3, "taux_tva", "19,6"),
        (4, "taux_tva", "21"),
    ]
    assert "20 ; 10 ; 5,5 ; 2,1" in report.errors[0].message
    # All or nothing: the good row was not imported either.
    assert not Product.objects.exists()
    # The same rate is fine for a Belgian seller.
    content = csv_bytes("BE-1;Article;;;10,00;21;1;")
    assert catalogue_import(content=content, seller_country="BE").ok


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("A-1;Article;;;12.345;20;1;", "prix_ht"),
        ("A-1;Article;;;-5;20;1;", "prix_ht"),
        ("A-1;Article;;;douze;20;1;", "prix_ht"),
        ("A-1;Article;;;;20;1;", "prix_ht"),
        ("A 1;Article;;;10;20;1;", "reference"),
        ("A-1;;;;10;20;1;", "designation"),
        ("A-1;Article;;;10;20;0;", "pcb"),
        ("A-1;Article;;;10;20;1,5;", "pcb"),
        ("A-1;Article;;;10;20;6;10:9,00", "paliers"),
        ("A-1;Article;;;10;20;1;dix:9,00", "paliers"),
    ],
)
def test_bad_rows_are_reported_by_line_and_column(row, column):
    report = catalogue_import(content=csv_bytes(row), seller_country="FR")
    assert [(e.line, e.column) for e in report.errors] == [(2, column)]
    assert not Product.objects.exists()


def test_duplicate_reference_and_wrong_column_count():
    content = csv_bytes("A-1;Un;;;10;20;1;", "a-1;Deux;;;10;20;1;", "B-1;Trois;;;10;20")
    report = catalogue_import(content=content, seller_country="FR")
    assert [(e.line, e.column) for e in report.errors] == [(3, "reference"), (4, "")]


def test_update_touches_only_the_columns_present():
    product = ProductFactory(reference="ECR-24", price_ht=D("129.90"), stock_on_hand=12)
    QuantityTierFactory(product=product, min_quantity=10, unit_price_ht=D("119.90"))
    report = catalogue_import(
        content=b"reference;designation;prix_ht;taux_tva\r\nECR-24;Ecran;139,90;20\r\n",
        seller_country="FR",
    )
    assert (report.created, report.updated) == (0, 1)
    product.refresh_from_db()
    assert (product.price_ht, product.stock_on_hand) == (D("139.90"), 12)
    assert product.tiers.count() == 1


def test_export_then_import_is_a_round_trip():
    SellerFactory()
    product = ProductFactory(
        reference="GPU-1",
        designation="Carte graphique; 24 Go",
        price_ht=D("1499.99"),
        vat_rate=D("20.00"),
        pack_multiple=2,
        is_currency_indexed=True,
        indexed_currency="USD",
        eco_tax_ht=D("0.42"),
        discount_class="L",
    )
    QuantityTierFactory(product=product, min_quantity=10, unit_price_ht=D("1399.00"))
    content = catalogue_export_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    QuantityTier.objects.all().delete()
    Product.objects.all().delete()
    report = catalogue_import(content=content, seller_country="FR")
    assert report.ok, report.errors
    again = Product.objects.get(reference="GPU-1")
    assert again.designation == "Carte graphique; 24 Go"
    assert (again.price_ht, again.pack_multiple, again.indexed_currency) == (D("1499.99"), 2, "USD")
    assert (again.eco_tax_ht, again.discount_class) == (D("0.42"), "L")
    assert list(again.tiers.values_list("min_quantity", "unit_price_ht")) == [(10, D("1399.00"))]


def test_admin_form_refuses_a_vat_rate_of_another_country():
    SellerFactory()  # French
    form = ProductAdminForm(
        data={
            "reference": "X-1",
            "designation": "Article",
            "price_ht": "10.00",
            "vat_rate": "21",
            "stock_on_hand": 0,
            "stock_reserved": 0,
            "pack_multiple": 1,
            "lot_size": 1,
            "warranty_class": "standard",
            "discount_class": "",
            "eco_tax_ht": "0",
            "packaging_ht": "0",
            "is_active": True,
        }
    )
    assert not form.is_valid()
    assert "inexistant" in form.errors["vat_rate"][0]


# --- the admin screens ---------------------------------------------------------------------


@pytest.fixture
def staff_client(client, django_user_model):
    SellerFactory()
    staff = django_user_model.objects.create_superuser(email="vente@shop.example", password="x")
    client.force_login(staff)
    return client


def test_admin_import_with_errors_shows_the_report_and_imports_nothing(staff_client):
    upload = SimpleUploadedFile(
        "catalogue.csv", csv_bytes("OK-1;Article;;;10,00;20;1;", "KO-1;Article;;;10,00;7;1;")
    )
    response = staff_client.post(reverse("admin:shop_product_import"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Rien n&#x27;a été importé" in html or "Rien n'a été importé" in html
    assert "KO-1" not in html or "taux_tva" in html
    assert "inexistant" in html
    assert not Product.objects.exists()


def test_admin_import_then_export(staff_client):
    upload = SimpleUploadedFile(
        "catalogue.csv", csv_bytes("OK-1;Article;Dell;Portables;10,00;20;1;")
    )
    response = staff_client.post(reverse("admin:shop_product_import"), {"file": upload})
    assert response.status_code == 302
    assert Product.objects.filter(reference="OK-1").exists()
    assert Brand.objects.filter(name="Dell").exists() and Category.objects.exists()
    export = staff_client.get(reverse("admin:shop_product_export"))
    assert export["Content-Type"].startswith("text/csv")
    assert b"OK-1;Article;;portables;Dell;10,00;20,00" in export.content
    changelist = staff_client.get(reverse("admin:shop_product_changelist"))
    assert changelist.status_code == 200


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (11, 92, 173)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_product_image_is_checked_by_content_and_served(client, settings, tmp_path):
    from shop.forms import ProductImageForm

    settings.MEDIA_ROOT = tmp_path
    product = ProductFactory(reference="IMG-1")
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")
    form = ProductImageForm(data={"position": 0}, files={"image": fake})
    form.instance.product = product
    assert not form.is_valid()
    assert "image" in form.errors
    good = SimpleUploadedFile("photo.png", _png(), content_type="image/png")
    form = ProductImageForm(data={"position": 0, "alt_text": "Vue de face"}, files={"image": good})
    form.instance.product = product
    assert form.is_valid(), form.errors
    image = form.save()
    assert image.content_type == "image/png"
    response = client.get(reverse("product_image", args=[image.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    html = client.get(reverse("product_detail", args=["IMG-1"])).content.decode()
    assert reverse("product_image", args=[image.pk]) in html and 'alt="Vue de face"' in html
