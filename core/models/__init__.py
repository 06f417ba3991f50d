from core.models.audit import AuditEvent
from core.models.documents import StoredDocument
from core.models.jobs import JobRun
from core.models.sequences import SequenceCounter

__all__ = ["AuditEvent", "JobRun", "SequenceCounter", "StoredDocument"]
