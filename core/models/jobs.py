from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    """One run of one daily job for one business day: what was done, for replay and audit."""

    job = models.CharField(max_length=100)
    as_of = models.DateField()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    summary = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("exécution de tâche quotidienne")
        verbose_name_plural = _("exécutions des tâches quotidiennes")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["job", "as_of"])]

    def __str__(self) -> str:
        return f"{self.job} {self.as_of}"
