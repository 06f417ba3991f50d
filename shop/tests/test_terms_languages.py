"""Contracts in the contract language: a version carries one text per language, is published
only with its French text (the one that prevails), marks translations, stays immutable, and
/cgv/ shows each reader their language with the right notice."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import translation

from core.audit import Actor
from core.errors import BusinessError
from shop.models import Terms, TermsStatus
from shop.selectors import terms_text_for_language
from shop.services import seller_preset_load, terms_publish
from shop.tests.factories import TermsFactory

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
JOB = Actor.of_job("test")


@pytest.mark.django_db
def test_a_version_without_its_french_text_is_not_published():
    terms = TermsFactory(text_fr="", text_en="English text", effective_date=date(2026, 3, 2))

    with pytest.raises(BusinessError) as refused:
        terms_publish(terms=terms, actor=JOB, at=NOW)

    assert (refused.value.code, refused.value.field) == ("terms_text_missing", "text_fr")
    assert "en français, la version qui fait foi" in refused.value.message
    assert Terms.objects.get().status == TermsStatus.DRAFT
    Terms.objects.update(text_fr="Texte français.", text_fr_translated_from="en")
    published = terms_publish(terms=Terms.objects.get(), actor=JOB, at=NOW)
    assert published.status == TermsStatus.PUBLISHED


def test_a_translation_needs_its_text_and_its_original():
    terms = TermsFactory.build(text_fr="Texte.", text_nl="", text_nl_translated_from="fr")
    with pytest.raises(ValidationError) as error:
        terms.clean()
    assert set(error.value.message_dict) == {"text_nl"}

    terms = TermsFactory.build(text_fr="Texte.", text_en="", text_fr_translated_from="en")
    with pytest.raises(ValidationError) as error:
        terms.clean()
    assert set(error.value.message_dict) == {"text_fr_translated_from"}

    TermsFactory.build(text_fr="Texte.", text_nl="Tekst.", text_nl_translated_from="fr").clean()


@pytest.mark.django_db
def test_a_text_is_no_translation_of_itself_nor_of_an_unknown_language():
    for mark in ("nl", "de"):
        with pytest.raises(DatabaseError), transaction.atomic():
            TermsFactory(text_nl="Tekst.", text_nl_translated_from=mark)


@pytest.mark.django_db
def test_published_texts_and_their_marks_are_immutable():
    TermsFactory(published=True, text_nl="Tekst.", text_nl_translated_from="fr")
    for change in ({"text_nl": "Andere tekst."}, {"text_nl_translated_from": ""}):
        with pytest.raises(DatabaseError), transaction.atomic():
            Terms.objects.update(**change)


def test_the_reader_gets_their_language_and_learns_what_prevails():
    terms = Terms(text_fr="Texte", text_fr_translated_from="en", text_en="Text")

    fr = terms_text_for_language(terms=terms, language="fr")
    assert (fr.text, fr.translated_from, fr.prevails, fr.languages) == (
        "Texte",
        "en",
        True,
        ("fr", "en"),
    )
    en = terms_text_for_language(terms=terms, language="en-gb")
    assert (en.text, en.language, en.translated_from, en.prevails, en.is_fallback) == (
        "Text",
        "en",
        "",
        False,
        False,
    )
    nl = terms_text_for_language(terms=terms, language="nl")
    assert (nl.text, nl.language, nl.is_fallback, nl.prevails) == ("Texte", "fr", True, True)


# --- /cgv/ with the presets' texts -----------------------------------------------------------


def page(client, language: str) -> str:
    with translation.override(language):
        response = client.get(reverse("terms"))
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
def test_preset_004_in_french_english_and_dutch(client):
    seller_preset_load(code="004")

    french = page(client, "fr")
    assert "457 € HT pour les commandes ne comprenant pas de consoles de jeux" in french
    assert (
        "Traduction française du texte original du vendeur en anglais. Cette version "
        "française est celle qui fait foi."
    ) in french
    assert "Cette version est publiée en : <strong" in french
    assert 'href="/en/cgv/v1/" hreflang="en">anglais</a>' in french

    english = page(client, "en")
    assert "457 € HT for orders excluding game consoles" in english
    assert (
        "The seller's original text, for information — only the French version is binding."
    ) in english
    assert 'href="/cgv/v1/" hreflang="fr">Read the French version</a>' in english

    dutch = page(client, "nl")  # no Dutch text: the French one, which prevails
    assert "457 € HT pour les commandes ne comprenant pas de consoles de jeux" in dutch
    assert "Deze voorwaarden zijn alleen beschikbaar in het Frans." in dutch


@pytest.mark.django_db
def test_preset_002_in_dutch_is_marked_as_a_translation(client):
    seller_preset_load(code="002")

    dutch = page(client, "nl")
    assert "beschikt de Koper over een termijn van 7 werkdagen" in dutch
    assert "Vertaling — enkel de Franse versie is rechtsgeldig." in dutch
    assert 'href="/cgv/v1/" hreflang="fr">De Franse versie lezen</a>' in dutch

    french = page(client, "fr")
    assert "un délai de 7 jours ouvrables pour effectuer ce dernier" in french
    assert "Traduction" not in french[french.index("terms-meta") :][:400]
    assert "néerlandais</a>" in french
