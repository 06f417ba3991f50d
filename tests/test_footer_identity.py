"""The footer's legal notices and contact column carry the seller's whole identity."""

import html as html_lib
import re

import pytest
from django.urls import reverse
from django.utils import translation

from shop.services import seller_preset_load
from shop.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def footer_text(client, language: str = "fr") -> tuple[str, str]:
    """The footer's HTML and its visible text, spaces (no-break ones too) folded."""
    with translation.override(language):
        page = client.get(reverse("home")).content.decode()
    footer = page[page.index("<footer") : page.index("</footer>")]
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", footer))
    return footer, " ".join(text.split())


def test_french_seller_of_preset_000(client):
    seller_preset_load(code="000")

    footer, text = footer_text(client)

    assert (
        "IMAGE IN NETWORK, SAS au capital de 3 750,00 € · RCS Evry 792 662 637 · "
        "SIRET 792 662 637 00026 · N° TVA intracommunautaire FR40792662637"
    ) in text
    assert "Siège social : 3 bis, rue René Cassin 91300 Massy France" in text
    assert "E-mail : contact@imageinnetwork.fr" in text
    assert "Téléphone : +33 1 84 17 77 44" in text
    assert "Site : imageinnetwork.fr" in text
    assert 'href="mailto:contact@imageinnetwork.fr"' in footer
    assert 'href="tel:+33184177744"' in footer
    assert 'href="https://imageinnetwork.fr"' in footer
    assert "IBAN" not in text  # French law asks no bank account on documents


def test_belgian_seller_in_dutch(client):
    SellerFactory(belgian=True, phone="")

    _footer, text = footer_text(client, "nl")

    assert (
        "BRUXELLES HARDWARE, SRL · Ondernemingsnr. 0403.000.059 · RPR Bruxelles · "
        "Intracommunautair btw-nr. BE0403000059 · IBAN BE71 0961 2345 6769"
    ) in text
    assert "Maatschappelijke zetel: Rue Neuve 1 1000 Bruxelles België" in text
    assert "capital" not in text and "kapitaal" not in text


def test_a_seller_without_address_shows_no_empty_registered_office(client):
    """An incomplete identity (the admin lists what it lacks) prints no empty heading."""
    SellerFactory(address_line1="", address_line2="", postal_code="", city="")

    _footer, text = footer_text(client)

    assert "Siège social" not in text
