"""A company's administrator chooses the documents' language on "My company" and sees it
confirmed (desktop and 390 px)."""

import pytest
from playwright.sync_api import expect

from accounts.tests.factories import CompanyFactory, admin_of
from tests.browser.conftest import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_an_administrator_chooses_the_documents_language(new_context, live_server, size, viewport):
    company = CompanyFactory(approved=True, legal_name="OMEGA SAS")
    administrator = admin_of(company)

    page = new_context(locale="fr-FR", viewport=viewport).new_page()
    sign_in(page, live_server, administrator)
    page.goto(f"{live_server.url}/mon-entreprise/")
    expect(page.locator("#id_language_helptext")).to_contain_text(
        "Les documents déjà émis ne changent pas."
    )
    page.locator("#id_language").select_option("en")
    page.locator("form.form-language button[type=submit]").click()

    # Each language is named in its own language, as on the staff's company form.
    expect(page.locator("ul.messages")).to_contain_text(
        "Langue des documents enregistrée : English."
    )
    expect(page.locator("#id_language")).to_have_value("en")
    page.screenshot(path=f"/tmp/company_language_{size}.png", full_page=True)
    company.refresh_from_db()
    assert company.language == "en"
