"""Load one of the five sellers' presets: the seller identity and its published terms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pgtrigger
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor
from core.errors import BusinessError
from shop.models import Seller, Terms, TermsStatus
from shop.presets import Preset, preset_get
from shop.services.terms import terms_publish

LOADER_JOB = "seller_preset_load"
TERMS_IMMUTABLE_TRIGGER = "shop.Terms:terms_published_immutable"


def seller_preset_load(
    *,
    code: str,
    replace: bool = False,
    at: datetime | None = None,
    complete: Callable[[dict], dict] | None = None,
) -> Seller:
    """Load preset `code` ("000" to "004"): the seller and its terms, version 1, published.

    Returns the seller; its published version is `terms_published_list(seller=...)`.
    `complete`, when given, maps the seed's identity to the one created (the demo fills
    what the seed lacks, `demo.seller`); the seller is then recognised by that name.

    Idempotent: when the same seller (same legal name and country) is already there
    with a published version, nothing is changed (the identity staff may have
    completed in the admin is kept). When a different seller is there, refuses with
    `BusinessError` `seller_preset_other_seller`, unless `replace` is true: then the
    old seller and its terms are deleted first, which the database refuses
    (`seller_in_use`) as soon as anything else references them (a fresh database only).
    The identity is checked with `Seller.clean()` and the terms with `Terms.clean()`.
    Raises `BusinessError` `seller_preset_unknown` for an unknown code.
    """
    preset = preset_get(code)
    _check_preset_complete(preset)
    identity = complete(dict(preset.seller)) if complete else dict(preset.seller)
    at = at or timezone.now()
    actor = Actor.of_job(LOADER_JOB)
    with transaction.atomic():
        seller = Seller.objects.select_for_update().first()
        if seller is not None and not _is_same_seller(seller, identity):
            if not replace:
                raise BusinessError(
                    "seller_preset_other_seller",
                    _(
                        "Le vendeur « %(current)s » est déjà enregistré : le préréglage "
                        "%(code)s (« %(name)s ») ne peut pas le remplacer sans l'option "
                        "--replace, réservée à une base sans commandes."
                    ),
                    params={
                        "current": seller.legal_name,
                        "code": preset.code,
                        "name": identity["legal_name"],
                    },
                )
            _seller_delete(seller)
            seller = None
        if seller is None:
            seller = Seller(**identity)
            _full_clean(seller, code=preset.code)
            seller.save()
        published = (
            Terms.objects.filter(seller=seller, status=TermsStatus.PUBLISHED)
            .order_by("version")
            .first()
        )
        if published is not None:
            return seller
        highest = Terms.objects.filter(seller=seller).order_by("-version").first()
        terms = Terms(
            seller=seller,
            version=highest.version + 1 if highest else 1,
            effective_date=preset.effective_date,
            status=TermsStatus.DRAFT,
            **preset.terms,
            **{f"text_{language}": text for language, text in preset.texts.items()},
            **{
                f"text_{language}_translated_from": source
                for language, source in preset.translated_from.items()
            },
        )
        _full_clean(terms, code=preset.code)
        terms.save()
        terms_publish(terms=terms, actor=actor, at=at)
    return seller


def _is_same_seller(seller: Seller, identity: dict) -> bool:
    return (
        seller.legal_name.casefold() == identity["legal_name"].casefold()
        and seller.country == identity["country"]
    )


def _check_preset_complete(preset: Preset) -> None:
    expected = set(Terms.parameter_names())
    given = set(preset.terms)
    if expected != given:
        raise ImproperlyConfigured(
            f"Preset {preset.code}: missing {sorted(expected - given)}, "
            f"unknown {sorted(given - expected)}"
        )


def _full_clean(obj, *, code: str) -> None:
    try:
        obj.full_clean()
    except ValidationError as error:
        raise BusinessError(
            "seller_preset_invalid",
            _("Le préréglage %(code)s est invalide : %(errors)s"),
            params={"code": code, "errors": error.message_dict},
        ) from error


def _seller_delete(seller: Seller) -> None:
    """Delete a seller and its terms, published ones included, if nothing references them."""
    try:
        with pgtrigger.ignore(TERMS_IMMUTABLE_TRIGGER), transaction.atomic():
            Terms.objects.filter(seller=seller).delete()
            seller.delete()
    except (ProtectedError, RestrictedError, IntegrityError) as error:
        raise BusinessError(
            "seller_in_use",
            _(
                "Le vendeur « %(name)s » ne peut pas être remplacé : ses conditions de vente "
                "sont déjà utilisées (devis, commandes ou factures)."
            ),
            params={"name": seller.legal_name},
        ) from error
