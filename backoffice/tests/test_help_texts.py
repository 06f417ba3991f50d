"""Staff read help texts without the terms' table rows and the seed references."""

import re

import pytest

from accounts.tests.factories import UserFactory
from backoffice.help_texts import staff_help_text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "Ligne « quote validity » : durée de validité d'un devis émis (001 art. 4, "
            "004 art. 1 : 15 jours ; 000 art. 3 : 3 jours). Défaut : 15 jours.",
            "Durée de validité d'un devis émis. Défaut : 15 jours.",
        ),
        (
            "Unité de la durée : Ligne « quote validity » : durée (003 art. 2.1 : 72 heures).",
            "Unité de la durée : durée.",
        ),
        (
            "Ligne « payment methods offered » : 000 art. 4, contre-remboursement (frais).",
            "Contre-remboursement (frais).",
        ),
        (
            "Ligne « deposit kept on cancellation » : l'acompte reste acquis (001 art. 4). "
            "000 : un paiement n'est jamais un acompte.",
            "L'acompte reste acquis.",
        ),
        (
            "Remise (jamais sur les classes « L » et « S », 004 art. 4).",
            "Remise (jamais sur les classes « L » et « S »).",
        ),
        (
            "Ligne « seller country » des paramètres des CGV : fixe le droit applicable.",
            "Fixe le droit applicable.",
        ),
        (
            "Row “quote validity”: validity of an issued quote (001 art. 4, 004 art. 1: "
            "15 days). Default: 15 days.",
            "Validity of an issued quote. Default: 15 days.",
        ),
        ("Rij “late penalty rate”: veelvoud (000: ×5; 004: ×3).", "Veelvoud."),
        ("Vide : sans objet ; 0 : aucun.", "Vide : sans objet ; 0 : aucun."),
    ],
)
def test_rows_and_seed_references_are_left_out(text, shown):
    assert staff_help_text(text) == shown


SEED_REFERENCE = re.compile(r"\b00[0-4]\b|\bart\. \d|Ligne «|Row “")


def test_the_terms_page_shows_no_seed_reference(client, db):
    """The admin is outside the language-prefixed URLs: it speaks the default, French."""
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/shop/terms/add/")
    assert response.status_code == 200
    helps = re.findall(r'<div class="help[^"]*"[^>]*>\s*<div>(.*?)</div>', response.text, re.S)
    assert len(helps) > 50
    assert [text for text in helps if SEED_REFERENCE.search(text)] == []
    assert (
        "Délai de paiement que le personnel peut accorder après une étude financière."
        in response.text
    )
