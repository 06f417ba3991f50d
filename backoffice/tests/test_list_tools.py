"""The lists staff search most: a date filter, an amount filter where there is an amount,
search by number, the CSV export; and the amount bands at their boundaries."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.test import RequestFactory

from accounts.models import Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from backoffice.filters import LIST_FILTERS
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms

pytestmark = pytest.mark.django_db

SEARCHED_BY_NUMBER = {
    "orders.order": "number",
    "orders.quote": "number",
    "orders.shipment": "number",
    "orders.complaint": "order__number",
    "billing.invoice": "number",
    "billing.creditnote": "number",
    "billing.payment": "reference",
    "billing.bankstatementline": "entry_reference",
    "returns.returnrequest": "rma_number",
}


@pytest.mark.parametrize("label", LIST_FILTERS)
def test_each_list_filters_by_date_and_amount_searches_by_number_and_exports(client, label):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label_lower == label)
    date_field, amount_field = LIST_FILTERS[label]
    assert date_field in model_admin.list_filter
    assert "status" in model_admin.list_filter
    assert SEARCHED_BY_NUMBER[label] in model_admin.search_fields
    request = RequestFactory().get("/")
    request.user = superuser
    assert "export_csv" in model_admin.get_actions(request)
    client.force_login(superuser)
    app_label, model_name = label.split(".")
    url = f"/admin/{app_label}/{model_name}/?q=2026"
    if amount_field:
        url += f"&{amount_field}_tranche=1000-10000"
    assert client.get(url).status_code == 200


def test_amount_bands_at_their_boundaries(client):
    terms = published_terms()
    company = company_on_deferred_term()
    # 833.33 HT + 20 % = 833.33 + 166.67 (166.666 rounded) = 1000.00 TTC
    # 833.32 HT + 20 % = 833.32 + 166.66 (166.664 rounded) = 999.98 TTC
    at_1000 = invoice_issue(company=company, terms=terms, lines=[line("833.33")], actor=ACTOR)
    below = invoice_issue(company=company, terms=terms, lines=[line("833.32")], actor=ACTOR)
    assert (at_1000.total_ttc, below.total_ttc) == (Decimal("1000.00"), Decimal("999.98"))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def listed(band):
        response = client.get(f"/admin/billing/invoice/?total_ttc_tranche={band}")
        return set(response.context["cl"].queryset)

    assert listed("0-1000") == {below}
    assert listed("1000-10000") == {at_1000}
    assert listed("10000-") == set()


def test_a_customer_is_found_by_name_siren_vat_or_a_members_email(client):
    wanted = CompanyFactory(legal_name="Atelier Numérique Durand")
    other = CompanyFactory(legal_name="Bureautique Martin")
    MembershipFactory(
        company=wanted, user=UserFactory(email="compta@durand.example"), roles=[Role.BUYER]
    )
    MembershipFactory(
        company=wanted, user=UserFactory(email="achats@durand.example"), roles=[Role.SIGNATORY]
    )
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    def found(query):
        page = client.get("/admin/accounts/company/", {"q": query}).content.decode()
        return {c.legal_name for c in (wanted, other) if c.legal_name in page}

    assert found("compta@durand.example") == {"Atelier Numérique Durand"}
    # Two members match "durand.example": the company is listed once.
    page = client.get("/admin/accounts/company/", {"q": "durand.example"}).content.decode()
    assert page.count("Atelier Numérique Durand</a>") == 1
    assert found(wanted.siren) == {"Atelier Numérique Durand"}
    assert found(other.vat_number) == {"Bureautique Martin"}
    assert found("Martin") == {"Bureautique Martin"}
