"""Customers' quote requests belong to the company they were made for: sales are told of
each, see the company and create the quote in one action (or decline with a reason); the
company follows its requests in "Mes devis", each linked to the quote made from it."""

from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Membership
from accounts.tests.factories import UserFactory
from core.errors import BusinessError
from orders.models import Quote, QuoteStatus
from orders.services import quote_create_from_request, quote_issue
from orders.services.quote_requests import quote_request_decline
from orders.tests.factories import NOW, company_with_people, paris, product, sales_group
from shop.models import QuoteRequest, QuoteRequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(terms, settings):
    settings.SALES_NOTIFICATION_EMAILS = []
    alpha, alpha_signatory, alpha_buyer, _admin = company_with_people(legal_name="ALPHA")
    beta, beta_signatory, _beta_buyer, _beta_admin = company_with_people(legal_name="BETA")
    sales = UserFactory(is_staff=True, email="ventes@vendeur.example", first_name="Vera")
    sales.groups.add(sales_group())
    return {
        "alpha": alpha,
        "alpha_signatory": alpha_signatory,
        "alpha_buyer": alpha_buyer,
        "beta": beta,
        "beta_signatory": beta_signatory,
        "sales": sales,
        "screen": product(
            reference="ECR-24", designation="Écran 24 pouces", price_ht=Decimal("76.00")
        ),
    }


def request_from_cart(client, buyer, message="") -> QuoteRequest:
    """The buyer's own path: add to the cart, then "Demander un devis"."""
    client.force_login(buyer)
    client.post(reverse("cart_add", args=["ECR-24"]), {"quantite": "3"})
    response = client.post(reverse("quote_request_create"), {"message": message})
    assert response.status_code == 302, response.content.decode()[:2000]
    return QuoteRequest.objects.latest("id")


def test_a_request_keeps_the_company_it_was_made_for(client, world):
    """A buyer who moves to another company does not take the request along: the quote is
    made for the company of the request, and BETA never sees it."""
    request = request_from_cart(client, world["alpha_buyer"])
    assert request.company_link.company == world["alpha"]
    Membership.objects.filter(user=world["alpha_buyer"]).update(company=world["beta"])
    quote = quote_create_from_request(quote_request=request, user=world["sales"])
    assert quote.company == world["alpha"]
    client.force_login(world["beta_signatory"])
    url = reverse("orders:quote_request_detail", args=[request.pk])
    assert client.get(url).status_code == 404
    assert (
        f'data-request="{request.pk}"'
        not in client.get(reverse("orders:quote_list")).content.decode()
    )


def test_another_companys_request_is_404_and_absent_from_its_list(client, world):
    """Tenant isolation of the new customer URL: BETA's signatory gets 404 on ALPHA's
    request and does not see it listed; ALPHA's signatory (not the requester) sees it."""
    request = request_from_cart(client, world["alpha_buyer"])
    url = reverse("orders:quote_request_detail", args=[request.pk])
    client.force_login(world["beta_signatory"])
    assert client.get(url).status_code == 404
    assert client.get(f"/en{url}").status_code == 404
    listing = client.get(reverse("orders:quote_list")).content.decode()
    assert f'data-request="{request.pk}"' not in listing
    client.force_login(world["alpha_signatory"])
    assert client.get(url).status_code == 200


