"""A product's specifications table (its shape is checked, the product page shows it) and
the picture its card shows."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from shop.models import ProductImage
from shop.models.catalogue import specifications_validate
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory


@pytest.mark.parametrize(
    "value",
    [{"Mémoire": "32 Go"}, [["Mémoire"]], [["Mémoire", ""]], [["Mémoire", 32]], "32 Go"],
)
def test_anything_but_a_list_of_label_value_pairs_is_refused(value):
    with pytest.raises(ValidationError, match=r"liste de paires \[libellé, valeur\]"):
        specifications_validate(value)


def test_a_list_of_pairs_and_an_empty_list_are_accepted():
    specifications_validate([])
    specifications_validate([["Mémoire", "32 Go"], ["Poids", "1,2 kg"]])


@pytest.mark.django_db
def test_the_product_page_shows_the_table(client):
    SellerFactory()
    ProductFactory(reference="PC-1", specifications=[["Mémoire", "32 Go"], ["Poids", "1,2 kg"]])
    html = client.get(reverse("product_detail", args=["PC-1"])).content.decode()
    assert "Caractéristiques techniques" in html
    assert '<th scope="row">Mémoire</th><td>32 Go</td>' in html
    assert '<th scope="row">Poids</th><td>1,2 kg</td>' in html


@pytest.mark.django_db
def test_cards_show_the_first_picture_on_the_home_page_and_in_the_catalogue(client):
    SellerFactory()
    product = ProductFactory(reference="PC-1")
    ProductFactory(reference="PC-2")  # no picture: no image tag
    second = ProductImage.objects.create(
        product=product, image=ContentFile(b"x", name="b.png"), position=2
    )
    first = ProductImage.objects.create(
        product=product, image=ContentFile(b"x", name="a.png"), position=1
    )
    for url in (reverse("home"), reverse("catalogue")):
        html = client.get(url).content.decode()
        assert html.count('class="product-thumb"') == 1
        assert f'src="{reverse("product_image", args=[first.pk])}"' in html
        assert f'src="{reverse("product_image", args=[second.pk])}"' not in html
