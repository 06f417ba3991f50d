"""Catalogue search: a typed text turned into a PostgreSQL full-text query, with synonyms.

The search vector (`Product.search_vector`, kept by a trigger) holds the reference and
the brand as they are, and the designation and the description stemmed in French, all
without accents. A typed text becomes one group per word, every group a prefix match
("ordi" finds "ordinateur"), all groups required.

Synonyms are expanded in the query, not in the vector: PostgreSQL's thesaurus
dictionaries need files on the database server, which a managed database does not
allow, while a table here is reviewed like code and changes nothing stored. A word (or
phrase) of a group of `SYNONYMS` is replaced by "any member of the group": "écran"
searches `(ecran:* | moniteur:* | monitor:*)`, "ordinateur portable" searches
`(ordinateur:* & portable:* | laptop:* | …)`. Phrases are matched first, longest first.
The matches are ranked by the words as typed (`search_rank_query`): "écran" lists the
screens named "Écran" before the monitors named "Moniteur".
"""

from __future__ import annotations

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery

MAX_WORDS = 12

# Each group: words or phrases a buyer uses for the same thing (French first, then the
# English and trade words found in catalogues). Written with accents; folded on load.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("switch", "commutateur"),
    ("écran", "moniteur", "monitor"),
    ("portable", "ordinateur portable", "laptop", "notebook"),
    ("imprimante", "printer"),
    ("disque", "ssd", "stockage", "storage"),
    ("serveur", "server"),
    ("station de travail", "workstation"),
    ("routeur", "router"),
    ("borne wifi", "point d'accès", "access point"),
    ("onduleur", "ups"),
    ("station d'accueil", "dock"),
    ("clavier", "keyboard"),
    ("souris", "mouse"),
    ("câble", "cordon", "cable"),
    ("casque", "micro-casque", "headset"),
    ("toner", "cartouche"),
    ("logiciel", "software", "licence"),
    ("vidéoprojecteur", "projecteur", "projector"),
    ("sacoche", "sac", "housse"),
    ("bureau", "desk"),
    ("fauteuil", "siège", "chair"),
    ("console", "playstation", "xbox"),
)

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case, accents removed (as the search vector is built)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search_terms(text: str) -> list[str]:
    """The words of a search, lower case and without accents, at most `MAX_WORDS`."""
    return _WORD.findall(fold(text))[:MAX_WORDS]


def _synonym_index() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """Every member of every group, as a tuple of folded words, mapped to its group."""
    index: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in SYNONYMS:
        members = tuple(dict.fromkeys(tuple(search_terms(member)) for member in group))
        for member in members:
            index[member] = members
    return index


_SYNONYM_INDEX = _synonym_index()
_LONGEST = max(len(member) for member in _SYNONYM_INDEX)


def search_groups(words: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    """The words of a search grouped into alternatives: each group is satisfied by any
    one of its alternatives, an alternative needs all its words."""
    groups = []
    position = 0
    while position < len(words):
        for size in range(min(_LONGEST, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + size])
            if phrase in _SYNONYM_INDEX:
                groups.append(_SYNONYM_INDEX[phrase])
                position += size
                break
        else:
            groups.append(((words[position],),))
            position += 1
    return groups


def search_query_text(words: list[str]) -> str:
    """The raw tsquery text of `words`: `(a:* | b:* & c:*) & d:*`. Words are `\\w+` only."""
    parts = []
    for alternatives in search_groups(words):
        options = [" & ".join(f"{word}:*" for word in option) for option in alternatives]
        parts.append("(" + " | ".join(options) + ")" if len(options) > 1 else options[0])
    return " & ".join(parts)


def _query(raw: str) -> SearchQuery:
    """Stemmed in French (designation, description) or taken as is (references, brands)."""
    return SearchQuery(raw, search_type="raw", config="french") | SearchQuery(
        raw, search_type="raw", config="simple"
    )


def search_query(text: str) -> SearchQuery | None:
    """The full-text query of a typed search (with synonyms), or None when it has no word."""
    words = search_terms(text)
    return _query(search_query_text(words)) if words else None


def search_rank_query(text: str) -> SearchQuery | None:
    """The query that ranks the matches: the words as typed, any of them, no synonyms, so
    a product named with the buyer's own word comes before one found by a synonym."""
    words = search_terms(text)
    return _query(" | ".join(f"{word}:*" for word in words)) if words else None
