"""The privacy notice: what is collected and why, legal basis, who sees it, how long, rights,
contact; linked from the footer, the sign-up and the KYC pages."""

import pytest
from django.urls import reverse

from accounts.tests.factories import CompanyFactory, admin_of
from shop.tests.factories import SellerFactory

pytestmark = pytest.mark.django_db


def test_the_notice_names_each_piece_of_data_its_reason_and_the_seller(client, settings):
    settings.KYC_RETENTION_YEARS = 5
    seller = SellerFactory(email="dpo@vendeur.example")
    html = client.get(reverse("privacy")).content.decode()
    for expected in (
        '<h1 id="privacy-title">Protection des données personnelles</h1>',
        "Responsable du traitement",
        seller.legal_name,
        "dpo@vendeur.example",
        "Identifiants de l&#x27;entreprise : SIREN, SIRET",
        "pièce d&#x27;identité du représentant légal, RIB",
        "IBAN",
        "Adresse IP et navigateur (user agent) lors d&#x27;une signature",
        "Exécution du contrat (art. 6.1.b RGPD)",
        "Qui voit vos données",
        "Les pièces justificatives : 5 ans après la fin de la relation commerciale",
        "Vos droits",
        "la CNIL en France",
    ):
        assert expected.replace("&#x27;", "'") in html or expected in html, expected


@pytest.mark.parametrize(
    ("prefix", "title", "retention"),
    [
        ("/en", "Personal data protection", "KYC documents: 5 years after the business"),
        ("/nl", "Bescherming van persoonsgegevens", "De bewijsstukken: 5 jaar na het einde"),
    ],
)
def test_the_notice_is_translated(client, prefix, title, retention):
    html = client.get(prefix + reverse("privacy")).content.decode()
    assert f'<h1 id="privacy-title">{title}</h1>' in html
    assert retention in html


def test_the_footer_and_the_sign_up_page_link_to_it(client):
    url = reverse("privacy")
    for page in (reverse("home"), reverse("signup")):
        html = client.get(page).content.decode()
        assert f'href="{url}"' in html, page
    footer = client.get(reverse("home")).content.decode().split("<footer")[1]
    assert f'<a href="{url}">Protection des données personnelles</a>' in footer


def test_the_kyc_and_company_pages_link_to_it_and_say_how_long_pieces_are_kept(
    client, terms, settings
):
    settings.KYC_RETENTION_YEARS = 5
    company = CompanyFactory()
    client.force_login(admin_of(company))
    html = client.get(reverse("kyc_documents")).content.decode()
    assert "elles sont supprimées 5 ans après la fin de notre relation commerciale." in html
    assert f'href="{reverse("privacy")}"' in html
    html = client.get(reverse("company")).content.decode()
    assert f'href="{reverse("personal_data")}"' in html
