from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """A message that must leave the shop: written in the business transaction that makes
    it due, sent after commit by a worker, marked sent once (see `core.outbox`).

    Pending while `sent_at` is empty. `claimed_until` is the lease of the worker sending
    it: another worker skips the row until then, so two workers never send it twice.
    """

    topic = models.CharField(_("sujet"), max_length=100)
    # What makes the message unique (e.g. "order-acknowledgement:12:34"): written twice,
    # the second insert fails instead of queuing a second message.
    key = models.CharField(_("clé"), max_length=200, unique=True)
    payload = models.JSONField(_("contenu"), default=dict)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    claimed_until = models.DateTimeField(_("réservé jusqu'au"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("message à envoyer")
        verbose_name_plural = _("messages à envoyer")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return self.key
