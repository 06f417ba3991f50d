"""Public terms pages, the seller context processor and the staff screens."""

from datetime import date

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from shop.context_processors import seller as seller_context
from shop.context_processors import seller_and_terms_for
from shop.models import Seller, Terms, TermsStatus
from shop.selectors import TERMS_TEXT_FIELDS
from shop.tests.factories import SellerFactory, TermsFactory

TODAY = date(2026, 5, 15)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-05-15 10:00 +02:00", tick=False):
        yield


@pytest.fixture
def versions():
    """Version 1 (in force from January), 2 (in force since April), 3 (draft)."""
    v1 = TermsFactory(
        published=True, version=1, effective_date=date(2026, 1, 1), text_fr="Ancien texte v1."
    )
    v2 = TermsFactory(
        seller=v1.seller,
        published=True,
        version=2,
        effective_date=date(2026, 4, 1),
        text_fr="Texte en vigueur v2.",
        text_en="Text in force v2.",
    )
    v3 = TermsFactory(seller=v1.seller, version=3, effective_date=date(2026, 6, 1))
    return v1, v2, v3


# --- /cgv/ -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_current_terms_page_shows_the_version_in_force_and_lists_the_earlier_one(client, versions):
    v1, v2, _v3 = versions

    response = client.get(reverse("terms"))

    assert response.status_code == 200
    assert response.context["terms"] == v2
    assert response.context["earlier_versions"] == [v1]
    page = response.content.decode()
    assert "Texte en vigueur v2." in page
    assert "Version 2, en vigueur depuis le 1 avril 2026." in page
    assert "Ancien texte v1." not in page
    assert f'href="{reverse("terms_version", args=[1])}"' in page
    assert reverse("terms_version", args=[3]) not in page  # a draft is never linked


@pytest.mark.django_db
def test_current_terms_page_in_english_shows_the_translation_with_a_note(client, versions):
    with translation.override("en"):
        url = reverse("terms")

    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    page = response.content.decode()
    assert "Text in force v2." in page
    assert "Texte en vigueur v2." not in page
    assert response.context["text"].language == "en"


@pytest.mark.django_db
def test_missing_translation_falls_back_to_french_with_a_note(client, versions):
    with translation.override("nl"):
        url = reverse("terms")

    response = client.get(url)

    text = response.context["text"]
    assert (text.text, text.language, text.is_fallback) == ("Texte en vigueur v2.", "fr", True)
    assert 'lang="fr"' in response.content.decode()
    assert "terms-language-note" in response.content.decode()


@pytest.mark.django_db
def test_current_terms_page_without_any_published_version(client):
    TermsFactory()  # a draft only

    response = client.get(reverse("terms"))

    assert response.status_code == 200
    assert response.context["terms"] is None


@pytest.mark.django_db
def test_current_terms_page_lists_an_upcoming_published_version(client, versions):
    v1, _v2, _v3 = versions
    v4 = TermsFactory(seller=v1.seller, published=True, version=4, effective_date=date(2026, 7, 1))

    response = client.get(reverse("terms"))

    assert response.context["upcoming_versions"] == [v4]
    assert response.context["earlier_versions"] == [v1]


# --- /cgv/v<n>/ ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_earlier_version_page_shows_it_with_a_banner(client, versions):
    v1, _v2, _v3 = versions

    response = client.get(reverse("terms_version", args=[1]))

    assert response.status_code == 200
    assert response.context["terms"] == v1
    assert not response.context["is_current"]
    page = response.content.decode()
    assert "Ancien texte v1." in page
    assert "La version 1 n&#x27;est plus en vigueur." in page or (
        "La version 1 n'est plus en vigueur." in page
    )
    assert f'href="{reverse("terms")}"' in page


@pytest.mark.django_db
def test_version_page_of_the_version_in_force_redirects_to_the_terms_page(client, versions):
    response = client.get(reverse("terms_version", args=[2]))

    assert response.status_code == 302
    assert response["Location"] == reverse("terms")


@pytest.mark.django_db
def test_draft_version_page_is_not_found(client, versions):
    response = client.get(reverse("terms_version", args=[3]))

    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_version_page_is_not_found(client, versions):
    assert client.get(reverse("terms_version", args=[99])).status_code == 404


@pytest.mark.django_db
def test_version_page_without_seller_is_not_found(client):
    assert client.get(reverse("terms_version", args=[1])).status_code == 404


# --- context processor -----------------------------------------------------------------------


@pytest.mark.django_db
def test_context_processor_reads_seller_and_terms_in_force_once_per_request(
    versions, django_assert_num_queries
):
    _v1, v2, _v3 = versions
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        context = seller_context(request)  # lazy: nothing read until a template asks
    # First read since the terms were written: the version, then seller and terms.
    with django_assert_num_queries(2):
        assert context["seller"] == v2.seller
        assert context["terms_in_force"] == v2
        again = seller_context(request)  # cached on the request
        assert again["seller"] == v2.seller and again["terms_in_force"] == v2
        assert seller_and_terms_for(request).terms == v2
    # The contract texts are not read for the layout.
    assert set(TERMS_TEXT_FIELDS) <= context["terms_in_force"].get_deferred_fields()
    # The next request reads only the version: the terms row is not built again.
    with django_assert_num_queries(1):
        later = seller_and_terms_for(RequestFactory().get("/"))
    assert (later.seller, later.terms) == (v2.seller, v2)
    assert later.terms.seller is later.seller  # its own copies, linked
    assert later.terms is not context["terms_in_force"]._wrapped


