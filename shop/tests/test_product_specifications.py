"""A product's specifications table: its shape is checked, and the product page shows it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

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
