"""Customers' quote requests on the sales side: the company each is made for, recorded
when it is made; the notice to sales; declining one. (A quote is made from a request by
`orders.services.quotes.quote_create_from_request`.)"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.selectors import membership_get_for_user
from core.audit import Actor
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.emails import quote_request_staff_mail
from orders.models import QuoteRequestCompany
from shop.models import QuoteRequest, QuoteRequestStatus


def quote_request_record_company(
    *, quote_request: QuoteRequest, user
) -> QuoteRequestCompany | None:
    """Record the requester's company on a request being made, and tell sales.

    Called in the transaction that creates the request (receiver of
    `shop.signals.quote_request_submitted`), so the company is the one the requester
    belongs to at that moment: moving to another company later changes nothing. A
    requester with no company (staff trying the shop) leaves the request without one;
    sales cannot quote it. The notice to sales leaves after commit.
    """
    membership = membership_get_for_user(user=user)
    if membership is None:
        return None
    link = QuoteRequestCompany.objects.create(
        quote_request=quote_request, company=membership.company
    )
    quote_request_staff_mail(quote_request=quote_request, company=membership.company)
    return link


def quote_request_decline(*, quote_request: QuoteRequest, user, reason: str) -> QuoteRequest:
    """Sales decline a request they will not quote; the customer sees it declined, with
    the reason, in "Mes devis".

    Raises BusinessError `quote_request_decline_reason` (no reason, field `reason`) and
    `quote_request_not_pending` (already handled or declined). Audited.
    """
    reason = " ".join((reason or "").split())
    if not reason:
        raise BusinessError(
            "quote_request_decline_reason",
            _("Indiquez au client le motif du refus."),
            field="reason",
        )
    with transaction.atomic():
        locked = QuoteRequest.objects.select_for_update().get(pk=quote_request.pk)
        if locked.status != QuoteRequestStatus.SUBMITTED:
            raise BusinessError(
                "quote_request_not_pending",
                _("Cette demande est déjà « %(status)s »."),
                params={"status": locked.get_status_display()},
            )
        return transition_apply(
            locked,
            to=QuoteRequestStatus.DECLINED,
            actor=Actor.of_user(user),
            reason=reason,
            changes={"decline_reason": reason},
        )
