"""Every change page ends with the object's history; every list exports to CSV."""

import csv
import html
import io

import pytest

from accounts.models import CompanyCommercialSettings
from accounts.tests.factories import UserFactory
from orders.models import Order
from orders.services import quote_sign
from orders.tests.factories import company_with_people, issued_quote, product, sign_kwargs

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, email="chef@vendeur.example")


def test_an_order_page_shows_its_state_moves_with_who_and_when(client, terms, superuser):
    company, signatory, _buyer, _admin = company_with_people()
    quote = issued_quote(company=company, user=superuser, lines=[(product(), 1)])
    quote_sign(**sign_kwargs(quote, signatory))
    order = Order.objects.get()
    client.force_login(superuser)
    page = html.unescape(client.get(f"/admin/orders/order/{order.pk}/change/").content.decode())
    history = page[page.index("<h2>Historique</h2>") :]
    assert "→ en attente de paiement" in history
    assert signatory.email in history or str(signatory) in history
    quote_url = f"/admin/orders/quote/{quote.pk}/change/"
    quote_page = html.unescape(client.get(quote_url).content.decode())
    assert "brouillon → émis, en attente de signature" in quote_page
    assert "émis, en attente de signature → signé (bon pour accord)" in quote_page


def test_a_settings_page_shows_each_field_change_with_its_author(client, terms, superuser):
    company, *_people = company_with_people()
    client.force_login(superuser)
    settings_row = CompanyCommercialSettings.objects.get(company=company)
    page = client.get(f"/admin/accounts/companycommercialsettings/{settings_row.pk}/change/")
    assert page.status_code == 200
    # an edit through the admin page records its author in the field history's context
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "payment_methods": ["card", "transfer"],
            "delivery_suspended": "on",
            "delivery_suspension_reason": "Relance sans réponse",
        }
    )
    data = {key: value for key, value in data.items() if key in form.fields}
    client.post(page.wsgi_request.path, data)
    page = html.unescape(client.get(page.wsgi_request.path).content.decode())
    history = page[page.index("<h2>Historique</h2>") :]
    assert "chef@vendeur.example" in history
    assert "livraisons suspendues : non → oui" in history


def test_any_filtered_list_exports_to_csv(client, terms, superuser):
    company, signatory, _buyer, _admin = company_with_people(legal_name="ALPHA SAS")
    for quantity in (1, 2):
        quote = issued_quote(company=company, user=superuser, lines=[(product(), quantity)])
        quote_sign(**sign_kwargs(quote, signatory))
    client.force_login(superuser)
    response = client.post(
        "/admin/orders/order/?status__exact=awaiting_payment",
        # "select all" across the filtered list (the page's own box stays ticked)
        {
            "action": "export_csv",
            "select_across": "1",
            "index": "0",
            "_selected_action": [Order.objects.first().pk],
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="commandes-')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) == 3  # header and two orders
    assert "ALPHA SAS" in rows[1]
    assert "en attente de paiement" in rows[1]


def test_a_company_page_links_its_identifiers_to_the_registries(client, terms, superuser):
    company, *_people = company_with_people(legal_name="ZETA SAS")
    client.force_login(superuser)
    page = html.unescape(client.get(f"/admin/accounts/company/{company.pk}/change/").text)
    panel = page[page.index("<h2>Registres officiels</h2>") :]
    assert f"https://annuaire-entreprises.data.gouv.fr/entreprise/{company.siren}" in panel
    assert "https://ec.europa.eu/taxation_customs/vies/#/vat-validation" in panel
    assert "Infogreffe : vérifier l'extrait Kbis avec son code de vérification" in panel
    order_page = client.get("/admin/orders/order/").text
    assert "Registres officiels" not in order_page
