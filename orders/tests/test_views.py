"""Customer portal: my quotes and orders, signing through the form, verification, renewal.
Every customer URL naming a quote or an order of another company answers 404."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import UserFactory
from orders.models import Order, QuoteStatus
from orders.services import quote_sign, run_expire_quotes
from orders.tests.factories import (
    company_with_people,
    data_url,
    deliver_outbox,
    draft_quote,
    issued_quote,
    paris,
    product,
    sales_user,
    sign_kwargs,
    sign_post,
    signature_png,
)

pytestmark = pytest.mark.django_db

# The pages are shown on 10/03/2026 at 15:00, one hour after the quote was issued.
SHOWN = paris(2026, 3, 10, 15, 0)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(SHOWN, tick=False):
        yield


@pytest.fixture
def world(terms):
    alpha, alpha_signatory, alpha_buyer, _admin = company_with_people(legal_name="ALPHA SECRETE")
    _beta, beta_signatory, _beta_buyer, _beta_admin = company_with_people(legal_name="BETA")
    sales = sales_user()
    item = product(reference="ECR-24", designation="Écran 24 pouces")
    quote = issued_quote(company=alpha, user=sales, lines=[(item, 2)])
    signed = issued_quote(company=alpha, user=sales, lines=[(item, 1)])
    order = quote_sign(**sign_kwargs(signed, alpha_signatory))
    deliver_outbox()
    draft = draft_quote(company=alpha, user=sales, lines=[(item, 3)])
    return {
        "alpha": alpha,
        "alpha_signatory": alpha_signatory,
        "alpha_buyer": alpha_buyer,
        "beta_signatory": beta_signatory,
        "quote": quote,
        "signed": signed,
        "order": order,
        "draft": draft,
        "item": item,
    }


def quote_url(name, quote):
    return reverse(f"orders:{name}", kwargs={"number": quote.number, "version": quote.version})


QUOTE_URLS = [
    ("quote_detail", "quote", "get"),
    ("quote_pdf", "quote", "get"),
    ("quote_signed_pdf", "signed", "get"),
    ("quote_sign", "quote", "get"),
    ("quote_sign", "quote", "post"),
    ("quote_verify", "signed", "get"),
    ("quote_renew", "quote", "post"),
]


@pytest.mark.parametrize(("name", "key", "method"), QUOTE_URLS)
def test_another_company_s_quotes_are_404(client, world, name, key, method):
    client.force_login(world["beta_signatory"])
    quote = world[key]
    data = sign_post(quote) if name == "quote_sign" else {}
    response = getattr(client, method)(quote_url(name, quote), data)
    assert response.status_code == 404
    assert Order.objects.count() == 1  # nothing signed by the intruder


@pytest.mark.parametrize(("name", "key", "method"), [u for u in QUOTE_URLS if u[2] == "get"])
def test_the_same_quote_urls_work_for_the_company_itself(client, world, name, key, method):
    client.force_login(world["alpha_signatory"])
    response = client.get(quote_url(name, world[key]))
    assert response.status_code == 200


def test_order_detail_is_404_for_another_company(client, world):
    url = reverse("orders:order_detail", kwargs={"number": world["order"].number})
    client.force_login(world["beta_signatory"])
    assert client.get(url).status_code == 404
    client.force_login(world["alpha_buyer"])
    response = client.get(url)
    assert response.status_code == 200
    assert world["order"].number in response.content.decode()


def test_a_draft_revision_is_not_shown_to_the_customer(client, world):
    from orders.services import quote_revise

    revision = quote_revise(quote=world["quote"], user=sales_user())
    client.force_login(world["alpha_signatory"])
    assert (revision.number, revision.version) == (world["quote"].number, 2)
    assert client.get(quote_url("quote_detail", revision)).status_code == 404


def test_lists_show_only_the_company_s_own_documents(client, world):
    client.force_login(world["beta_signatory"])
    body = client.get(reverse("orders:quote_list")).content.decode()
    assert world["quote"].number not in body and "ALPHA" not in body
    body = client.get(reverse("orders:order_list")).content.decode()
    assert world["order"].number not in body
    client.force_login(world["alpha_buyer"])
    body = client.get(reverse("orders:quote_list")).content.decode()
    assert world["quote"].number in body and world["signed"].number in body
    assert "encore 15 j 9 h" in body  # valid until 26/03 00:00, seen on 10/03 15:00
    body = client.get(reverse("orders:order_list")).content.decode()
    assert world["order"].number in body


def test_anonymous_visitors_are_sent_to_the_login_page(client, world):
    response = client.get(reverse("orders:quote_list"))
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_quote_detail_shows_the_content_validity_and_documents(client, world):
    client.force_login(world["alpha_signatory"])
    body = client.get(quote_url("quote_detail", world["quote"])).content.decode()
    assert "ECR-24" in body and "Écran 24 pouces" in body
    assert "jusqu&#x27;au 25/03/2026 inclus" in body
    assert quote_url("quote_pdf", world["quote"]) in body
    assert quote_url("quote_sign", world["quote"]) in body


def test_sign_through_the_form(client, world):
    client.force_login(world["alpha_signatory"])
    url = quote_url("quote_sign", world["quote"])
    page = client.get(url).content.decode()
    assert 'name="content_sha256"' in page and world["quote"].content_sha256 in page
    assert "js/orders/signature.js" in page and "<script>" not in page
    response = client.post(
        url, sign_post(world["quote"]), REMOTE_ADDR="198.51.100.4", HTTP_USER_AGENT="Firefox/140"
    )
    order = Order.objects.get(quote=world["quote"])
    assert response.status_code == 302
    assert response["Location"] == reverse("orders:order_detail", kwargs={"number": order.number})
    evidence = order.quote.signature
    assert (evidence.ip_address, evidence.user_agent) == ("198.51.100.4", "Firefox/140")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quote_id": "999999"}, "ne correspond pas au devis"),
        ({"content_sha256": "0" * 64}, "Le devis a changé"),
        ({"payment_method": "lcr"}, "pas proposé pour ce devis"),
        ({"signature_data": ""}, "Signez dans le cadre"),
        ({"signature_data": data_url(signature_png(blank=True))}, "Le cadre de signature est vide"),
        ({"signature_data": "data:image/png;base64," + "A" * 400_000}, "trop volumineuse"),
        ({"accept_terms": None}, "Cochez l&#x27;acceptation"),
        ({"signer_name": ""}, "Indiquez vos nom et prénom"),
    ],
)
def test_refused_signatures_keep_what_was_typed(client, world, overrides, message):
    client.force_login(world["alpha_signatory"])
    response = client.post(
        quote_url("quote_sign", world["quote"]),
        sign_post(world["quote"], signer_title="Directrice des achats", **overrides),
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert message in body
    assert "Directrice des achats" in body
    assert not Order.objects.filter(quote=world["quote"]).exists()


@pytest.mark.parametrize(
    ("mode", "missing_signature"),
    [("drawn", "Signez dans le cadre"), ("typed", "Tapez votre signature")],
)
def test_every_missing_field_is_reported_at_once_in_a_summary(
    client, world, mode, missing_signature
):
    """Name, title, signature, payment method and acceptance all missing: one answer names
    them all, in a summary at the top of the form linking to each field."""
    client.force_login(world["alpha_signatory"])
    response = client.post(
        quote_url("quote_sign", world["quote"]),
        sign_post(
            world["quote"],
            signer_name="",
            signer_title=" ",
            signature_mode=mode,
            signature_data=None,
            payment_method=None,
            accept_terms=None,
        ),
    )
    assert response.status_code == 400
    summary = response.context["form"].error_summary()
    expected = [
        ("id_signer_name", "Indiquez vos nom et prénom."),
        ("id_signer_title", "Indiquez votre qualité (fonction) dans l'entreprise."),
        ("signature-pad" if mode == "drawn" else "id_typed_signature", missing_signature),
        ("payment-fieldset", "Choisissez un moyen de paiement."),
        ("id_accept_terms", "Cochez l'acceptation des conditions générales de vente"),
    ]
    assert [anchor for anchor, _message in summary] == [anchor for anchor, _m in expected]
    for (_anchor, message), (_a, start) in zip(summary, expected, strict=True):
        assert message.startswith(start)
    body = response.content.decode()
    assert body.index('id="sign-errors"') < body.index('name="signer_name"')
    assert 'href="#payment-fieldset"' in body and 'id="payment-fieldset"' in body
    assert not Order.objects.filter(quote=world["quote"]).exists()


def test_a_buyer_sees_why_she_cannot_sign(client, world):
    client.force_login(world["alpha_buyer"])
    url = quote_url("quote_sign", world["quote"])
    body = client.get(url).content.decode()
    assert "rôle « signataire »" in body and 'id="sign-form"' not in body
    response = client.post(url, sign_post(world["quote"]))
    assert response.status_code == 400
    assert not Order.objects.filter(quote=world["quote"]).exists()


def test_verify_page_confirms_both_hashes(client, world):
    client.force_login(world["alpha_buyer"])
    body = client.get(quote_url("quote_verify", world["signed"])).content.decode()
    assert 'id="verify-result" data-ok="true"' in body
    assert world["signed"].content_sha256 in body
    assert world["signed"].signature.signed_pdf_sha256 in body


def test_pdfs_are_served_privately(client, world):
    client.force_login(world["alpha_buyer"])
    response = client.get(quote_url("quote_signed_pdf", world["signed"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(quote_url("quote_signed_pdf", world["quote"])).status_code == 404


def test_expired_quote_offers_a_new_quote_in_one_click(client, world):
    run_expire_quotes(as_of=date(2026, 3, 26), now=paris(2026, 3, 27, 2, 0))
    with time_machine.travel(paris(2026, 3, 27, 9, 0), tick=False):
        client.force_login(world["alpha_buyer"])
        detail = quote_url("quote_detail", world["quote"])
        body = client.get(detail).content.decode()
        assert "Demander un nouveau devis" in body
        response = client.post(quote_url("quote_renew", world["quote"]))
        assert response.status_code == 302 and "/mes-devis/demandes/" in response["Location"]
        body = client.get(detail).content.decode()
        assert "Demande déjà transmise" in body
        signing = client.get(quote_url("quote_sign", world["quote"])).content.decode()
        assert 'id="sign-form"' not in signing
    world["quote"].refresh_from_db()
    assert world["quote"].status == QuoteStatus.EXPIRED


def test_order_on_hold_shows_the_reason(client, world):
    from accounts.models import CompanyCommercialSettings

    CompanyCommercialSettings.objects.filter(company=world["alpha"]).update(
        delivery_suspended=True, delivery_suspension_reason="Facture FA-2026-000012 impayée"
    )
    order = quote_sign(**sign_kwargs(world["quote"], world["alpha_signatory"]))
    client.force_login(world["alpha_buyer"])
    body = client.get(
        reverse("orders:order_detail", kwargs={"number": order.number})
    ).content.decode()
    assert 'id="hold-reason"' in body and "Facture FA-2026-000012 impayée" in body
    assert "Livraisons suspendues" in body


def test_user_without_a_company_gets_404(client, world):
    client.force_login(UserFactory())
    assert client.get(reverse("orders:quote_list")).status_code == 404


def test_english_url(client, world):
    client.force_login(world["alpha_signatory"])
    assert client.get("/en/mes-devis/").status_code == 200
