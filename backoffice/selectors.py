"""Reads of the back office that no app offers a selector for (yet)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import QuerySet

from billing.selectors import OPEN_STATUSES
from orders.models import ComplaintStatus, QuoteStatus


def orders_in_status(*, queryset: QuerySet, status: str) -> QuerySet:
    """The orders of `queryset` in `status`, the oldest first."""
    return queryset.filter(status=status).order_by("placed_at", "id")


def quotes_expiring(*, queryset: QuerySet, now: datetime, within: timedelta) -> QuerySet:
    """Issued quotes whose validity ends between `now` and `now + within`: the customer
    should be reminded, or a new quote prepared."""
    return queryset.filter(
        status=QuoteStatus.ISSUED, valid_until__gt=now, valid_until__lte=now + within
    ).order_by("valid_until", "id")


def invoices_overdue(*, queryset: QuerySet, as_of: date) -> QuerySet:
    """Invoices with an amount due whose due date is before `as_of` (due on `as_of` is not
    yet late), the oldest due first: billing's own rule, for every company at once."""
    return queryset.filter(status__in=OPEN_STATUSES, due_date__lt=as_of).order_by(
        "due_date", "number"
    )


def statement_lines_in(*, queryset: QuerySet, status: str) -> QuerySet:
    """Bank statement lines (received transfers) in `status`, the oldest booked first."""
    return queryset.filter(status=status).order_by("pk")


def complaints_open(*, queryset: QuerySet) -> QuerySet:
    """Complaints not yet handled by after-sales, the oldest first."""
    return queryset.filter(status=ComplaintStatus.OPEN).order_by("created_at", "id")
