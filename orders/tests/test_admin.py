"""Sales in the admin: the "Service commercial" group, drafts with lines priced by the
engine, issuing, revising, the pipeline (status and value filters), PDFs, verification."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import UserFactory
from orders.models import LineKind, Quote, QuoteStatus
from orders.services import quote_sign
from orders.tests.factories import (
    company_quote_request,
    company_with_people,
    deliver_outbox,
    issued_quote,
    paris,
    product,
    sales_group,
    sales_user,
    sign_kwargs,
)
from shop.models import QuoteRequestStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(paris(2026, 3, 10, 14, 0), tick=False):
        yield


@pytest.fixture
def sales(terms):
    user = UserFactory(is_staff=True, email="commercial@vendeur.example")
    user.groups.add(sales_group())
    return user


@pytest.fixture
def world(sales):
    company, signatory, buyer, _admin = company_with_people(legal_name="CLIENT SA")
    return {
        "company": company,
        "signatory": signatory,
        "buyer": buyer,
        "screen": product(
            reference="ECR-24", designation="Écran 24 pouces", price_ht=Decimal("76.00")
        ),
    }


def inline(rows, initial=0):
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{index}-{key}"] = value
    return data


def test_the_sales_group_has_the_permissions_of_its_work():
    group = sales_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_quote", "change_quote", "view_quote", "issue_quote", "view_order"} <= codenames
    assert {"view_quoterequest", "view_product", "view_company"} <= codenames
    assert not {"delete_quote", "change_order", "change_product", "change_company"} & codenames


def test_sales_create_a_draft_priced_by_the_engine_then_issue_it(client, sales, world, mailoutbox):
    client.force_login(sales)
    data = {
        "company": world["company"].pk,
        "quote_request": "",
        "discount_percent": "0",
        "shipping_fee_ht": "",
        "free_text": "Délai : 5 jours ouvrés.",
        **inline(
            [
                {"product": world["screen"].pk, "quantity": "2"},
                {
                    "product": "",
                    "quantity": "1",
                    "reference": "INST-1",
                    "designation": "Installation sur site",
                    "list_price_ht": "150.00",
                    "vat_rate": "20.00",
                },
            ]
        ),
    }
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quote = Quote.objects.get()
    assert response["Location"] == reverse("admin:orders_quote_change", args=[quote.pk])
    assert quote.status == QuoteStatus.DRAFT
    lines = list(quote.lines.order_by("position").values_list("kind", "reference", "line_total_ht"))
    # 2 x 76.00 + 150.00 = 302.00 goods, >= 152: shipping 10.00; HT 312.00, TTC 374.40.
    assert lines == [
        (LineKind.GOODS, "ECR-24", Decimal("152.00")),
        (LineKind.SPECIAL, "INST-1", Decimal("150.00")),
        (LineKind.SHIPPING, "", Decimal("10.00")),
    ]
    assert quote.total_ttc == Decimal("374.40")
    page = client.get(reverse("admin:orders_quote_change", args=[quote.pk])).content.decode()
    assert 'id="quote-issue"' in page and "374,40" in page
    response = client.post(reverse("admin:orders_quote_issue", args=[quote.pk]))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.ISSUED and quote.number == "DEV-2026-000001"
    # A special line: special-order quote (no special validity in these terms: 15 days).
    assert quote.is_special_order
    page = client.get(reverse("admin:orders_quote_change", args=[quote.pk])).content.decode()
    assert 'id="quote-revise"' in page and 'id="quote-issue"' not in page
    assert client.get(reverse("admin:orders_quote_pdf", args=[quote.pk])).status_code == 200
    assert client.get(reverse("admin:orders_quote_signed_pdf", args=[quote.pk])).status_code == 404


def test_a_refused_line_is_shown_in_the_form(client, sales, world):
    client.force_login(sales)
    data = {
        "company": world["company"].pk,
        "discount_percent": "0",
        **inline([{"product": "", "quantity": "1", "reference": "X"}]),
    }
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 200
    assert "Ligne hors catalogue" in response.content.decode()
    assert not Quote.objects.exists()


def test_editing_a_draft_reprices_and_issued_quotes_are_read_only(client, sales, world):
    client.force_login(sales)
    from orders.tests.factories import draft_quote

    quote = draft_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    line = quote.lines.get(kind=LineKind.GOODS)
    data = {
        "delivery_address": "",
        "discount_percent": "10",
        "shipping_fee_ht": "0",
        "free_text": "",
        **inline(
            [{"id": line.pk, "quote": quote.pk, "product": world["screen"].pk, "quantity": "3"}],
            initial=1,
        ),
    }
    response = client.post(reverse("admin:orders_quote_change", args=[quote.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quote.refresh_from_db()
    # 76.00 less 10% = 68.40 x 3 = 205.20, shipping quoted 0.
    assert quote.total_ht == Decimal("205.20")
    issued = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    page = client.get(reverse("admin:orders_quote_change", args=[issued.pk])).content.decode()
    assert 'name="_save"' not in page


def test_a_line_discount_and_a_net_price_are_entered_in_the_admin(client, sales, world):
    client.force_login(sales)
    data = {
        "company": world["company"].pk,
        "quote_request": "",
        "discount_percent": "0",
        "shipping_fee_ht": "0",
        **inline(
            [
                {"product": world["screen"].pk, "quantity": "2", "discount_percent": "12,5"},
                {
                    "product": "",
                    "quantity": "1",
                    "reference": "POSE",
                    "designation": "Pose",
                    "list_price_ht": "80",
                    "vat_rate": "20.00",
                    "net_price_ht": "65",
                },
            ]
        ),
    }
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quote = Quote.objects.get()
    # 76.00 - 12.5 % (9.50) = 66.50 x 2 = 133.00; net 65.00: goods 198.00, shipping 0.
    assert quote.total_ht == Decimal("198.00")
    page = client.get(reverse("admin:orders_quote_change", args=[quote.pk])).content.decode()
    assert "remise 12.5 %" in page
    data["lines-0-discount_percent"] = "10"
    data["lines-0-net_price_ht"] = "60"
    Quote.objects.all().delete()
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 200
    assert "soit une remise, soit un prix net" in response.content.decode()


def test_revise_from_the_admin(client, sales, world):
    quote = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    client.force_login(sales)
    response = client.post(reverse("admin:orders_quote_revise", args=[quote.pk]))
    revision = Quote.objects.get(version=2)
    assert response["Location"] == reverse("admin:orders_quote_change", args=[revision.pk])
    assert revision.number == quote.number and revision.status == QuoteStatus.DRAFT


def test_issue_needs_the_permission(client, world):
    staff = UserFactory(is_staff=True)
    quote = issued_quote(company=world["company"], user=sales_user(), lines=[(world["screen"], 1)])
    client.force_login(staff)
    assert client.post(reverse("admin:orders_quote_revise", args=[quote.pk])).status_code == 403


def test_quote_from_a_customer_request_in_the_admin(client, sales, world):
    request = company_quote_request(
        company=world["company"],
        buyer=world["buyer"],
        product=world["screen"],
        quantity=5,
        message="Livraison <b>avant</b> le 20.",
    )
    client.force_login(sales)
    data = {"company": "", "quote_request": request.pk, "discount_percent": "0", **inline([])}
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    quote = Quote.objects.get()
    assert quote.company == world["company"] and quote.quote_request == request
    assert quote.lines.get(kind=LineKind.GOODS).quantity == 5
    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.HANDLED
    # The message is shown to sales beside the draft (escaped), not copied into it.
    assert quote.free_text == ""
    page = client.get(reverse("admin:orders_quote_change", args=[quote.pk])).content.decode()
    assert "Livraison &lt;b&gt;avant&lt;/b&gt; le 20." in page
    assert 'class="customer-message"' in page


def test_pipeline_filters_and_verification(client, sales, world):
    small = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    big = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 200)])
    quote_sign(**sign_kwargs(small, world["signatory"]))
    deliver_outbox()
    client.force_login(sales)
    url = reverse("admin:orders_quote_changelist")
    page = client.get(url).content.decode()
    assert 'id="quote-pipeline"' in page
    assert client.get(url, {"status__exact": "signed"}).context["cl"].result_count == 1
    assert client.get(url, {"valeur": "gte10000"}).context["cl"].result_list[0] == big
    assert client.get(url, {"valeur": "lt1000"}).context["cl"].result_list[0] == small
    page = client.get(reverse("admin:orders_quote_verify", args=[small.pk])).content.decode()
    assert 'data-ok="true"' in page
    assert client.get(reverse("admin:orders_quote_signed_pdf", args=[small.pk])).status_code == 200
    order = small.order
    page = client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert order.number in page
    assert client.get(reverse("admin:orders_quotesignature_changelist")).status_code == 200


def test_a_request_quoted_meanwhile_gets_a_message_not_a_server_error(client, sales, world):
    """Two sales people create the quote from the same request: the second reads why."""
    request = company_quote_request(
        company=world["company"], buyer=world["buyer"], product=world["screen"], quantity=1
    )
    client.force_login(sales)
    data = {"company": "", "quote_request": request.pk, "discount_percent": "5", **inline([])}
    assert client.post(reverse("admin:orders_quote_add"), data).status_code == 302
    response = client.post(reverse("admin:orders_quote_add"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "errornote" in page or "errorlist" in page
    assert Quote.objects.count() == 1
