"""program.attendance_coverage: when missing attendance is a gap and when it is simply the next
export's (hand-worked cases on a calendar with a holiday; no file)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from program.attendance_coverage import EXPORT_LAG_SCHOOL_DAYS, attendance_coverage
from program.calendar import SchoolCalendar

D = dt.date
THANKSGIVING = (D(2026, 11, 26), D(2026, 11, 27))  # Thursday and Friday off
CAL = SchoolCalendar(D(2026, 9, 8), D(2027, 6, 11), frozenset(THANKSGIVING))


def known_through(last: dt.date, first: dt.date = CAL.first_day) -> set[dt.date]:
    return set(CAL.days_between(first, last))


def test_data_through_yesterday_leaves_no_gap_and_today_is_awaited():
    today = D(2026, 11, 24)  # a Tuesday
    coverage = attendance_coverage(CAL, known_through(D(2026, 11, 23)), today)
    assert coverage.data_through == D(2026, 11, 23)
    assert coverage.gaps == ()
    assert coverage.awaited == (today,)


def test_an_export_a_couple_of_school_days_behind_is_no_gap():
    # Tuesday, with data through the Thursday before: Friday and Monday are still to come.
    coverage = attendance_coverage(CAL, known_through(D(2026, 11, 19)), D(2026, 11, 24))
    assert coverage.gaps == ()
    assert coverage.awaited == (D(2026, 11, 20), D(2026, 11, 23), D(2026, 11, 24))


def test_data_more_than_a_few_school_days_behind_names_the_days_but_not_today():
    coverage = attendance_coverage(CAL, known_through(D(2026, 11, 18)), D(2026, 11, 24))
    assert coverage.gaps == (D(2026, 11, 19), D(2026, 11, 20), D(2026, 11, 23))
    assert coverage.awaited == (D(2026, 11, 24),)


def test_a_holiday_is_never_missing_and_does_not_count_as_lag():
    # The Monday after Thanksgiving, data through the Wednesday before: one school day behind.
    coverage = attendance_coverage(CAL, known_through(D(2026, 11, 25)), D(2026, 11, 30))
    assert coverage.gaps == ()
    assert coverage.awaited == (D(2026, 11, 30),)


def test_school_days_between_imports_are_a_gap_even_when_the_latest_data_is_fresh():
    known = known_through(D(2026, 10, 9)) | known_through(D(2026, 11, 23), D(2026, 10, 19))
    coverage = attendance_coverage(CAL, known, D(2026, 11, 24))
    assert coverage.gaps == CAL.days_between(D(2026, 10, 12), D(2026, 10, 16))
    assert coverage.awaited == (D(2026, 11, 24),)


def test_once_the_year_is_over_every_missing_day_is_a_gap():
    coverage = attendance_coverage(CAL, known_through(D(2027, 6, 10)), D(2027, 7, 20))
    assert coverage.gaps == (D(2027, 6, 11),)
    assert coverage.awaited == ()


def test_the_first_days_of_the_year_before_any_import_are_awaited():
    coverage = attendance_coverage(CAL, set(), D(2026, 9, 9))
    assert (coverage.data_through, coverage.gaps) == (None, ())
    assert coverage.awaited == (D(2026, 9, 8), D(2026, 9, 9))


@given(st.integers(0, len(CAL.days) - 1), st.integers(0, 40))
def test_every_school_day_is_known_a_gap_or_awaited_never_two(as_of_index, behind):
    as_of = CAL.days[as_of_index]
    last_known = CAL.days[max(0, as_of_index - behind)]
    known = known_through(last_known) if as_of_index - behind >= 0 else set()
    coverage = attendance_coverage(CAL, known, as_of)
    school_days = set(CAL.days_between(CAL.first_day, as_of))
    gaps, awaited = set(coverage.gaps), set(coverage.awaited)
    assert not gaps & awaited and not (gaps | awaited) & known
    assert gaps | awaited | (known & school_days) == school_days
    assert as_of not in gaps  # the day the figures are for is never called missing
    assert len(awaited - {as_of}) <= EXPORT_LAG_SCHOOL_DAYS
