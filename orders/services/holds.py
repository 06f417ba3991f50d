"""Orders held while the company may not be served, released when the cause clears
(docs/rules/order-lifecycle.md; 000 art. 2 and 4, 001 art. 7, 004 art. 5).

Causes, in this order: deliveries suspended for the company (arrears, by billing or
staff); overdue invoices; a deferred-term order that would exceed the credit limit.
A hold put by staff (`HoldCode.STAFF`) is released only by staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, CompanyCommercialSettings
from billing.selectors import company_overdue_invoices
from core.audit import Actor
from core.errors import BusinessError
from core.money import ZERO
from core.transitions import transition_apply
from orders.models import HoldCode, Order, OrderStatus
from orders.selectors import company_credit_exposure

# Where an order may be held from, and where a release sends it back.
HOLDABLE = (
    OrderStatus.AWAITING_PAYMENT,
    OrderStatus.CONFIRMED,
    OrderStatus.IN_PREPARATION,
    OrderStatus.PARTIALLY_SHIPPED,
)
AUTOMATIC_HOLDS = (
    HoldCode.DELIVERY_SUSPENDED,
    HoldCode.OVERDUE_INVOICES,
    HoldCode.CREDIT_LIMIT,
)
RELEASE_JOB = "orders.release_holds"


@dataclass(frozen=True)
class HoldCause:
    code: str
    detail: str


def company_hold_cause(*, company: Company, on: date) -> HoldCause | None:
    """Why the company's open orders may not go ahead on `on`, or None.

    Deliveries suspended (000 art. 4, 001 art. 7, 004 art. 5: arrears suspend deliveries
    without notice); else invoices past their due date and unpaid (000 art. 2, 004 art. 5:
    the seller may hold an order of a customer late in paying; the first five are named).
    Read without lock: callers that act on it hold the order's lock, and
    billing tells orders of every change of the suspension (`company_arrears_changed`).
    """
    settings = CompanyCommercialSettings.objects.filter(company=company).first()
    if settings is not None and settings.delivery_suspended:
        return HoldCause(HoldCode.DELIVERY_SUSPENDED, settings.delivery_suspension_reason)
    overdue = list(
        company_overdue_invoices(company=company, as_of=on).values_list("number", flat=True)[:5]
    )
    if overdue:
        return HoldCause(HoldCode.OVERDUE_INVOICES, ", ".join(overdue))
    return None


def _credit_limit_cause(order: Order) -> HoldCause | None:
    """Whether a deferred order held over the credit limit still exceeds it (inclusive)."""
    settings = CompanyCommercialSettings.objects.filter(company_id=order.company_id).first()
    limit = settings.credit_limit if settings is not None else ZERO
    exposure = company_credit_exposure(company=order.company)
    if exposure + order.total_ht > limit:
        return HoldCause(HoldCode.CREDIT_LIMIT, order.hold_detail)
    return None


def _lock(order: Order) -> Order:
    return Order.objects.select_for_update(no_key=True).get(pk=order.pk)


def order_hold(
    *,
    order: Order,
    code: str,
    detail: str,
    actor: Actor,
    now: datetime | None = None,
) -> Order:
    """Put `order` on hold for `code` (a HoldCode) with `detail` shown to the customer.

    Preconditions: the order is awaiting payment, confirmed, in preparation or partly
    shipped (else BusinessError `order_not_holdable`); `detail` is given for a staff hold.
    Effects: the status it was in is kept in `held_from`; audit row with the reason.
    An order already on hold keeps its first cause.
    """
    if code == HoldCode.STAFF and not detail.strip():
        raise BusinessError(
            "hold_reason_required",
            _("Indiquez le motif de la mise en attente : le client le verra."),
            field="reason",
        )
    with transaction.atomic():
        locked = _lock(order)
        if locked.status == OrderStatus.ON_HOLD:
            return locked
        if locked.status not in HOLDABLE:
            raise BusinessError(
                "order_not_holdable",
                _("Une commande « %(status)s » ne peut plus être mise en attente."),
                params={"status": locked.get_status_display()},
            )
        return transition_apply(
            locked,
            to=OrderStatus.ON_HOLD,
            actor=actor,
            reason=detail or str(HoldCode(code).label),
            data={"hold_code": code},
            changes={"hold_code": code, "hold_detail": detail, "held_from": locked.status},
            at=now or timezone.now(),
            locked=True,
        )


def order_release(
    *,
    order: Order,
    actor: Actor,
    reason: str = "",
    now: datetime | None = None,
    on: date | None = None,
) -> Order:
    """Release `order` from its hold, back to the status it was held from.

    Preconditions: the order is on hold (else `order_not_on_hold`); for an automatic
    hold, its cause has cleared (else `hold_cause_remains`, naming the cause).
    Effects: status back to `held_from`, hold fields emptied, audit row.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The company first (fixed lock order): two releases cannot share the same credit.
        Company.objects.select_for_update(no_key=True).filter(pk=order.company_id).get()
        locked = _lock(order)
        if locked.status != OrderStatus.ON_HOLD:
            raise BusinessError("order_not_on_hold", _("Cette commande n'est pas en attente."))
        if locked.hold_code != HoldCode.STAFF:
            cause = company_hold_cause(company=locked.company, on=on or timezone.localdate(now))
            if cause is None and locked.hold_code == HoldCode.CREDIT_LIMIT:
                cause = _credit_limit_cause(locked)
            if cause is not None:
                raise BusinessError(
                    "hold_cause_remains",
                    _("La cause du blocage demeure : %(cause)s."),
                    params={"cause": HoldCode(cause.code).label},
                )
        back = locked.held_from or (
            OrderStatus.CONFIRMED
            if locked.payment_term == "deferred"
            else OrderStatus.AWAITING_PAYMENT
        )
        return transition_apply(
            locked,
            to=back,
            actor=actor,
            reason=reason,
            data={"released_hold": locked.hold_code},
            changes={"hold_code": "", "hold_detail": "", "held_from": ""},
            at=now,
            locked=True,
        )