@pytest.mark.django_db
def test_seller_and_terms_in_force_are_read_again_after_any_write_to_them(
    versions, django_assert_num_queries
):
    _v1, v2, v3 = versions
    seller_and_terms_for(RequestFactory().get("/"))  # remembered under the current version

    Seller.objects.update(trade_name="Nouveau nom")  # a bulk write: no save(), no signal
    with django_assert_num_queries(2):
        current = seller_and_terms_for(RequestFactory().get("/"))
    assert current.seller.trade_name == "Nouveau nom"

    Terms.objects.filter(pk=v3.pk).update(
        status=TermsStatus.PUBLISHED, published_at=v2.published_at
    )
    with time_machine.travel(date(2026, 6, 2)):
        current = seller_and_terms_for(RequestFactory().get("/"))
    assert current.terms == v3


@pytest.mark.django_db
def test_seller_and_terms_are_read_again_on_another_day(versions):
    v1, v2, _v3 = versions
    with time_machine.travel(date(2026, 5, 1)):
        assert seller_and_terms_for(RequestFactory().get("/")).terms == v2
    with time_machine.travel(date(2026, 3, 1)):
        assert seller_and_terms_for(RequestFactory().get("/")).terms == v1


@pytest.mark.django_db
def test_a_change_to_the_handed_out_seller_reaches_no_other_request(versions):
    first = seller_and_terms_for(RequestFactory().get("/"))
    first.seller.trade_name = "Changé en mémoire"
    second = seller_and_terms_for(RequestFactory().get("/"))
    assert second.seller.trade_name == versions[0].seller.trade_name


@pytest.mark.django_db
def test_context_processor_without_terms_in_force(django_assert_num_queries):
    seller = SellerFactory()
    request = RequestFactory().get("/")
    with django_assert_num_queries(3):  # the version, the terms (none), the seller
        current = seller_and_terms_for(request)
    assert (current.seller, current.terms) == (seller, None)


@pytest.mark.django_db
def test_context_processor_without_seller(django_assert_num_queries):
    with django_assert_num_queries(3):  # the version, the terms (none), the seller (none)
        context = seller_context(RequestFactory().get("/"))
        assert not context["seller"]
        assert not context["terms_in_force"]
    with django_assert_num_queries(1):  # nothing written since: the version only
        context = seller_context(RequestFactory().get("/"))
        assert not context["seller"]


# --- admin -----------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(email="admin@example.com", password="x")
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_seller_admin_allows_no_second_seller(admin_client):
    assert admin_client.get(reverse("admin:shop_seller_add")).status_code == 200
    seller = SellerFactory()

    assert admin_client.get(reverse("admin:shop_seller_add")).status_code == 403
    page = admin_client.get(reverse("admin:shop_seller_change", args=[seller.pk]))
    assert page.status_code == 200
    assert "pghistory/events/?method=tracks" in page.content.decode()


@pytest.mark.django_db
def test_seller_admin_shows_identifier_errors_next_to_the_field(admin_client):
    seller = SellerFactory()
    url = reverse("admin:shop_seller_change", args=[seller.pk])
    data = {
        "legal_name": seller.legal_name,
        "country": "FR",
        "siren": "401483301",
        "_save": "Enregistrer",
    }

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["siren"] == [
        "Le SIREN 401483301 est invalide : sa clé de contrôle est fausse."
    ]


@pytest.mark.django_db
def test_published_terms_are_read_only_in_the_admin(admin_client, versions):
    _v1, v2, v3 = versions

    published_page = admin_client.get(reverse("admin:shop_terms_change", args=[v2.pk]))
    draft_page = admin_client.get(reverse("admin:shop_terms_change", args=[v3.pk]))

    assert published_page.status_code == 200
    assert 'name="quote_validity_value"' not in published_page.content.decode()
    assert 'name="quote_validity_value"' in draft_page.content.decode()
    response = admin_client.post(
        reverse("admin:shop_terms_change", args=[v2.pk]), {"quote_validity_value": "30"}
    )
    assert response.status_code == 403
    assert Terms.objects.get(pk=v2.pk).quote_validity_value == 15


@pytest.mark.django_db
def test_admin_action_copies_a_version_to_a_new_draft(admin_client, versions):
    _v1, v2, _v3 = versions

    admin_client.post(
        reverse("admin:shop_terms_changelist"),
        {"action": "new_draft_from_selected", "_selected_action": [v2.pk]},
    )

    draft = Terms.objects.get(version=4)
    assert (draft.status, draft.text_fr, draft.text_en) == (
        TermsStatus.DRAFT,
        "Texte en vigueur v2.",
        "Text in force v2.",
    )


@pytest.mark.django_db
def test_admin_action_publishes_a_draft(admin_client, versions):
    _v1, _v2, v3 = versions

    admin_client.post(
        reverse("admin:shop_terms_changelist"),
        {"action": "publish_selected", "_selected_action": [v3.pk]},
    )

    v3.refresh_from_db()
    assert v3.status == TermsStatus.PUBLISHED
