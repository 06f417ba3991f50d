"""Links that leave the site (e-mails, PDFs): absolute URLs, in the reader's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def language_supported(language: str | None) -> str:
    """`language` reduced to a language of the site ("en-gb" -> "en"); the default else."""
    code = (language or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


def site_url(path: str, *, base_url: str | None = None) -> str:
    """An absolute URL for a link in an e-mail."""
    return (base_url or settings.SITE_URL).rstrip("/") + path


def url_in_language(viewname: str, *, language: str, kwargs=None) -> str:
    """The path of `viewname` in `language` (prefixed for English and Dutch)."""
    with translation.override(language_supported(language)):
        return reverse(viewname, kwargs=kwargs)
