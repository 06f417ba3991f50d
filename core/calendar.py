"""The seller's calendar: working days, period ends, month arithmetic (docs/rules/conventions.md).

Business dates are `date`s in Europe/Paris; instants are aware `datetime`s. A
`datetime` passed where a business date is expected raises TypeError, because
`datetime` is a subclass of `date` and would otherwise be silently truncated in
whatever time zone it happens to carry.

Period ends are returned as an *exclusive* bound: the first instant after the
period, i.e. midnight Europe/Paris starting the next day. A moment is within the
period when `moment < end`. One representation for all deadlines avoids the
23:59:59 vs 23:59:59.999999 vs 00:00 question.
"""

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")
COUNTRIES = frozenset({"FR", "BE"})
SATURDAY = 5  # date.weekday(): Monday is 0


def _check_date(day) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"A business date must be a date, not {type(day).__name__}.")
    return day


def _check_country(country: str) -> str:
    if country not in COUNTRIES:
        raise ValueError(f"Unknown seller country {country!r}: expected 'FR' or 'BE'.")
    return country


def _check_count(n, what: str) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"{what} must be an int, not {type(n).__name__}.")
    return n


def _check_aware(moment) -> datetime:
    if not isinstance(moment, datetime):
        raise TypeError(f"Expected a datetime, not {type(moment).__name__}.")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Naive datetime: an instant needs a time zone.")
    return moment


@lru_cache(maxsize=256)
def public_holidays(country: str, year: int) -> frozenset[date]:
    """The public holidays of `country` ("FR" or "BE") in `year`, from `holidays`.

    Metropolitan France and national Belgian holidays (no regional ones). Cached
    per (country, year): building the table is far slower than a lookup.
    """
    _check_country(country)
    return frozenset(holidays.country_holidays(country, years=year).keys())


def is_working_day(day: date, *, country: str) -> bool:
    """Monday to Friday and not a public holiday of the seller's `country`.

    See docs/rules/conventions.md.
    """
    _check_date(day)
    return day.weekday() < SATURDAY and day not in public_holidays(country, day.year)


def add_days(day: date, n: int) -> date:
    """`n` calendar days after `day` (before it when `n` is negative)."""
    return _check_date(day) + timedelta(days=_check_count(n, "n"))


def add_working_days(day: date, n: int, *, country: str) -> date:
    """The `n`th working day after `day` ("N working days from D").

    `day` itself is not counted, so a Friday + 1 is the next Monday (or Tuesday
    when that Monday is a holiday). `n = 0` returns `day` unchanged, even when it
    is not a working day. Negative `n` raises ValueError.
    """
    _check_date(day)
    if _check_count(n, "n") < 0:
        raise ValueError("A number of working days cannot be negative.")
    _check_country(country)
    current = day
    for _ in range(n):
        current += timedelta(days=1)
        while not is_working_day(current, country=country):
            current += timedelta(days=1)
    return current


def start_of_day(day: date) -> datetime:
    """Midnight Europe/Paris at the start of `day`, as an aware datetime.

    Midnight always exists and is unambiguous in Paris: the clocks change at
    02:00/03:00.
    """
    return datetime.combine(_check_date(day), time(0), tzinfo=PARIS)


def period_end(day: date, n_days: int) -> datetime:
    """Exclusive end of "a period of N days from D": midnight Paris starting day D + N + 1.

    The period ends at the end of day D + N (docs/rules/conventions.md); the returned
    instant is the first one after it, so `moment < period_end(d, n)` tests "within
    the period". D itself is day 0: `n_days = 0` ends at the end of D. Whatever the
    DST changes in between, this is midnight local time, not D + N + 1 times 24 h.
    The result carries the Europe/Paris zone: shift it with `add_hours`, not `+`.
    Negative `n_days` raises ValueError.
    """
    if _check_count(n_days, "n_days") < 0:
        raise ValueError("A period cannot have a negative number of days.")
    return start_of_day(add_days(day, n_days + 1))


