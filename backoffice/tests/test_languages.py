"""The back office in the language staff choose: the switch's cookie, else the browser's
language, else French; sections, queues and dashboards translated."""

import pytest
from django.conf import settings

from backoffice.tests.staff import member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("headers", "cookie", "expected"),
    [
        ({}, None, ("À traiter", "Comptabilité", "Factures échues impayées")),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.8"}, None, ("To do", "Accounting", "Overdue")),
        ({"HTTP_ACCEPT_LANGUAGE": "en-GB"}, "nl", ("Te doen", "Boekhouding", "Vervallen")),
    ],
)
def test_the_dashboard_speaks_the_chosen_language(client, headers, cookie, expected):
    client.force_login(member("Comptabilité"))
    if cookie:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    page = client.get("/admin/", **headers).content.decode()
    for text in expected:
        assert text in page


def test_the_switch_sets_the_language_of_the_back_office(client):
    client.force_login(member("Comptabilité"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/admin/tableaux-de-bord/"})
    page = client.get("/admin/tableaux-de-bord/").content.decode()
    assert "Invoiced sales by month (excl. VAT)" in page
    assert "Receivables by age on" in page
