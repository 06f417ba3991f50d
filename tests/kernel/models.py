from django.db import models

from core.transitions import state_check_constraint


class TicketStatus(models.TextChoices):
    OPEN = "open", "Ouvert"
    IN_PROGRESS = "in_progress", "En cours"
    DONE = "done", "Terminé"
    CANCELLED = "cancelled", "Annulé"


class Ticket(models.Model):
    Status = TicketStatus
    TRANSITIONS = {
        TicketStatus.OPEN: {TicketStatus.IN_PROGRESS, TicketStatus.CANCELLED},
        TicketStatus.IN_PROGRESS: {TicketStatus.DONE, TicketStatus.CANCELLED},
    }

    title = models.CharField(max_length=50)
    status = models.CharField(max_length=20, choices=TicketStatus.choices, default="open")
    closed_note = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [state_check_constraint("ticket", "status", TicketStatus)]

    def __str__(self) -> str:
        return self.title
