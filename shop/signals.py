"""What shop tells the apps on its right (they connect their receivers in `ready()`).

`quote_request_submitted(quote_request, user)`: sent inside the transaction that creates
a quote request, so that orders records the company it is made for, in that transaction.
"""

from django.dispatch import Signal

quote_request_submitted = Signal()
