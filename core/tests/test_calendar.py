"""core.calendar: expected dates are worked out by hand; the weekday is written beside each.

2026 starts on a Thursday. Useful 2026 facts: Easter Monday 6 Apr, 1 May (Fri),
8 May (Fri, FR only), Ascension 14 May (Thu), Whit Monday 25 May, 14 Jul (Tue,
FR only), 21 Jul (Tue, BE only), 11 Nov (Wed), 25 Dec (Fri). Summer time starts
on Sunday 29 Mar 2026 (02:00 -> 03:00) and ends on Sunday 25 Oct 2026 (03:00 -> 02:00).
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.calendar import (
    add_days,
    add_hours,
    add_months,
    add_working_days,
    days_late,
    half_year_start,
    is_working_day,
    localdate,
    months_started,
    period_end,
    public_holidays,
    start_of_day,
    warranty_covers,
    warranty_end,
    working_period_end,
)

PARIS = ZoneInfo("Europe/Paris")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# --- holidays and working days ---------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # Thu, New Year
        date(2026, 4, 6),  # Mon, Easter Monday
        date(2026, 5, 1),  # Fri, Labour Day
        date(2026, 5, 8),  # Fri, Victory in Europe (FR only)
        date(2026, 5, 14),  # Thu, Ascension
        date(2026, 5, 25),  # Mon, Whit Monday
        date(2026, 7, 14),  # Tue, Bastille Day (FR only)
        date(2026, 11, 11),  # Wed, Armistice
        date(2026, 12, 25),  # Fri, Christmas
        date(2025, 8, 15),  # Fri, Assumption
        date(2027, 11, 1),  # Mon, All Saints
    ],
)
def test_french_holidays_are_not_working_days(day):
    assert day.weekday() < 5  # a weekday, so only the holiday makes it non-working
    assert not is_working_day(day, country="FR")


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # Thu, New Year
        date(2026, 4, 6),  # Mon, Easter Monday
        date(2026, 5, 1),  # Fri, Labour Day
        date(2026, 5, 14),  # Thu, Ascension
        date(2026, 5, 25),  # Mon, Whit Monday
        date(2026, 7, 21),  # Tue, National Day (BE only)
        date(2025, 7, 21),  # Mon, National Day
        date(2025, 8, 15),  # Fri, Assumption
        date(2027, 11, 1),  # Mon, All Saints
        date(2025, 11, 11),  # Tue, Armistice
        date(2026, 11, 11),  # Wed, Armistice
        date(2026, 12, 25),  # Fri, Christmas
    ],
)
def test_belgian_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day, country="BE")


def test_each_country_uses_its_own_holidays():
    assert is_working_day(date(2026, 7, 14), country="BE")  # Tue, French holiday only
    assert is_working_day(date(2026, 5, 8), country="BE")  # Fri, French holiday only
    assert is_working_day(date(2026, 7, 21), country="FR")  # Tue, Belgian holiday only


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 7, 4), country="FR")  # Sat
    assert not is_working_day(date(2026, 7, 5), country="FR")  # Sun
    assert is_working_day(date(2026, 7, 6), country="FR")  # Mon
    assert is_working_day(date(2026, 7, 10), country="BE")  # Fri


def test_unknown_country_and_datetimes_are_refused():
    with pytest.raises(ValueError):
        is_working_day(date(2026, 7, 6), country="DE")
    with pytest.raises(ValueError):
        is_working_day(date(2026, 7, 6), country="fr")
    with pytest.raises(TypeError):
        is_working_day(datetime(2026, 7, 6, 12, tzinfo=UTC), country="FR")


def test_public_holidays_are_cached_per_country_and_year():
    first = public_holidays("FR", 2031)
    assert public_holidays("FR", 2031) is first
    assert public_holidays("BE", 2031) is not first
    assert date(2031, 7, 14) in first
    assert date(2031, 7, 14) not in public_holidays("FR", 2032)


# --- add_days / add_working_days -------------------------------------------------------


def test_add_days_counts_calendar_days():
    assert add_days(date(2026, 2, 20), 10) == date(2026, 3, 2)  # Feb 2026 has 28 days
    assert add_days(date(2026, 1, 10), -10) == date(2025, 12, 31)
    assert add_days(date(2026, 1, 10), 0) == date(2026, 1, 10)


def test_friday_plus_one_working_day_is_monday():
    assert add_working_days(date(2026, 7, 10), 1, country="FR") == date(2026, 7, 13)  # Fri->Mon


def test_friday_before_a_monday_holiday():
    # Fri 3 Apr 2026 + 1: Sat, Sun, Mon 6 Apr Easter Monday -> Tue 7 Apr
    assert add_working_days(date(2026, 4, 3), 1, country="FR") == date(2026, 4, 7)
    assert add_working_days(date(2026, 4, 3), 1, country="BE") == date(2026, 4, 7)
    # Fri 22 May 2026 + 1: Mon 25 May Whit Monday -> Tue 26 May
    assert add_working_days(date(2026, 5, 22), 1, country="FR") == date(2026, 5, 26)


def test_day_before_ascension():
    # Wed 13 May 2026 + 1: Thu 14 Ascension -> Fri 15 May
    assert add_working_days(date(2026, 5, 13), 1, country="FR") == date(2026, 5, 15)


def test_seven_working_days_across_bastille_day():
    # From Fri 10 Jul 2026 in France: Mon 13 (1), Tue 14 holiday, Wed 15 (2), Thu 16 (3),
    # Fri 17 (4), Mon 20 (5), Tue 21 (6), Wed 22 (7).
    assert add_working_days(date(2026, 7, 10), 7, country="FR") == date(2026, 7, 22)


def test_three_working_days_differ_between_countries():
    # From Fri 17 Jul 2026:
    #   FR: Mon 20 (1), Tue 21 (2), Wed 22 (3)                    -> Wed 22 Jul
    #   BE: Mon 20 (1), Tue 21 National Day, Wed 22 (2), Thu 23 (3) -> Thu 23 Jul
    assert add_working_days(date(2026, 7, 17), 3, country="FR") == date(2026, 7, 22)
    assert add_working_days(date(2026, 7, 17), 3, country="BE") == date(2026, 7, 23)


def test_seven_working_days_across_two_may_holidays():
    # From Thu 30 Apr 2026:
    #   FR: Fri 1 May holiday, Mon 4 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 holiday,
    #       Mon 11 (5), Tue 12 (6), Wed 13 (7)                        -> Wed 13 May
    #   BE: 8 May is worked: Mon 4 (1) ... Fri 8 (5), Mon 11 (6), Tue 12 (7) -> Tue 12 May
    assert add_working_days(date(2026, 4, 30), 7, country="FR") == date(2026, 5, 13)
    assert add_working_days(date(2026, 4, 30), 7, country="BE") == date(2026, 5, 12)


def test_working_days_across_the_new_year():
    # Thu 31 Dec 2026 + 1: Fri 1 Jan 2027 holiday, Sat, Sun -> Mon 4 Jan 2027
    assert add_working_days(date(2026, 12, 31), 1, country="FR") == date(2027, 1, 4)
    # Thu 24 Dec 2026 + 1: Fri 25 Christmas, Sat, Sun -> Mon 28 Dec
    assert add_working_days(date(2026, 12, 24), 1, country="BE") == date(2026, 12, 28)


def test_zero_working_days_is_the_day_itself_even_a_holiday():
    assert add_working_days(date(2026, 7, 14), 0, country="FR") == date(2026, 7, 14)
    assert add_working_days(date(2026, 7, 4), 0, country="FR") == date(2026, 7, 4)  # Sat


def test_start_on_a_weekend_does_not_count_the_start():
    # Sat 4 Jul 2026 + 1: Sun skipped -> Mon 6 Jul
    assert add_working_days(date(2026, 7, 4), 1, country="FR") == date(2026, 7, 6)


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 7, 10), -1, country="FR")
    with pytest.raises(ValueError):
        add_working_days(date(2026, 7, 10), 1, country="NL")


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
countries = st.sampled_from(["FR", "BE"])


@given(dates, st.integers(min_value=1, max_value=40), countries)
def test_add_working_days_lands_on_the_nth_working_day(day, n, country):
    result = add_working_days(day, n, country=country)
    assert is_working_day(result, country=country)
    # Counted independently: exactly n working days in (day, result].
    span = (result - day).days
    worked = [
        add_days(day, i)
        for i in range(1, span + 1)
        if is_working_day(add_days(day, i), country=country)
    ]
    assert len(worked) == n
    assert worked[-1] == result


# --- period ends (exclusive bound, Europe/Paris) ---------------------------------------


def test_period_end_is_midnight_paris_after_the_last_day():
    # 10 days from Mon 1 Jun 2026 end at the end of Thu 11 Jun; the bound is
    # 12 Jun 00:00 Paris = 11 Jun 22:00 UTC (summer time, UTC+2).
    end = period_end(date(2026, 6, 1), 10)
    assert end == paris(2026, 6, 12, 0, 0)
    assert end == utc(2026, 6, 11, 22, 0)
    assert paris(2026, 6, 11, 23, 59, 59, 999999) < end  # last instant: within
    assert not paris(2026, 6, 12, 0, 0) < end  # first instant of the next day: out


def test_period_of_zero_days_ends_at_the_end_of_the_day():
    assert period_end(date(2026, 1, 15), 0) == utc(2026, 1, 15, 23, 0)  # winter, UTC+1


def test_period_end_across_the_autumn_clock_change():
    # Sun 25 Oct 2026 has 25 hours in Paris.
    # End of Sat 24 Oct: 25 Oct 00:00 CEST (UTC+2) = 24 Oct 22:00 UTC
    # End of Sun 25 Oct: 26 Oct 00:00 CET (UTC+1) = 25 Oct 23:00 UTC
    before = period_end(date(2026, 10, 20), 4)
    after = period_end(date(2026, 10, 20), 5)
    assert before == utc(2026, 10, 24, 22, 0)
    assert after == utc(2026, 10, 25, 23, 0)
    # Real elapsed time (in UTC: same-zone aware datetimes subtract as wall clocks).
    assert after.astimezone(UTC) - before.astimezone(UTC) == timedelta(hours=25)


def test_period_end_across_the_spring_clock_change():
    # Sun 29 Mar 2026 has 23 hours in Paris.
    # End of Sat 28 Mar: 29 Mar 00:00 CET (UTC+1) = 28 Mar 23:00 UTC
    # End of Sun 29 Mar: 30 Mar 00:00 CEST (UTC+2) = 29 Mar 22:00 UTC
    assert period_end(date(2026, 3, 28), 0) == utc(2026, 3, 28, 23, 0)
    assert period_end(date(2026, 3, 28), 1) == utc(2026, 3, 29, 22, 0)


def test_period_end_refuses_negative_days_and_datetimes():
    with pytest.raises(ValueError):
        period_end(date(2026, 1, 1), -1)
    with pytest.raises(TypeError):
        period_end(datetime(2026, 1, 1, tzinfo=UTC), 1)


def test_working_period_end():
    # 1 working day from Fri 10 Jul 2026 (FR) is Mon 13; the bound is
    # Tue 14 Jul 00:00 Paris = 13 Jul 22:00 UTC.
    assert working_period_end(date(2026, 7, 10), 1, country="FR") == utc(2026, 7, 13, 22, 0)
    # 0 working days: end of the day itself.
    assert working_period_end(date(2026, 7, 10), 0, country="FR") == paris(2026, 7, 11)


def test_start_of_day():
    assert start_of_day(date(2026, 3, 29)) == utc(2026, 3, 28, 23, 0)  # still UTC+1 at 00:00
    assert start_of_day(date(2026, 3, 30)) == utc(2026, 3, 29, 22, 0)  # UTC+2


@given(dates, st.integers(min_value=0, max_value=400))
def test_period_end_properties(day, n):
    end = period_end(day, n)
    assert localdate(end) == add_days(day, n + 1)
    assert end.astimezone(PARIS).time().isoformat() == "00:00:00"
    assert localdate(end - timedelta(microseconds=1)) == add_days(day, n)


# --- hours -----------------------------------------------------------------------------


def test_add_hours_is_elapsed_time_across_the_autumn_change():
    # Sat 24 Oct 2026 12:00 Paris (UTC+2) = 10:00 UTC; + 48 h = Mon 26 Oct 10:00 UTC
    # = 11:00 Paris (UTC+1), not the wall-clock 12:00.
    result = add_hours(paris(2026, 10, 24, 12, 0), 48)
    assert result == utc(2026, 10, 26, 10, 0)
    assert result.astimezone(PARIS).hour == 11
    assert result.tzinfo is PARIS  # stays in the caller's zone


def test_add_hours_is_elapsed_time_across_the_spring_change():
    # Sat 28 Mar 2026 12:00 Paris (UTC+1) = 11:00 UTC; + 48 h = Mon 30 Mar 11:00 UTC
    # = 13:00 Paris (UTC+2).
    result = add_hours(paris(2026, 3, 28, 12, 0), 48)
    assert result == utc(2026, 3, 30, 11, 0)
    assert result.astimezone(PARIS).hour == 13


def test_add_hours_in_utc_and_negative():
    assert add_hours(utc(2026, 1, 1, 23, 0), 72) == utc(2026, 1, 4, 23, 0)
    assert add_hours(utc(2026, 1, 1, 0, 0), -1) == utc(2025, 12, 31, 23, 0)


def test_add_hours_refuses_naive_datetimes_and_floats():
    with pytest.raises(ValueError):
        add_hours(datetime(2026, 1, 1, 12), 48)
    with pytest.raises(TypeError):
        add_hours(utc(2026, 1, 1), 1.5)


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(PARIS)
    ),
    st.integers(min_value=-10000, max_value=10000),
)
def test_add_hours_properties(moment, hours):
    result = add_hours(moment, hours)
    # Subtract in UTC: aware datetimes sharing a tzinfo subtract as wall clocks.
    assert result.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=hours)


# --- localdate -------------------------------------------------------------------------


def test_localdate_uses_paris():
    assert localdate(utc(2026, 7, 13, 22, 30)) == date(2026, 7, 14)  # 00:30 CEST
    assert localdate(utc(2026, 7, 13, 21, 59)) == date(2026, 7, 13)  # 23:59 CEST
    assert localdate(utc(2026, 1, 15, 23, 0)) == date(2026, 1, 16)  # 00:00 CET
    assert localdate(utc(2026, 1, 15, 22, 59)) == date(2026, 1, 15)  # 23:59 CET


def test_localdate_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        localdate(datetime(2026, 1, 15, 12))


# --- months ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "n", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # 2026 is not a leap year
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # 2028 is
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),  # 2032 is a leap year again
        (date(2026, 1, 31), 2, date(2026, 3, 31)),  # from the start, not chained
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), 25, date(2028, 2, 15)),  # 2 years + 1 month
        (date(2026, 1, 15), 0, date(2026, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 3, 31), -13, date(2025, 2, 28)),
    ],
)
def test_add_months(day, n, expected):
    assert add_months(day, n) == expected


@given(dates, st.integers(min_value=-240, max_value=240))
def test_add_months_properties(day, n):
    later = add_months(day, n)
    months_apart = (later.year - day.year) * 12 + later.month - day.month
    assert months_apart == n
    assert later.day <= day.day
    # Clamped only when the month is too short: the next day is then the 1st.
    if later.day < day.day:
        assert add_days(later, 1).day == 1
    back = add_months(later, -n)
    assert (back.year, back.month) == (day.year, day.month)
    assert back.day <= day.day


# --- warranty --------------------------------------------------------------------------


def test_warranty_covers_until_the_day_before_the_same_calendar_day():
    # 12 months from 15 Jan 2026: 14 Jan 2027 covered, 15 Jan 2027 not.
    def covers(reported_on):
        return warranty_covers(start=date(2026, 1, 15), months=12, reported_on=reported_on)

    assert covers(date(2026, 1, 15))  # on the invoice date
    assert covers(date(2027, 1, 14))
    assert not covers(date(2027, 1, 15))
    assert warranty_end(start=date(2026, 1, 15), months=12) == date(2027, 1, 15)


def test_warranty_extension_adds_days_to_the_end():
    # End 15 Jan 2027 + 30 days: 16 days to 31 Jan, 14 more -> 14 Feb 2027 (first day out)
    kwargs = {"start": date(2026, 1, 15), "months": 12, "extension_days": 30}
    assert warranty_covers(reported_on=date(2027, 2, 13), **kwargs)
    assert not warranty_covers(reported_on=date(2027, 2, 14), **kwargs)


def test_warranty_from_a_month_end_is_clamped():
    # 1 month from 31 Jan 2026 ends on 28 Feb 2026 (add_months): 27 Feb covered, 28 Feb not.
    assert warranty_covers(start=date(2026, 1, 31), months=1, reported_on=date(2026, 2, 27))
    assert not warranty_covers(start=date(2026, 1, 31), months=1, reported_on=date(2026, 2, 28))


def test_warranty_refuses_negative_months_and_extensions():
    with pytest.raises(ValueError):
        warranty_covers(start=date(2026, 1, 15), months=-1, reported_on=date(2026, 1, 15))
    with pytest.raises(ValueError):
        warranty_covers(
            start=date(2026, 1, 15), months=12, reported_on=date(2026, 1, 15), extension_days=-1
        )


# --- lateness --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paid", "expected"),
    [
        (date(2026, 3, 14), 0),  # early
        (date(2026, 3, 15), 0),  # on the due date: on time
        (date(2026, 3, 16), 1),  # the next day: 1 day late
        (date(2026, 4, 15), 31),  # 16..31 Mar = 16 days, 1..15 Apr = 15 days
    ],
)
def test_days_late(paid, expected):
    assert days_late(due=date(2026, 3, 15), paid=paid) == expected


def test_days_late_across_the_year_end():
    assert days_late(due=date(2026, 12, 31), paid=date(2027, 1, 1)) == 1


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 1, 15), date(2026, 1, 14), 0),  # paid early
        (date(2026, 1, 15), date(2026, 1, 15), 0),  # on the due date
        (date(2026, 1, 15), date(2026, 1, 16), 1),  # 1 day late
        (date(2026, 1, 15), date(2026, 2, 15), 1),  # exactly one month
        (date(2026, 1, 15), date(2026, 2, 16), 2),  # one month and one day
        (date(2026, 1, 15), date(2026, 3, 15), 2),
        (date(2026, 1, 15), date(2026, 3, 16), 3),
        (date(2026, 1, 1), date(2026, 2, 1), 1),  # 31 days late in 31-day January
        (date(2025, 12, 31), date(2026, 1, 31), 1),  # 31 days, ends on the same day
        # From 31 Jan, one month later is 28 Feb (add_months): 28 Feb is 1, 1 Mar is 2.
        (date(2026, 1, 31), date(2026, 2, 28), 1),
        (date(2026, 1, 31), date(2026, 3, 1), 2),
        (date(2026, 1, 31), date(2026, 3, 31), 2),  # 31 Jan + 2 months = 31 Mar
        (date(2026, 1, 31), date(2026, 4, 1), 3),
        # 12 months from 15 Jan 2026 is 15 Jan 2027, so 16 Jan 2027 starts the 13th.
        (date(2026, 1, 15), date(2027, 1, 16), 13),
    ],
)
def test_months_started(start, end, expected):
    assert months_started(start=start, end=end) == expected


@given(dates, dates)
def test_months_started_properties(start, end):
    k = months_started(start=start, end=end)
    if end <= start:
        assert k == 0
    else:
        assert k >= 1
        assert add_months(start, k - 1) < end <= add_months(start, k)


# --- half years ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 1, 1), date(2026, 1, 1)),
        (date(2026, 6, 30), date(2026, 1, 1)),
        (date(2026, 7, 1), date(2026, 7, 1)),
        (date(2026, 12, 31), date(2026, 7, 1)),
    ],
)
def test_half_year_start(day, expected):
    assert half_year_start(day) == expected
