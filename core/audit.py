"""Who did what and when: the record every state move leaves behind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from core.models import AuditEvent


@dataclass(frozen=True)
class Actor:
    """A signed-in person or a scheduled job: exactly one of the two."""

    user: Any = None
    job: str = ""

    def __post_init__(self):
        if (self.user is None) == (not self.job):
            raise ValueError("An actor is either a user or a job name, not both nor neither.")

    @classmethod
    def of_user(cls, user) -> Actor:
        return cls(user=user)

    @classmethod
    def of_job(cls, name: str) -> Actor:
        return cls(job=name)

    def __str__(self) -> str:
        return str(self.user) if self.user is not None else self.job


def audit_record(
    *,
    obj: models.Model,
    actor: Actor,
    to_state: str,
    from_state: str = "",
    field: str = "status",
    reason: str = "",
    data: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Write one audit row for `obj`. Call it inside the transaction of the change."""
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        field=field,
        from_state=from_state,
        to_state=to_state,
        actor_user=actor.user,
        actor_job=actor.job,
        reason=reason,
        data=data or {},
        created_at=at or timezone.now(),
    )


def audit_history(obj: models.Model):
    """The audit rows of one object, oldest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
    ).select_related("actor_user")


def audit_state_label(model: type[models.Model], field: str, state: str) -> str:
    """The translated name of `state` of `model.<field>` ("En cours de vérification",
    never "submitted"); the raw value for a field without choices or an unknown value."""
    try:
        model_field = model._meta.get_field(field)
    except FieldDoesNotExist:
        return state
    choices = dict(getattr(model_field, "flatchoices", ()))
    return str(choices.get(state, state))


def audit_history_html(obj: models.Model) -> str:
    """The audit rows of `obj` as an HTML list for staff pages, states by their names."""
    events = list(audit_history(obj))
    if not events:
        return "—"
    model = type(obj)
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} — {} → {} — {}{}</li>",
            (
                (
                    timezone.localtime(event.created_at).strftime("%d/%m/%Y %H:%M"),
                    audit_state_label(model, event.field, event.from_state)
                    if event.from_state
                    else "∅",
                    audit_state_label(model, event.field, event.to_state),
                    event.actor_user or event.actor_job,
                    f" — {event.reason}" if event.reason else "",
                )
                for event in events
            ),
        ),
    )
