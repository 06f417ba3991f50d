"""The date rules of KYC and dormancy, as pure functions of dates and the terms' numbers.

Boundaries (docs/rules/accounts-kyc.md, docs/rules/conventions.md):

- Kbis "issued less than N months ago": an extract issued on D is accepted on day T when
  T is before the same calendar day N months after D (`add_months(D, N)`, clamped to the
  month end like a warranty end). Issued exactly N months ago (T == add_months(D, N)) is
  refused; issued the day after is accepted. An issue date after T is refused.
- Identity document: valid through its expiry date. Expiring today is accepted;
  expired yesterday is refused.
- Dormancy: a company approved on A, last order on O (or never), becomes dormant on the
  same calendar day N months after the later of A and O: the day before, it is not.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from core.calendar import add_months
from core.errors import BusinessError


def _fr(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def kbis_issue_date_check(
    *, issue_date: date, today: date, max_age_months: int, field: str = "kbis_issue_date"
) -> None:
    """Refuse a Kbis issued in the future or not less than `max_age_months` ago."""
    if issue_date > today:
        raise BusinessError(
            "kbis_issue_date_future",
            _(
                "La date de délivrance de l'extrait Kbis (%(date)s) est dans le futur : "
                "saisissez la date imprimée sur l'extrait."
            ),
            field=field,
            params={"date": _fr(issue_date)},
        )
    if add_months(issue_date, max_age_months) <= today:
        raise BusinessError(
            "kbis_too_old",
            _(
                "L'extrait Kbis délivré le %(date)s a %(months)s mois ou plus : il doit dater "
                "de moins de %(months)s mois. Téléchargez un extrait récent sur le site du "
                "greffe puis envoyez-le."
            ),
            field=field,
            params={"date": _fr(issue_date), "months": max_age_months},
        )


def id_expiry_date_check(*, expiry_date: date, today: date, field: str = "id_expiry_date") -> None:
    """Refuse an identity document that expired before `today` (valid through its date)."""
    if expiry_date < today:
        raise BusinessError(
            "id_expired",
            _(
                "La pièce d'identité a expiré le %(date)s : envoyez une pièce d'identité en "
                "cours de validité du représentant légal."
            ),
            field=field,
            params={"date": _fr(expiry_date)},
        )


def dormancy_date(*, approved_on: date, last_order_on: date | None, months: int) -> date:
    """The first day a company approved on `approved_on` is dormant without a new order."""
    reference = max(approved_on, last_order_on) if last_order_on else approved_on
    return add_months(reference, months)


def is_dormant_on(*, approved_on: date, last_order_on: date | None, months: int, on: date) -> bool:
    return on >= dormancy_date(approved_on=approved_on, last_order_on=last_order_on, months=months)
