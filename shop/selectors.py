"""Reads of the shop's data for views, admin and other apps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shop.models import Product, Seller, Terms, TermsStatus


def product_list_for_home(*, limit: int = 12):
    return Product.objects.filter(is_active=True).order_by("reference")[:limit]


# --- seller and terms of sale ---------------------------------------------------------------


def seller_get_current() -> Seller | None:
    """The shop operator (there is at most one row), or None before a preset is loaded."""
    return Seller.objects.first()


def terms_in_force(*, seller: Seller, on: date) -> Terms | None:
    """The published version with the latest effective date not after `on`.

    Two published versions with the same effective date: the higher version wins.
    Returns None when no published version is in force on that day.
    """
    return (
        Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED, effective_date__lte=on)
        .order_by("-effective_date", "-version")
        .first()
    )


def terms_published_list(*, seller: Seller) -> list[Terms]:
    """Every published version of the seller, the most recent effective date first."""
    return list(
        Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED).order_by(
            "-effective_date", "-version"
        )
    )


def terms_get_published(*, seller: Seller, version: int) -> Terms | None:
    """One published version by its number; None for drafts and unknown numbers."""
    return Terms.objects.filter(
        seller=seller, status=TermsStatus.PUBLISHED, version=version
    ).first()


@dataclass(frozen=True)
class TermsText:
    text: str
    language: str
    is_fallback: bool


def terms_text_for_language(*, terms: Terms, language: str) -> TermsText:
    """The full text in `language`, else in French (which prevails), else any text there is."""
    language = (language or "fr").split("-")[0].lower()
    texts = {"fr": terms.text_fr, "en": terms.text_en, "nl": terms.text_nl}
    if texts.get(language):
        return TermsText(texts[language], language, is_fallback=False)
    for candidate in ("fr", "en", "nl"):
        if texts[candidate]:
            return TermsText(texts[candidate], candidate, is_fallback=True)
    return TermsText("", language, is_fallback=False)
