"""Help texts as staff read them.

The models' help texts also serve the developers: they name the parameter's row in the
terms' table ("Ligne « quote validity » : …") and the seed terms it comes from
("001 art. 4"). Staff need neither: the back office shows each help text without them, in
every language, so that a text changed or added by any app is shown clean without a
second copy of it here.
"""

from __future__ import annotations

import re

# "Ligne « quote validity » : ", "Row “quote validity”: ", "Regel ‘…’, 2e partie: ".
_ROW_NAME = re.compile(r"(?:Ligne|Row|Regel|Rij)\s*[«“‘\"][^»”’\"]*[»”’\"][^:]{0,40}:\s*")
_SEED = r"\b00[0-4]\b(?:\s+art\.\s*[\d.]+)?"
# Seeds cited at the end of a parenthesis that says more: "(jamais sur « L », 004 art. 4)".
_SEED_CLOSING = re.compile(rf"\s*[,;]\s*{_SEED}(?:\s*,\s*{_SEED})*\s*\)")
# A parenthesis that cites a seed: "(001 art. 4, 004 art. 1 : 15 jours)", "(003)".
_SEED_PARENTHESIS = re.compile(r"\s*\((?=[^()]*\b00[0-4]\b)[^()]*\)")
# A sentence about one seed only: "000 : un paiement n'est jamais un acompte."
_SEED_SENTENCE = re.compile(rf"(?:^|(?<=\.))\s*{_SEED}(?:\s*,\s*{_SEED})*\s*:[^.]*\.")
# A seed named in the sentence: "000 art. 8, logiciels…", "; 004, refus…", "001 : 2,5".
_SEED_IN_TEXT = re.compile(rf"{_SEED}(?:\s*,\s*{_SEED})*\s*[,:]\s*")
_SEED_ALONE = re.compile(rf"\s*{_SEED}")


def staff_help_text(text: str) -> str:
    """`text` without the parameter rows and the seed references, its first letter upper."""
    cleaned = _ROW_NAME.sub("", str(text))
    cleaned = _SEED_CLOSING.sub(")", cleaned)
    cleaned = _SEED_PARENTHESIS.sub("", cleaned)
    cleaned = _SEED_SENTENCE.sub("", cleaned)
    cleaned = _SEED_IN_TEXT.sub("", cleaned)
    cleaned = _SEED_ALONE.sub("", cleaned)
    cleaned = re.sub(r"\s+([.,])", r"\1", cleaned)
    cleaned = re.sub(r"\s{2,}", " ", cleaned).strip()
    return cleaned[:1].upper() + cleaned[1:]
