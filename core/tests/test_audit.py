import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, IntegrityError, transaction

from core.audit import Actor, audit_record
from core.models import AuditEvent
from tests.kernel.models import Ticket


@pytest.mark.django_db
def test_audit_rows_are_append_only():
    ticket = Ticket.objects.create(title="T1")
    event = audit_record(obj=ticket, actor=Actor.of_job("job"), to_state="open")

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.django_db
def test_database_requires_exactly_one_actor(django_user_model):
    ticket = Ticket.objects.create(title="T1")
    user = django_user_model.objects.create_user(email="a@example.com", password="x")
    content_type = ContentType.objects.get_for_model(Ticket)
    for actor_user, actor_job in [(None, ""), (user, "job")]:
        with pytest.raises(IntegrityError), transaction.atomic():
            AuditEvent.objects.create(
                content_type=content_type,
                object_id=str(ticket.pk),
                object_repr="T1",
                to_state="open",
                actor_user=actor_user,
                actor_job=actor_job,
            )