def test_sales_are_told_of_each_new_request(
    client, world, settings, django_capture_on_commit_callbacks
):
    """Without configured addresses, the active members of the sales group; with them,
    those addresses only. The message is there to read, the link opens the request."""
    with django_capture_on_commit_callbacks(execute=True):
        request = request_from_cart(client, world["alpha_buyer"], message="Livrer à Lyon")
    to_sales = [m for m in mail.outbox if m.to == ["ventes@vendeur.example"]]
    assert len(to_sales) == 1
    assert to_sales[0].subject == f"Demande de devis n° {request.pk} — ALPHA"
    assert "Livrer à Lyon" in to_sales[0].body
    assert "il ne fait pas partie du devis" in to_sales[0].body
    assert f"/admin/shop/quoterequest/{request.pk}/change/" in to_sales[0].body
    # 3 x 76.00 = 228.00 of goods, shipping 10.00 from 152.00 (004): 238.00 HT estimated.
    assert "Total HT estimé au panier : 238,00" in to_sales[0].body
    settings.SALES_NOTIFICATION_EMAILS = ["devis@vendeur.example", "chef@vendeur.example"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_from_cart(client, world["alpha_buyer"])
    assert sorted(m.to[0] for m in mail.outbox) == ["chef@vendeur.example", "devis@vendeur.example"]


def test_the_company_follows_its_requests_in_mes_devis(client, world):
    """Sent, then "devis émis" linked to the newest version the customer can see; another
    request declined with its reason. A colleague of the requester sees them too."""
    quoted = request_from_cart(client, world["alpha_buyer"])
    declined = request_from_cart(client, world["alpha_buyer"])
    client.force_login(world["alpha_signatory"])
    page = client.get(reverse("orders:quote_list")).content.decode()
    assert page.count('data-state="sent"') == 2

    draft = quote_create_from_request(quote_request=quoted, user=world["sales"])
    page = client.get(reverse("orders:quote_list")).content.decode()
    assert page.count('data-state="sent"') == 2  # a draft is not shown to customers
    issued = quote_issue(quote=draft, user=world["sales"], now=paris(2026, 3, 10, 14, 30))
    quote_request_decline(quote_request=declined, user=world["sales"], reason="Article arrêté.")

    page = client.get(reverse("orders:quote_list")).content.decode()
    assert page.count('data-state="quoted"') == 1 and page.count('data-state="declined"') == 1
    detail = reverse("orders:quote_detail", args=[issued.number, issued.version])
    assert f'href="{detail}"' in page
    body = client.get(reverse("orders:quote_request_detail", args=[quoted.pk])).content.decode()
    assert 'id="request-quote"' in body and issued.reference in body
    body = client.get(reverse("orders:quote_request_detail", args=[declined.pk])).content.decode()
    assert 'id="request-declined"' in body and "Article arrêté." in body


def test_a_request_is_quoted_once_and_a_declined_one_never(world, client):
    request = request_from_cart(client, world["alpha_buyer"])
    quote = quote_create_from_request(quote_request=request, user=world["sales"])
    with pytest.raises(BusinessError) as error:
        quote_create_from_request(quote_request=request, user=world["sales"])
    assert error.value.code == "quote_request_already_quoted"
    with pytest.raises(BusinessError) as error:
        quote_request_decline(quote_request=request, user=world["sales"], reason="Non.")
    assert error.value.code == "quote_request_not_pending"
    other = request_from_cart(client, world["alpha_buyer"])
    with pytest.raises(BusinessError) as error:
        quote_request_decline(quote_request=other, user=world["sales"], reason="  ")
    assert (error.value.code, error.value.field) == ("quote_request_decline_reason", "reason")
    quote_request_decline(quote_request=other, user=world["sales"], reason="Hors gamme.")
    with pytest.raises(BusinessError) as error:
        quote_create_from_request(quote_request=other, user=world["sales"])
    assert error.value.code == "quote_request_declined"
    assert Quote.objects.get() == quote


def test_sales_create_the_quote_from_the_request_in_one_action(client, world):
    request = request_from_cart(client, world["alpha_buyer"], message="Pour l'agence <b>Lyon</b>")
    client.force_login(world["sales"])
    page = client.get(reverse("admin:shop_quoterequest_change", args=[request.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "ALPHA" in html and 'id="quote-request-create"' in html
    assert "Pour l&#x27;agence &lt;b&gt;Lyon&lt;/b&gt;" in html
    listing = client.get(reverse("admin:shop_quoterequest_changelist")).content.decode()
    assert "ALPHA" in listing

    response = client.post(reverse("admin:shop_quoterequest_create_quote", args=[request.pk]))
    quote = Quote.objects.get()
    assert response["Location"] == reverse("admin:orders_quote_change", args=[quote.pk])
    assert quote.company == world["alpha"] and quote.status == QuoteStatus.DRAFT
    assert quote.free_text == ""
    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.HANDLED
    # A second click creates nothing and says why.
    response = client.post(
        reverse("admin:shop_quoterequest_create_quote", args=[request.pk]), follow=True
    )
    assert "déjà été préparé" in response.content.decode()
    assert Quote.objects.count() == 1


def test_sales_decline_a_request_with_a_reason(client, world):
    request = request_from_cart(client, world["alpha_buyer"])
    client.force_login(world["sales"])
    url = reverse("admin:shop_quoterequest_decline", args=[request.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and "motif du refus" in response.content.decode()
    response = client.post(url, {"reason": "Produit en fin de vie."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.DECLINED
    assert request.decline_reason == "Produit en fin de vie."


def test_staff_without_the_issue_permission_cannot_act_on_requests(client, world):
    request = request_from_cart(client, world["alpha_buyer"])
    client.force_login(UserFactory(is_staff=True))
    url = reverse("admin:shop_quoterequest_create_quote", args=[request.pk])
    assert client.post(url).status_code == 403
    assert not Quote.objects.exists()


def test_issuing_asks_for_confirmation_first(client, world):
    request = request_from_cart(client, world["alpha_buyer"])
    draft = quote_create_from_request(quote_request=request, user=world["sales"])
    client.force_login(world["sales"])
    url = reverse("admin:orders_quote_issue", args=[draft.pk])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="quote-issue-confirm"' in html and "ALPHA" in html
    # Issued on 10/03/2026 at 14:00 with 15 days: valid to the end of 25/03.
    assert "jusqu&#x27;au 25/03/2026 inclus" in html
    assert world["alpha_buyer"].email in html and world["alpha_signatory"].email in html
    draft.refresh_from_db()
    assert draft.status == QuoteStatus.DRAFT and not draft.number
    response = client.post(url)
    draft.refresh_from_db()
    assert response.status_code == 302 and draft.status == QuoteStatus.ISSUED
    # Once issued, the confirmation page sends back to the quote.
    assert client.get(url).status_code == 302
