"""The single way to move a status.

A stateful model declares its states as `TextChoices` and the allowed moves as a
class attribute `TRANSITIONS = {from_state: {to_state, ...}}`. `transition_apply`
locks the row, checks the move, saves only the changed fields and writes the audit
row, all in one transaction. Nothing else assigns a status.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from contextlib import nullcontext
from datetime import datetime
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record, audit_state_label
from core.errors import BusinessError

M = TypeVar("M", bound=models.Model)


class TransitionRefused(BusinessError):
    pass


def transition_allowed(model: type[models.Model], from_state: str, to_state: str) -> bool:
    transitions: Mapping[str, Collection[str]] | None = getattr(model, "TRANSITIONS", None)
    if transitions is None:
        raise ImproperlyConfigured(f"{model.__name__} declares no TRANSITIONS mapping.")
    return to_state in transitions.get(from_state, ())


def transition_apply(
    obj: M,
    *,
    to: str,
    actor: Actor,
    reason: str = "",
    data: dict | None = None,
    changes: dict | None = None,
    field: str = "status",
    at: datetime | None = None,
    locked: bool = False,
) -> M:
    """Move `obj.<field>` to `to`, with optional other field `changes` saved alongside.

    Raises TransitionRefused when the move is not in the model's TRANSITIONS from the
    state found in the database (which may differ from the caller's stale copy).
    Returns the locked, updated instance; the caller's `obj` is updated too.
    `locked=True`: the caller read `obj` with SELECT ... FOR UPDATE in its transaction,
    so its state is the database's: it is neither read nor locked again.
    """
    model = type(obj)
    if locked and not connection.in_atomic_block:
        raise RuntimeError("transition_apply(locked=True) needs the caller's transaction.")
    with nullcontext() if locked else transaction.atomic():
        # The move never changes the row's key: a no-key lock lets rows referencing it in.
        row = (
            obj if locked else model._default_manager.select_for_update(no_key=True).get(pk=obj.pk)
        )
        current = getattr(row, field)
        if not transition_allowed(model, current, to):
            raise TransitionRefused(
                "transition_refused",
                _("Impossible de passer de « %(from)s » à « %(to)s »."),
                params={
                    "from": audit_state_label(model, field, current),
                    "to": audit_state_label(model, field, to),
                },
            )
        update_fields = [field, *(changes or {})]
        setattr(row, field, to)
        for name, value in (changes or {}).items():
            setattr(row, name, value)
        row.save(update_fields=update_fields)
        audit_record(
            obj=row,
            actor=actor,
            field=field,
            from_state=current,
            to_state=to,
            reason=reason,
            data=data,
            at=at,
        )
    for name in update_fields:
        setattr(obj, name, getattr(row, name))
    return row


def state_check_constraint(model_name: str, field: str, choices) -> models.CheckConstraint:
    """A database check that `field` holds one of the declared states."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": choices.values}),
        name=f"{model_name}_{field}_valid",
    )
