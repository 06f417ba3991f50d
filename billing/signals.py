"""What billing tells the apps on its right (received in `orders/receivers.py`).

Signals are sent inside billing's transaction: a receiver's work commits or rolls back
with the payment that caused it.
"""

from django.dispatch import Signal

# --- payments ---------------------------------------------------------------------------
# A payment was validated (card accepted, transfer validated by staff). kwargs:
# company_id, order_reference, payment_id, amount, method, and actor (core.audit.Actor):
# who validated it, the staff member or the provider's job, named in the order's history.
payment_validated = Signal()
# A validated payment was disputed (chargeback, 002 art. 16): stop the order's processing.
payment_disputed = Signal()  # kwargs: company_id, order_reference, payment_id

# --- late payment -------------------------------------------------------------------------
# Sent in the transaction that sets or clears CompanyCommercialSettings.delivery_suspended
# for arrears; orders put the company's open orders on hold, or resume them.
company_arrears_changed = Signal()  # kwargs: company_id, suspended: bool

# Staff terminated the sale of an unpaid invoice after its formal notice's term (000 art.
# 10, 001 art. 14); orders cancel the invoice's order while it can still be cancelled.
# Receivers return the number of orders they cancelled.
sale_terminated = Signal()  # kwargs: company_id, order_reference, invoice_number, user, reason
