"""Work queues: what each team has to do now, counted on the dashboard, each a filter of
its model's list ("?file=<key>") so that the count's link opens exactly those rows.

A queue reads its rows through the owning app's selector when there is one. Queues whose
model is not installed are left out, so a queue can be declared before its app lands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import kyc_queue
from backoffice import selectors
from core.calendar import localdate
from orders.selectors import quote_requests_pending
from returns.selectors import return_queue

QUERY_PARAMETER = "file"


@dataclass(frozen=True)
class Queue:
    key: str
    section: str
    title: str
    model_label: str
    # The queue's rows among `queryset` (a model's list, possibly already filtered).
    rows: Callable[[QuerySet, datetime], QuerySet]

    @property
    def model(self) -> type[Model] | None:
        try:
            return apps.get_model(self.model_label)
        except LookupError:
            return None


def _among(selected: Callable[[], QuerySet]) -> Callable[[QuerySet, datetime], QuerySet]:
    """The rows of an app's selector (which takes no argument) within `queryset`."""
    return lambda queryset, now: queryset.filter(pk__in=selected().values("pk"))


def _returns_in(*statuses: str) -> Callable[[QuerySet, datetime], QuerySet]:
    return lambda queryset, now: queryset.filter(
        pk__in=return_queue().filter(status__in=statuses).values("pk")
    )


def _orders_in(status: str) -> Callable[[QuerySet, datetime], QuerySet]:
    return lambda queryset, now: selectors.orders_in_status(queryset=queryset, status=status)


QUEUES: tuple[Queue, ...] = (
    Queue(
        "kyc",
        "kyc",
        _("Dossiers KYC à vérifier"),
        "accounts.kycsubmission",
        _among(kyc_queue),
    ),
    Queue(
        "demandes",
        "ventes",
        _("Demandes de devis à traiter"),
        "shop.quoterequest",
        _among(quote_requests_pending),
    ),
    Queue(
        "devis-expirant",
        "ventes",
        _("Devis émis qui expirent sous 48 heures"),
        "orders.quote",
        lambda queryset, now: selectors.quotes_expiring(
            queryset=queryset, now=now, within=timedelta(hours=48)
        ),
    ),
    Queue(
        "attente-paiement",
        "ventes",
        _("Commandes en attente de paiement"),
        "orders.order",
        _orders_in("awaiting_payment"),
    ),
    Queue(
        "bloquees",
        "comptabilite",
        _("Commandes bloquées"),
        "orders.order",
        _orders_in("on_hold"),
    ),
    Queue(
        "a-preparer",
        "entrepot",
        _("Commandes à préparer"),
        "orders.order",
        _orders_in("confirmed"),
    ),
    Queue(
        "a-expedier",
        "entrepot",
        _("Commandes en préparation, à expédier"),
        "orders.order",
        _orders_in("in_preparation"),
    ),
    Queue(
        "factures-echues",
        "comptabilite",
        _("Factures échues impayées"),
        "billing.invoice",
        lambda queryset, now: selectors.invoices_overdue(queryset=queryset, as_of=localdate(now)),
    ),
    Queue(
        "virements-a-rapprocher",
        "comptabilite",
        _("Virements reçus à rapprocher"),
        "billing.bankstatementline",
        lambda queryset, now: selectors.statement_lines_in(queryset=queryset, status="unmatched"),
    ),
    Queue(
        "rapprochements-proposes",
        "comptabilite",
        _("Rapprochements proposés à confirmer"),
        "billing.bankstatementline",
        lambda queryset, now: selectors.statement_lines_in(queryset=queryset, status="proposed"),
    ),
    Queue(
        "reclamations",
        "sav",
        _("Réclamations ouvertes, à traiter"),
        "orders.complaint",
        lambda queryset, now: selectors.complaints_open(queryset=queryset),
    ),
    Queue(
        "retours-demandes",
        "sav",
        _("Retours demandés, à autoriser"),
        "returns.returnrequest",
        _returns_in("requested"),
    ),
    Queue(
        "retours-attendus",
        "sav",
        _("Retours autorisés, colis attendus"),
        "returns.returnrequest",
        _returns_in("authorised", "partly_authorised"),
    ),
    Queue(
        "retours-recus",
        "sav",
        _("Retours reçus, à décider"),
        "returns.returnrequest",
        _returns_in("received"),
    ),
    Queue(
        "retours-decides",
        "sav",
        _("Retours décidés, à traiter"),
        "returns.returnrequest",
        _returns_in("decided"),
    ),
)


@dataclass(frozen=True)
class QueueCount:
    queue: Queue
    count: int
    url: str


def queues_for(request, *, site: admin.AdminSite, now: datetime | None = None) -> list[QueueCount]:
    """The queues of the models the user may see, with their counts and links."""
    now = now or timezone.now()
    counts = []
    for queue in QUEUES:
        model = queue.model
        model_admin = site._registry.get(model) if model is not None else None
        if model is None or model_admin is None or not model_admin.has_view_permission(request):
            continue
        count = queue.rows(model._default_manager.all(), now).count()
        opts = model._meta
        changelist = reverse(f"{site.name}:{opts.app_label}_{opts.model_name}_changelist")
        counts.append(QueueCount(queue, count, f"{changelist}?{QUERY_PARAMETER}={queue.key}"))
    return counts


class QueueFilter(admin.SimpleListFilter):
    """The "File de travail" filter of a model's list: the rows of one of its queues."""

    title = _("file de travail")
    parameter_name = QUERY_PARAMETER
    queues: tuple[Queue, ...] = ()

    def lookups(self, request, model_admin):
        return [(queue.key, queue.title) for queue in self.queues]

    def queryset(self, request, queryset):
        for queue in self.queues:
            if queue.key == self.value():
                return queue.rows(queryset, timezone.now())
        return queryset


def queue_filters_install(site: admin.AdminSite) -> None:
    """Give each model that has queues the filter of its queues (once every app has
    registered its screens)."""
    for model, model_admin in site._registry.items():
        queues = tuple(queue for queue in QUEUES if queue.model is model)
        if not queues:
            continue
        queue_filter = type(f"{model.__name__}QueueFilter", (QueueFilter,), {"queues": queues})
        model_admin.list_filter = (queue_filter, *model_admin.list_filter)
