"""Acceleration (001 art. 7, 004 art. 5): one overdue invoice makes all the others due.

Under Terms with `acceleration_on_overdue`, from the first day an invoice of a company is
overdue (the day after its due date, while unpaid), every other open invoice of that
company made under such Terms is due that day: its `due_date` moves there (never later,
never before its issue date) and `original_due_date` keeps the printed one, so interest
on it runs from the day after. One set-based UPDATE for all companies: running it
twice, or for an earlier day after a later one, changes nothing more.
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from billing.models import Invoice, InvoiceKind, InvoiceSettlement
from shop.models import Terms

_UNPAID_ON = """
    {alias}.total_ttc > COALESCE(
        (SELECT SUM(s.amount) FROM {settlements} s
         WHERE s.invoice_id = {alias}.id AND s."on" <= %(as_of)s), 0)
"""


def run_acceleration(*, as_of: date) -> dict:
    """Move the due dates of the other open invoices of companies with an overdue invoice.

    Effects: `Invoice.due_date` of the accelerated invoices (row locks taken by the
    UPDATE, so a payment being recorded is waited for). Returns the number moved.
    """
    invoices = Invoice._meta.db_table
    settlements = InvoiceSettlement._meta.db_table
    sql = f"""
        WITH accelerated AS (
            SELECT i.company_id, MIN(i.due_date) + 1 AS due_on
            FROM {invoices} i JOIN {Terms._meta.db_table} t ON t.id = i.terms_id
            WHERE t.acceleration_on_overdue AND i.kind <> %(penalty)s
              AND i.issue_date <= %(as_of)s AND i.due_date < %(as_of)s
              AND {_UNPAID_ON.format(alias="i", settlements=settlements)}
            GROUP BY i.company_id
        )
        UPDATE {invoices} o SET due_date = GREATEST(a.due_on, o.issue_date)
        FROM accelerated a, {Terms._meta.db_table} ot
        WHERE o.company_id = a.company_id AND ot.id = o.terms_id AND ot.acceleration_on_overdue
          AND o.kind <> %(penalty)s
          AND o.issue_date <= %(as_of)s
          AND o.due_date > GREATEST(a.due_on, o.issue_date)
          AND {_UNPAID_ON.format(alias="o", settlements=settlements)}
    """  # noqa: S608 (identifiers are ours; values are parameters)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, {"as_of": as_of, "penalty": InvoiceKind.PENALTY})
        moved = cursor.rowcount
    return {"accelerated": moved}
