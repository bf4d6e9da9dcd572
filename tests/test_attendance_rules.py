"""program.attendance and program.calendar: hand-computed cases and properties, no file."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from program.attendance import (
    AttendanceRules,
    Coverage,
    Mark,
    PeriodSummary,
    StudentDays,
    assess_student,
    meeting_days_for,
    pooled_months,
    tier_counts,
    tier_for,
)
from program.calendar import SchoolCalendar

D = dt.date
HOLIDAY = D(2025, 9, 19)  # a Friday
CAL = SchoolCalendar(D(2025, 9, 2), D(2026, 6, 12),
                     frozenset({HOLIDAY, D(2025, 11, 27), D(2025, 11, 28)}))
SEPT = CAL.month_days(2025, 9)  # 20 school days: 2-5, 8-12, 15-18, 22-26, 29-30


def daily(student_id: int, statuses: dict[dt.date, str], days=SEPT, batch: int | None = 1,
          **kwargs) -> StudentDays:
    """A daily-mode record: every listed day present unless ``statuses`` says otherwise."""
    marks = tuple(Mark(day, statuses.get(day, "present"), batch) for day in days)
    return StudentDays(student_id, marks=marks, **kwargs)


# the calendar ------------------------------------------------------------------------------------

def test_september_has_twenty_school_days_without_weekends_and_the_holiday():
    assert len(SEPT) == 20
    assert HOLIDAY not in SEPT and D(2025, 9, 6) not in SEPT
    assert SEPT[0] == D(2025, 9, 2) and SEPT[-1] == D(2025, 9, 30)


def test_school_days_since_skips_a_break():
    # Thanksgiving: Thu 27 and Fri 28 Nov are off; from Wed 26 to Mon 1 Dec is one school day.
    assert CAL.school_days_since(D(2025, 11, 26), D(2025, 12, 1)) == 1
    assert CAL.school_days_since(D(2025, 11, 26), D(2025, 11, 26)) == 0
    assert CAL.previous_school_day(D(2025, 12, 1)) == D(2025, 11, 26)


@given(st.dates(D(2025, 8, 1), D(2026, 7, 1)), st.dates(D(2025, 8, 1), D(2026, 7, 1)),
       st.dates(D(2025, 8, 1), D(2026, 7, 1)))
def test_school_days_since_adds_up_and_matches_the_listed_days(a, b, c):
    a, b, c = sorted((a, b, c))
    assert CAL.school_days_since(a, b) + CAL.school_days_since(b, c) == CAL.school_days_since(a, c)
    assert CAL.count_between(a, c) == len(CAL.days_between(a, c))
    assert all(CAL.is_school_day(day) and day.weekday() < 5 for day in CAL.days_between(a, c))


# rate and tier -----------------------------------------------------------------------------------

def test_exactly_ten_percent_is_chronic():
    record = assess_student(daily(1, {SEPT[3]: "absent_unexcused", SEPT[9]: "absent_excused"}),
                            CAL, D(2025, 9, 30))
    assert (record.days_enrolled, record.days_absent) == (20, 2)
    assert record.absence_rate == 0.1
    assert record.tier == "moderate" and record.chronic
    assert tier_for(18, 180) == "moderate"
    assert tier_for(17.5, 180) == "at-risk"


def test_tier_boundaries_at_five_and_twenty_percent():
    assert tier_for(0, 20) == "satisfactory"
    assert tier_for(0.5, 20) == "satisfactory"  # 2.5%
    assert tier_for(1, 20) == "at-risk"  # 5% exactly
    assert tier_for(3.5, 20) == "moderate"  # 17.5%
    assert tier_for(4, 20) == "severe"  # 20% exactly
    assert tier_for(20, 20) == "severe"


def test_half_days_count_half_and_tardy_counts_present():
    statuses = {SEPT[0]: "half_day", SEPT[1]: "half_day", SEPT[2]: "half_day",
                SEPT[4]: "absent_unexcused", SEPT[5]: "tardy", SEPT[6]: "tardy"}
    record = assess_student(daily(1, statuses), CAL, D(2025, 9, 30))
    assert record.days_absent == 2.5
    assert record.absence_rate == 0.125
    assert record.tier == "moderate"


def test_out_of_school_suspension_is_absent():
    record = assess_student(daily(1, {SEPT[0]: "suspension_out"}), CAL, D(2025, 9, 30))
    assert record.days_absent == 1


def test_in_school_suspension_is_present_by_default_and_absent_when_the_school_says_so():
    student = daily(1, {SEPT[0]: "suspension_in", SEPT[1]: "suspension_in"})
    default = assess_student(student, CAL, D(2025, 9, 30))
    assert (default.days_absent, default.tier) == (0, "satisfactory")
    counted = assess_student(student, CAL, D(2025, 9, 30),
                             AttendanceRules(in_school_suspension_counts_absent=True))
    assert (counted.days_absent, counted.absence_rate, counted.tier) == (2, 0.1, "moderate")


def test_nine_enrolled_days_get_no_tier_and_ten_do():
    student = daily(1, {SEPT[0]: "absent_unexcused"})
    nine = assess_student(student, CAL, SEPT[8])
    assert nine.days_enrolled == 9 and nine.tier is None and not nine.rated
    assert nine.absence_rate == pytest.approx(1 / 9)
    ten = assess_student(student, CAL, SEPT[9])
    assert ten.days_enrolled == 10 and ten.tier == "moderate"
    assert assess_student(student, CAL, SEPT[9],
                          AttendanceRules(minimum_enrolled_days=11)).tier is None


def test_no_day_enrolled_gives_no_rate():
    record = assess_student(daily(1, {}), CAL, D(2025, 8, 20))
    assert (record.days_enrolled, record.absence_rate, record.tier) == (0, None, None)
    nothing = assess_student(StudentDays(2), CAL, D(2025, 9, 30))
    assert nothing.source == "none" and nothing.absence_rate is None


def test_as_of_is_inclusive_and_clipped_to_the_last_day():
    student = daily(1, {SEPT[4]: "absent_excused"})
    assert assess_student(student, CAL, SEPT[4]).days_enrolled == 5
    assert assess_student(student, CAL, SEPT[4]).days_absent == 1
    june = [D(2026, 6, 12), D(2026, 6, 15)]  # the last day, then a day after the year
    record = assess_student(daily(1, {}, days=june), CAL, D(2026, 8, 1))
    assert record.days_enrolled == 1


# exceptions-only imports -------------------------------------------------------------------------

def test_exceptions_only_counts_covered_school_days_skipping_the_holiday_up_to_the_through_date():
    # The export covers 2-26 Sept (the 19th is a holiday) and lists two absences.
    student = StudentDays(
        1, marks=(Mark(D(2025, 9, 3), "absent_unexcused", 7), Mark(D(2025, 9, 10), "half_day", 7)),
        coverage=(Coverage(7, D(2025, 9, 2), D(2025, 9, 26)),))
    record = assess_student(student, CAL, D(2025, 10, 15))
    # 2-5 (4) + 8-12 (5) + 15-18 (4) + 22-26 (5) = 18; nothing after the through-date.
    assert record.days_enrolled == 18
    assert record.days_absent == 1.5
    assert record.absence_rate == pytest.approx(1.5 / 18)
    assert record.tier == "at-risk"
    assert record.source == "days"


def test_exceptions_only_mid_year_entry_counts_from_the_entry_date():
    student = StudentDays(1, entry_date=D(2025, 9, 15),
                          coverage=(Coverage(7, D(2025, 9, 2), D(2025, 9, 30)),),
                          marks=(Mark(D(2025, 9, 16), "absent_excused", 7),))
    record = assess_student(student, CAL, D(2025, 9, 30))
    assert record.days_enrolled == 11  # 15-18 (4) + 22-26 (5) + 29-30 (2)
    assert record.days_absent == 1
    assert record.tier == "at-risk"  # 1/11 = 9.1%


def test_exceptions_only_withdrawal_stops_the_day_before_the_exit_date():
    # Exit date 22 Sept is the first day no longer enrolled: the last enrolled day is the 18th.
    student = StudentDays(1, exit_date=D(2025, 9, 22),
                          coverage=(Coverage(7, D(2025, 9, 2), D(2025, 9, 30)),))
    record = assess_student(student, CAL, D(2025, 12, 1))
    assert record.days_enrolled == 13  # 2-5 (4) + 8-12 (5) + 15-18 (4)
    assert record.days_absent == 0


def test_after_a_corrected_reimport_only_the_stored_rows_count():
    # Import 7 said absent on the 3rd and 4th; the corrected import 9 replaced the rows inside
    # its dates, listing only the 4th: what is stored is the truth, the 3rd is present.
    student = StudentDays(
        1,
        marks=(Mark(D(2025, 9, 4), "half_day", 9),),
        coverage=(Coverage(7, D(2025, 9, 2), D(2025, 9, 12)),
                  Coverage(9, D(2025, 9, 2), D(2025, 9, 12))))
    record = assess_student(student, CAL, D(2025, 9, 12))
    assert record.days_enrolled == 9
    assert record.days_absent == 0.5


def test_a_row_left_by_an_older_export_still_counts():
    # Rows outside the newer export's students or dates were not replaced, so they stand.
    student = StudentDays(
        1,
        marks=(Mark(D(2025, 9, 3), "absent_unexcused", 7),),
        coverage=(Coverage(7, D(2025, 9, 2), D(2025, 9, 12)),
                  Coverage(9, D(2025, 9, 2), D(2025, 9, 12))))
    assert assess_student(student, CAL, D(2025, 9, 12)).days_absent == 1


def test_a_row_typed_by_hand_is_not_overruled_by_an_export():
    student = StudentDays(1, marks=(Mark(D(2025, 9, 3), "absent_unexcused", None),),
                          coverage=(Coverage(9, D(2025, 9, 2), D(2025, 9, 12)),))
    assert assess_student(student, CAL, D(2025, 9, 12)).days_absent == 1


def test_a_daily_import_after_an_exceptions_import_counts_its_rows():
    student = StudentDays(1, marks=(Mark(D(2025, 9, 3), "absent_unexcused", 12),),
                          coverage=(Coverage(9, D(2025, 9, 2), D(2025, 9, 12)),))
    assert assess_student(student, CAL, D(2025, 9, 12)).days_absent == 1


def test_daily_mode_mid_year_entry_and_withdrawal_count_only_the_listed_days():
    entered = daily(1, {SEPT[12]: "absent_excused"}, days=SEPT[10:])
    record = assess_student(entered, CAL, D(2025, 9, 30))
    assert (record.days_enrolled, record.days_absent) == (10, 1)
    left = daily(2, {}, days=SEPT[:6])
    assert assess_student(left, CAL, D(2025, 12, 1)).days_enrolled == 6


# totals only -------------------------------------------------------------------------------------

def test_period_totals_use_the_latest_on_or_before_the_as_of_date():
    student = StudentDays(1, summaries=(PeriodSummary(D(2025, 10, 31), 42, 3),
                                        PeriodSummary(D(2025, 12, 19), 71, 11.5),
                                        PeriodSummary(D(2026, 1, 30), 90, 11.5)))
    record = assess_student(student, CAL, D(2026, 1, 15))
    assert (record.source, record.days_enrolled, record.days_absent) == ("summary", 71, 11.5)
    assert record.tier == "moderate"
    assert record.months is None and record.weekdays is None and record.early_warning is None
    latest = assess_student(student, CAL, D(2026, 3, 1))
    assert round(latest.absence_rate, 4) == 0.1278
    before_any = assess_student(student, CAL, D(2025, 10, 1))
    assert before_any.days_enrolled == 0 and before_any.tier is None


# early warning -----------------------------------------------------------------------------------

def test_two_absences_in_the_first_twenty_days_raise_the_early_warning():
    year = CAL.days[:60]
    record = assess_student(
        daily(1, {year[2]: "absent_unexcused", year[19]: "absent_excused"}, days=year),
        CAL, year[-1])
    assert record.tier == "satisfactory"  # 2 of 60
    assert record.early_warning is not None
    assert (record.early_warning.window, record.early_warning.missed) == (20, 2)


def test_early_warning_counts_the_first_forty_days_and_ignores_later_absences():
    year = CAL.days[:80]
    # 1 absence by day 20, 4 by day 40: the 40-day trigger.
    four_by_forty = {year[5]: "absent_excused", year[25]: "absent_excused",
                     year[30]: "absent_excused", year[39]: "absent_excused"}
    record = assess_student(daily(1, four_by_forty, days=year), CAL, year[-1])
    assert record.early_warning is not None and record.early_warning.window == 40
    # 1 absence by day 20, then 3 on days 41-43: never 4 in the first 40 nor 6 in the first 60.
    late = {year[5]: "absent_excused", year[40]: "absent_excused", year[41]: "absent_excused",
            year[42]: "absent_excused"}
    assert assess_student(daily(2, late, days=year), CAL, year[-1]).early_warning is None


def test_early_warning_flags_a_new_student_before_they_can_be_rated():
    record = assess_student(daily(1, {SEPT[0]: "absent_excused", SEPT[1]: "half_day",
                                      SEPT[2]: "half_day"}, days=SEPT[:5]), CAL, SEPT[4])
    assert record.tier is None and record.early_warning is not None


def test_a_chronically_absent_student_is_not_on_the_early_warning_list():
    record = assess_student(daily(1, {SEPT[0]: "absent_excused", SEPT[1]: "absent_excused"}),
                            CAL, SEPT[-1])
    assert record.chronic and record.early_warning is None


# weekday patterns and months ---------------------------------------------------------------------

def test_a_thursday_pattern_advises_meeting_on_wednesday():
    weeks = CAL.days_between(D(2025, 9, 2), D(2025, 10, 31))  # 43 days, 8 Thursdays
    thursdays = [day for day in weeks if day.weekday() == 3][:4]
    statuses = {day: "absent_unexcused" for day in thursdays}
    statuses[D(2025, 9, 8)] = "absent_excused"  # one Monday
    record = assess_student(daily(1, statuses, days=weeks), CAL, D(2025, 10, 31))
    thursday = record.weekdays[3]
    assert (thursday.days_enrolled, thursday.days_absent) == (9, 4)
    assert record.pattern_weekdays == (3,)
    assert record.meet_on == (2,)
    assert not record.weekdays[0].pattern  # one Monday is not a pattern


def test_two_absences_on_a_weekday_are_not_yet_a_pattern():
    thursdays = [day for day in SEPT if day.weekday() == 3][:2]
    record = assess_student(daily(1, {day: "absent_excused" for day in thursdays}), CAL, SEPT[-1])
    assert record.pattern_weekdays == ()


def test_advice_is_the_school_day_before_the_pattern():
    assert meeting_days_for([3, 4]) == (2,)  # Thursday and Friday: meet Wednesday
    assert meeting_days_for([0]) == (4,)  # Monday: meet the Friday before
    assert meeting_days_for([]) == ()


def test_monthly_rates_for_a_student_and_pooled_for_a_group():
    october = CAL.month_days(2025, 10)  # 23 school days
    one = assess_student(daily(1, {SEPT[0]: "absent_excused", october[0]: "half_day"},
                               days=SEPT + october), CAL, D(2025, 10, 31))
    two = assess_student(daily(2, {october[1]: "absent_excused"}, days=october),
                         CAL, D(2025, 10, 31))
    assert [(m.month, m.days_enrolled, m.days_absent) for m in one.months] == [
        (9, 20, 1), (10, 23, 0.5)]
    pooled = pooled_months([one, two])
    assert [(m.month, m.days_enrolled, m.days_absent) for m in pooled] == [
        (9, 20, 1), (10, 46, 1.5)]
    assert pooled[1].rate == pytest.approx(1.5 / 46)
    # 1.5 of 43 days (3.5%) and 1 of 23 (4.3%): both satisfactory.
    assert tier_counts([one, two]) == {"satisfactory": 2, "at-risk": 0, "moderate": 0,
                                       "severe": 0, None: 0}


# properties --------------------------------------------------------------------------------------

STATUSES = ["present", "tardy", "absent_excused", "absent_unexcused", "suspension_in",
            "suspension_out", "half_day"]
TERM = CAL.days_between(D(2025, 9, 2), D(2025, 12, 19))


@st.composite
def term_records(draw):
    first = draw(st.integers(0, len(TERM) - 1))
    last = draw(st.integers(first, len(TERM) - 1))
    days = TERM[first:last + 1]
    statuses = draw(st.lists(st.sampled_from(STATUSES), min_size=len(days), max_size=len(days)))
    return dict(zip(days, statuses, strict=True))


@settings(max_examples=60, deadline=None)
@given(term_records(), st.booleans(), st.dates(D(2025, 8, 25), D(2026, 1, 10)))
def test_an_exceptions_only_import_gives_the_same_figures_as_a_daily_one(by_day, iss, as_of):
    days = sorted(by_day)
    rules = AttendanceRules(in_school_suspension_counts_absent=iss)
    as_daily = StudentDays(1, marks=tuple(Mark(d, s, 1) for d, s in by_day.items()))
    # The same student in an exceptions export: no rows for present days, entry and exit
    # dates from the enrollment, the export covering the whole term.
    following = CAL.days_between(days[-1] + dt.timedelta(days=1), CAL.last_day)
    as_exceptions = StudentDays(
        1, entry_date=days[0], exit_date=following[0] if following else None,
        marks=tuple(Mark(d, s, 2) for d, s in by_day.items() if s != "present"),
        coverage=(Coverage(2, TERM[0], TERM[-1]),))
    one = assess_student(as_daily, CAL, as_of, rules)
    other = assess_student(as_exceptions, CAL, as_of, rules)
    assert one == other


@settings(max_examples=60, deadline=None)
@given(term_records(), st.dates(D(2025, 8, 25), D(2026, 1, 10)))
def test_rates_stay_between_nought_and_one_and_tiers_follow_the_rate(by_day, as_of):
    record = assess_student(StudentDays(1, marks=tuple(Mark(d, s, 1) for d, s in by_day.items())),
                            CAL, as_of)
    assert 0 <= record.days_absent <= record.days_enrolled
    assert sum(m.days_enrolled for m in record.months) == record.days_enrolled
    assert sum(w.days_absent for w in record.weekdays) == record.days_absent
    if record.days_enrolled:
        assert 0 <= record.absence_rate <= 1
    if record.tier is not None:
        assert record.days_enrolled >= 10
        assert record.chronic == (record.absence_rate >= 0.1 - 1e-12)


@given(st.integers(10, 400), st.integers(0, 800))
def test_one_more_absent_day_never_lowers_the_tier(enrolled, half_days):
    order = ["satisfactory", "at-risk", "moderate", "severe"]
    absent = min(half_days / 2, enrolled - 1)
    assert order.index(tier_for(absent, enrolled)) <= order.index(tier_for(absent + 1, enrolled))


@given(st.integers(1, 40))
def test_exactly_a_tenth_is_always_moderate(tenth):
    assert tier_for(tenth, tenth * 10) == "moderate"
    assert tier_for(tenth * 0.5, tenth * 5) == "moderate" or tenth * 5 < 10
