"""Public pages of the general terms of sale: the version in force and earlier ones."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation

from shop.models import TermsLanguage
from shop.models.terms import PREVAILING_LANGUAGE
from shop.selectors import (
    seller_get_current,
    terms_get_published,
    terms_in_force,
    terms_published_list,
    terms_text_for_language,
)


def terms_current(request):
    seller = seller_get_current()
    today = timezone.localdate()
    current = terms_in_force(seller=seller, on=today) if seller else None
    published = terms_published_list(seller=seller) if seller else []
    return render(
        request,
        "shop/terms.html",
        _context(terms=current, current=current, published=published, today=today),
    )


def terms_version(request, version: int):
    seller = seller_get_current()
    if seller is None:
        raise Http404
    terms = terms_get_published(seller=seller, version=version)
    if terms is None:
        raise Http404
    today = timezone.localdate()
    current = terms_in_force(seller=seller, on=today)
    if current is not None and current.pk == terms.pk:
        return redirect("terms")
    published = terms_published_list(seller=seller)
    return render(
        request,
        "shop/terms.html",
        _context(terms=terms, current=current, published=published, today=today),
    )


def _context(*, terms, current, published, today):
    text = (
        terms_text_for_language(terms=terms, language=translation.get_language()) if terms else None
    )
    others = [t for t in published if terms is None or t.pk != terms.pk]
    labels = dict(TermsLanguage.choices)
    return {
        "language_versions": [
            {"code": code, "label": labels[code], "prevails": code == PREVAILING_LANGUAGE}
            for code in (text.languages if text else ())
        ],
        "text_source_label": labels.get(text.translated_from, "") if text else "",
        "terms": terms,
        "is_current": terms is not None and current is not None and terms.pk == current.pk,
        "is_upcoming": terms is not None and terms.effective_date > today,
        "current": current,
        "text": text,
        "earlier_versions": [
            t for t in others if t.effective_date <= today and (current is None or t != current)
        ],
        "upcoming_versions": [t for t in others if t.effective_date > today],
    }
