from core.models.audit import AuditEvent
from core.models.documents import StoredDocument
from core.models.jobs import JobRun
from core.models.outbox import OutboxMessage
from core.models.sequences import SequenceCounter

__all__ = ["AuditEvent", "JobRun", "OutboxMessage", "SequenceCounter", "StoredDocument"]
