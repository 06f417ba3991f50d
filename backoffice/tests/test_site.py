"""The back office's site: the seller's name and logo, the index by work section, the
technical sections for administrators only."""

import html as html_lib
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from accounts.tests.factories import UserFactory, image_bytes
from backoffice.groups import ADMINISTRATORS
from shop.tests.factories import SellerFactory


def index_for(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return html_lib.unescape(response.content.decode())


def section_titles(html: str) -> list[str]:
    return re.findall(r'<span class="section">([^<]+)</span>', html)


@pytest.fixture
def sales_user(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Service commercial"))
    return user


def test_the_header_and_title_name_the_seller(client, sales_user):
    SellerFactory()
    html = index_for(client, sales_user)
    assert "<title>Tableau de bord | Back-office Atelier Numérique</title>" in html
    assert ">Back-office Atelier Numérique</a>" in html
    assert "Administration de Django" not in html
    assert 'class="backoffice-logo"' not in html  # no logo uploaded


def test_the_seller_logo_is_shown_when_there_is_one(client, sales_user):
    seller = SellerFactory()
    seller.logo.save("logo.png", ContentFile(image_bytes("PNG")))
    html = index_for(client, sales_user)
    assert '<img class="backoffice-logo" src="/vendeur/logo/"' in html


def test_the_index_is_organised_by_work_and_hides_technical_sections(client, sales_user):
    html = index_for(client, sales_user)
    assert section_titles(html) == ["À traiter", "Ventes", "KYC", "Entrepôt", "SAV", "Comptabilité"]
    for technical in ("Tentatives de connexion", "Historique des champs", "solaires", "axes"):
        assert technical not in html
    assert "Demandes de devis" in html and "Devis" in html


@pytest.mark.parametrize("kind", ["superuser", "administrators group"])
def test_administrators_see_the_technical_section(client, db, kind):
    if kind == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
    else:
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    html = index_for(client, user)
    assert section_titles(html)[-2:] == ["Administration", "Technique (administrateurs)"]
    for label in (
        "Tentatives de connexion",
        "Historique des champs",
        "Planification : évènements solaires",
        "Messages à envoyer (outbox)",
        "Exécutions des tâches quotidiennes",
        "Journal des changements d'état",
    ):
        assert label in html


def test_an_app_page_keeps_its_own_models(client, sales_user):
    client.force_login(sales_user)
    response = client.get("/admin/orders/")
    assert response.status_code == 200
    assert "Devis" in response.content.decode()
