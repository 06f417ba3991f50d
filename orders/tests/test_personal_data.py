"""A person downloads what the shop holds on them: their own data, never another user's."""

import json

from django.urls import reverse

from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
)


def download(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("personal_data"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mes-donnees-')
    assert response["Cache-Control"] == "private, no-store"
    return json.loads(response.content)


def test_the_signatory_gets_their_record_company_and_signature_evidence(
    client, terms, django_capture_on_commit_callbacks
):
    company, signatory, buyer, admin = company_with_people(legal_name="OMEGA SAS")
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 1)])
    with django_capture_on_commit_callbacks(execute=True):
        quote_sign(**sign_kwargs(quote, signatory))

    data = download(client, signatory)
    assert data["user"]["email"] == signatory.email
    assert data["user"]["last_name"] == "Signe"
    assert data["membership"]["roles"] == ["signatory"]
    assert data["membership"]["company"]["legal_name"] == "OMEGA SAS"
    (signature,) = data["signatures"]
    assert signature["quote"] == quote.reference
    assert (signature["ip_address"], signature["user_agent"]) == (
        "203.0.113.7",
        "Mozilla/5.0 (test)",
    )
    assert signature["signer_title"] == "Gérante"
    text = json.dumps(data)
    for other in (buyer, admin):
        assert other.email not in text


def test_another_user_of_the_company_gets_none_of_the_signatory_data(
    client, terms, django_capture_on_commit_callbacks
):
    company, signatory, buyer, _admin = company_with_people()
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 1)])
    with django_capture_on_commit_callbacks(execute=True):
        quote_sign(**sign_kwargs(quote, signatory))

    data = download(client, buyer)
    assert data["user"]["email"] == buyer.email
    assert data["signatures"] == []
    text = json.dumps(data)
    assert signatory.email not in text and "203.0.113.7" not in text
    # Only administrators see the KYC pieces; a buyer gets those they sent, here none.
    assert data["membership"]["kyc_documents"] == []


def test_the_download_requires_signing_in(client):
    response = client.get(reverse("personal_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
