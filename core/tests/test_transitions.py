"""The single way to move a status: checked against TRANSITIONS, locked, audited."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from core.audit import Actor, audit_history
from core.models import AuditEvent
from core.transitions import TransitionRefused, transition_apply
from tests.concurrency import run_together
from tests.kernel.models import Ticket


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(email="staff@example.com", password="x")


@pytest.mark.django_db
def test_allowed_move_saves_and_audits(staff):
    ticket = Ticket.objects.create(title="T1")
    at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)

    transition_apply(
        ticket,
        to="in_progress",
        actor=Actor.of_user(staff),
        reason="prise en charge",
        data={"queue": "A"},
        at=at,
    )

    assert ticket.status == "in_progress"
    assert Ticket.objects.get(pk=ticket.pk).status == "in_progress"
    (event,) = audit_history(ticket)
    assert (event.from_state, event.to_state) == ("open", "in_progress")
    assert event.actor_user == staff and event.actor_job == ""
    assert event.reason == "prise en charge"
    assert event.data == {"queue": "A"}
    assert event.created_at == at


@pytest.mark.django_db
def test_job_actor_and_extra_changes():
    ticket = Ticket.objects.create(title="T1", status="in_progress")

    transition_apply(
        ticket, to="done", actor=Actor.of_job("close_tickets"), changes={"closed_note": "fini"}
    )

    ticket.refresh_from_db()
    assert (ticket.status, ticket.closed_note) == ("done", "fini")
    assert audit_history(ticket).get().actor == "close_tickets"


@pytest.mark.django_db
def test_refused_move_raises_clear_error_and_changes_nothing(staff):
    ticket = Ticket.objects.create(title="T1", status="done")

    with pytest.raises(TransitionRefused) as refused:
        transition_apply(ticket, to="open", actor=Actor.of_user(staff))

    assert refused.value.code == "transition_refused"
    assert refused.value.message == "Impossible de passer de « Terminé » à « Ouvert »."
    assert Ticket.objects.get(pk=ticket.pk).status == "done"
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_decides_on_the_database_state_not_a_stale_copy(staff):
    ticket = Ticket.objects.create(title="T1")
    stale = Ticket.objects.get(pk=ticket.pk)
    transition_apply(ticket, to="cancelled", actor=Actor.of_user(staff))

    with pytest.raises(TransitionRefused):
        transition_apply(stale, to="in_progress", actor=Actor.of_user(staff))


@pytest.mark.django_db
def test_database_refuses_an_unknown_state():
    with pytest.raises(IntegrityError), transaction.atomic():
        Ticket.objects.create(title="T1", status="lost")


def test_actor_is_a_user_or_a_job():
    with pytest.raises(ValueError):
        Actor()
    with pytest.raises(ValueError):
        Actor(user=object(), job="x")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_exactly_one_wins(django_user_model):
    user = django_user_model.objects.create_user(email="a@example.com", password="x")
    ticket = Ticket.objects.create(title="T1")

    def take() -> str:
        try:
            transition_apply(
                Ticket.objects.get(pk=ticket.pk), to="in_progress", actor=Actor.of_user(user)
            )
        except TransitionRefused:
            return "refused"
        return "moved"

    outcomes, errors = run_together([take] * 8)

    assert errors == []
    assert sorted(outcomes) == ["moved"] + ["refused"] * 7
    assert AuditEvent.objects.count() == 1
