"""Daily jobs of the billing app (discovered by core at start-up)."""

from datetime import date

from billing.services.acceleration import run_acceleration
from billing.services.accrual import run_penalty_accrual
from billing.services.arrears import run_arrears_suspension
from billing.services.credit_notes import EXPIRE_JOB, run_expire_credit_notes
from billing.services.dunning import run_dunning
from billing.services.instalments import run_instalment_acceleration
from billing.services.lcr import run_lcr_returns
from billing.services.penalty_actions import run_penalty_invoicing
from core.jobs import daily_job

# --- payments (docs/rules/payments.md): before acceleration, which reads the due dates
# these jobs bring forward. ------------------------------------------------------------------


@daily_job(name="billing.lcr_returns", order=140)
def lcr_returns(*, as_of: date) -> dict:
    """An LCR not returned accepted in time: due at once (000), a payment default (004)."""
    return run_lcr_returns(as_of=as_of)


@daily_job(name="billing.instalments", order=145)
def instalments(*, as_of: date) -> dict:
    """One instalment unpaid at its due date: the whole remaining price due (000, 001)."""
    return run_instalment_acceleration(as_of=as_of)


# --- late payment (docs/rules/late-payment.md): acceleration moves due dates before the
# accrual reads them; suspension follows the day's arrears. ---------------------------------


@daily_job(name="billing.acceleration", order=150)
def acceleration(*, as_of: date) -> dict:
    """One overdue invoice makes the company's other invoices due (001, 004)."""
    return run_acceleration(as_of=as_of)


@daily_job(name="billing.penalty_accrual", order=160)
def penalty_accrual(*, as_of: date) -> dict:
    """Mark invoices overdue and keep their penalties current as of the day."""
    return run_penalty_accrual(as_of=as_of)


@daily_job(name="billing.arrears_suspension", order=170)
def arrears_suspension(*, as_of: date) -> dict:
    """Suspend deliveries of companies in arrears; release them once paid."""
    return run_arrears_suspension(as_of=as_of)


@daily_job(name="billing.penalty_invoicing", order=175)
def penalty_invoicing(*, as_of: date) -> dict:
    """Invoice the penalties of invoices paid in full (outside the scope of VAT)."""
    return run_penalty_invoicing(as_of=as_of)


@daily_job(name="billing.dunning", order=180)
def dunning(*, as_of: date) -> dict:
    """Send the reminders and formal notices of the seller's schedule, once each."""
    return run_dunning(as_of=as_of)


# --- credit notes (docs/rules/invoices.md) ---------------------------------------------------


@daily_job(name=EXPIRE_JOB, order=300)
def expire_credit_notes(*, as_of: date) -> dict:
    """Credit notes past their validity lose their unused balance (000 art. 4)."""
    return run_expire_credit_notes(as_of=as_of)