def company_orders_hold(
    *, company_id: int, actor: Actor, now: datetime | None = None, on: date | None = None
) -> int:
    """Hold every open order of the company while a cause applies on `on` (today by
    default); the number held."""
    now = now or timezone.now()
    company = Company.objects.get(pk=company_id)
    cause = company_hold_cause(company=company, on=on or timezone.localdate(now))
    if cause is None:
        return 0
    held = 0
    for order in Order.objects.filter(company_id=company_id, status__in=HOLDABLE).order_by("pk"):
        order_hold(order=order, code=cause.code, detail=cause.detail, actor=actor, now=now)
        held += 1
    return held


def company_orders_release(
    *, company_id: int, actor: Actor, now: datetime | None = None, on: date | None = None
) -> int:
    """Release the company's orders held for a cause that has cleared on `on` (today by
    default); the number released."""
    now = now or timezone.now()
    released = 0
    for order in Order.objects.filter(
        company_id=company_id, status=OrderStatus.ON_HOLD, hold_code__in=AUTOMATIC_HOLDS
    ).order_by("pk"):
        try:
            order_release(order=order, actor=actor, now=now, on=on)
        except BusinessError:
            break
        released += 1
    return released


def run_release_holds(*, as_of: date, now: datetime | None = None) -> dict:
    """Daily: hold the open orders of companies that may not be served on `as_of`
    (deliveries suspended, overdue invoices), release those whose cause cleared.

    Idempotent: an order already held is left as it is; a second run releases nothing more.
    """
    actor = Actor.of_job(RELEASE_JOB)
    now = now or timezone.now()
    open_companies = set(
        Order.objects.filter(status__in=HOLDABLE).values_list("company_id", flat=True)
    )
    held = sum(
        company_orders_hold(company_id=company_id, actor=actor, now=now, on=as_of)
        for company_id in sorted(open_companies)
    )
    waiting = set(
        Order.objects.filter(status=OrderStatus.ON_HOLD, hold_code__in=AUTOMATIC_HOLDS).values_list(
            "company_id", flat=True
        )
    )
    released = sum(
        company_orders_release(company_id=company_id, actor=actor, now=now, on=as_of)
        for company_id in sorted(waiting)
    )
    return {"held": held, "released": released}