def working_period_end(day: date, n: int, *, country: str) -> datetime:
    """Exclusive end of "N working days from D": midnight Paris after the Nth working day.

    Same representation as `period_end`: within the period when `moment < end`.
    """
    return start_of_day(add_days(add_working_days(day, n, country=country), 1))


def add_hours(moment: datetime, hours: int) -> datetime:
    """`hours` of elapsed time after `moment` (a period in hours runs from the exact time).

    Computed in UTC and returned in `moment`'s time zone: Python's arithmetic on
    zoneinfo datetimes is wall-clock arithmetic, which would make a 48 h term
    across a DST change last 47 or 49 real hours. Naive datetimes raise ValueError.
    """
    _check_aware(moment)
    _check_count(hours, "hours")
    return (moment.astimezone(UTC) + timedelta(hours=hours)).astimezone(moment.tzinfo)


def _month_length(year: int, month: int) -> int:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return (first_of_next - timedelta(days=1)).day


def add_months(day: date, n: int) -> date:
    """The same calendar day `n` months later (earlier if negative), clamped to the month end.

    31 Jan + 1 month = 28 Feb (29 in a leap year); 29 Feb 2028 + 12 months =
    28 Feb 2029. Always computed from `day`, never by chaining single months, so
    31 Jan + 2 months is 31 Mar, not 28 Mar.
    """
    _check_date(day)
    index = day.year * 12 + (day.month - 1) + _check_count(n, "n")
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _month_length(year, month)))


def warranty_end(*, start: date, months: int, extension_days: int = 0) -> date:
    """The first day no longer covered by a warranty of `months` from `start`.

    The same calendar day `months` later (clamped to the month end like
    `add_months`: 31 Jan + 1 month ends on 28 Feb), plus `extension_days`.
    """
    if _check_count(months, "months") < 0:
        raise ValueError("A warranty cannot last a negative number of months.")
    if _check_count(extension_days, "extension_days") < 0:
        raise ValueError("A warranty extension cannot be negative.")
    return add_days(add_months(start, months), extension_days)


def warranty_covers(
    *, start: date, months: int, reported_on: date, extension_days: int = 0
) -> bool:
    """Whether a defect reported on `reported_on` is within the warranty.

    See docs/rules/conventions.md.

    Covered when reported before the same calendar day `months` later: from
    15 Jan with 12 months, 14 Jan of the next year is covered and 15 Jan is not.
    `extension_days` moves that end later by as many days. Only the end is tested:
    a report dated before `start` is not refused here.
    """
    _check_date(reported_on)
    end = warranty_end(start=start, months=months, extension_days=extension_days)
    return reported_on < end


def days_late(*, due: date, paid: date) -> int:
    """Calendar days from `due` to `paid`, never negative.

    Paid on the due date: 0 (on time); the next day: 1; earlier: 0.
    """
    return max(0, (_check_date(paid) - _check_date(due)).days)


def months_started(*, start: date, end: date) -> int:
    """Months of delay started between the day after `start` and `end` (both dates).

    The smallest k >= 1 with `add_months(start, k) >= end`, or 0 when `end <= start`.
    With `start` the due date and `end` the payment date: 1 to one full month late
    (due 15 Jan, paid 16 Jan to 15 Feb) is 1; paid 16 Feb is 2. Month ends follow
    `add_months`: due 31 Jan, paid 28 Feb is 1 month, paid 1 Mar is 2.
    Used where "any month started is due in full" (seller 004).
    """
    _check_date(start)
    _check_date(end)
    if end <= start:
        return 0
    k = max(1, (end.year - start.year) * 12 + end.month - start.month)
    while add_months(start, k) < end:
        k += 1
    while k > 1 and add_months(start, k - 1) >= end:
        k -= 1
    return k


def half_year_start(day: date) -> date:
    """1 January or 1 July of `day`'s half-year: the French legal rate changes on those days."""
    _check_date(day)
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def localdate(moment: datetime) -> date:
    """The Europe/Paris business date of an aware instant. Naive datetimes raise ValueError."""
    return _check_aware(moment).astimezone(PARIS).date()
