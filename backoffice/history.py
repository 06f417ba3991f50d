"""One object's history for its change page: its state moves (core.audit) and its field
changes (django-pghistory), with who and when, in French, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext as _
from pghistory.models import Events

from core.audit import audit_history, audit_state_label


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    who: str
    what: str
    details: tuple[str, ...] = ()


def _field_label(model: type[Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value(model: type[Model], name: str, value) -> str:
    if value in (None, "", []):
        return "∅"
    try:
        field = model._meta.get_field(name)
        base = getattr(field, "base_field", field)  # a list of choices (ArrayField)
        choices = dict(getattr(base, "flatchoices", ()))
    except FieldDoesNotExist:
        choices = {}
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return str(choices.get(value, value))


def _state_moves(obj: Model) -> list[TimelineEntry]:
    model = type(obj)
    entries = []
    for event in audit_history(obj):
        before = audit_state_label(model, event.field, event.from_state) if event.from_state else ""
        after = audit_state_label(model, event.field, event.to_state)
        what = (
            _("%(before)s → %(after)s") % {"before": before, "after": after}
            if before
            else _("→ %(after)s") % {"after": after}
        )
        details = (event.reason,) if event.reason else ()
        entries.append(TimelineEntry(event.created_at, event.actor, what, details))
    return entries


def _field_changes(obj: Model) -> list[TimelineEntry]:
    model = type(obj)
    if not getattr(model, "pgh_event_models", None):
        return []
    events = list(Events.objects.tracks(obj).order_by("pgh_created_at"))
    user_ids = {(event.pgh_context or {}).get("user") for event in events if event.pgh_context} - {
        None
    }
    users = {user.pk: str(user) for user in get_user_model().objects.filter(pk__in=user_ids)}
    entries = []
    for event in events:
        context = event.pgh_context or {}
        who = users.get(context.get("user"), "") or _("traitement automatique")
        if event.pgh_label == "insert" or not event.pgh_diff:
            entries.append(TimelineEntry(event.pgh_created_at, who, _("Création")))
            continue
        details = tuple(
            _("%(field)s : %(before)s → %(after)s")
            % {
                "field": _field_label(model, name),
                "before": _value(model, name, change[0]),
                "after": _value(model, name, change[1]),
            }
            for name, change in sorted(event.pgh_diff.items())
        )
        entries.append(TimelineEntry(event.pgh_created_at, who, _("Modification"), details))
    return entries


def object_timeline(obj: Model) -> list[TimelineEntry]:
    """The object's state moves and field changes, newest first."""
    if obj is None or obj.pk is None:
        return []
    entries = _state_moves(obj) + _field_changes(obj)
    return sorted(entries, key=lambda entry: entry.at, reverse=True)
