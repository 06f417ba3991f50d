"""Which reader a statement file needs, decided from its content (not its name)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from billing.statements.camt053 import camt053_parse
from billing.statements.coda import coda_parse
from billing.statements.csv_format import csv_parse
from billing.statements.entries import ParsedStatement, statement_error


def statement_parse(content: bytes) -> ParsedStatement:
    """The statement in `content`: CAMT.053 (XML), CODA (records of 128 characters
    starting with record 0) or CSV. Errors: BusinessError `statement_empty`, and those of
    each reader (`statement_malformed`, `statement_encoding`)."""
    head = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if not head:
        raise statement_error("statement_empty", _("Le fichier est vide."))
    if head.startswith(b"<"):
        return camt053_parse(content)
    if head.startswith(b"0000") and len(head.split(b"\n", 1)[0].rstrip(b"\r")) == 128:
        return coda_parse(content)
    return csv_parse(content)
