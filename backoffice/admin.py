"""Read-only technical screens of the kernels (core has no admin of its own): the audit
journal, the outbox and the daily job runs. Shown to administrators only
(backoffice.sections); nothing here can be changed from the admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_read_only import ReadOnlyAdminMixin
from core.audit import audit_state_label
from core.models import AuditEvent, JobRun, OutboxMessage


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("when", "kind", "what", "before", "after", "actor", "reason")
    list_filter = ("content_type",)
    search_fields = ("object_repr", "object_id", "actor_job", "actor_user__email", "reason")
    date_hierarchy = "created_at"
    list_select_related = ("content_type", "actor_user")

    @admin.display(description=_("le"), ordering="created_at")
    def when(self, obj):
        return obj.created_at

    @admin.display(description=_("type d'objet"))
    def kind(self, obj):
        return obj.content_type.name

    @admin.display(description=_("objet"))
    def what(self, obj):
        return obj.object_repr

    @admin.display(description=_("avant"))
    def before(self, obj):
        return self._state(obj, obj.from_state) if obj.from_state else "—"

    @admin.display(description=_("après"))
    def after(self, obj):
        return self._state(obj, obj.to_state)

    @admin.display(description=_("par"))
    def actor(self, obj):
        return obj.actor

    @staticmethod
    def _state(obj, state: str) -> str:
        model = obj.content_type.model_class()
        return audit_state_label(model, obj.field, state) if model else state


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "topic", "key", "attempts", "sent_at", "last_error")
    list_filter = ("topic", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("key", "topic")
    date_hierarchy = "created_at"


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("day", "job", "started_at", "finished_at", "done")
    list_filter = ("job", "succeeded")
    date_hierarchy = "as_of"

    @admin.display(description=_("jour traité"), ordering="as_of")
    def day(self, obj):
        return obj.as_of

    @admin.display(description=_("réussie"), boolean=True)
    def done(self, obj):
        return obj.succeeded
