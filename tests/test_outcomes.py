"""Outcomes for the end-of-year report: a small program worked out by hand (program.outcomes),
properties, and the loaders over the demo school (analysis.outcomes)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import outcomes as analysis_outcomes
from analysis.years import choose_year
from program.attendance import Mark, StudentDays, ledger
from program.cadence import MatchMeetings
from program.calendar import SchoolCalendar
from program.outcomes import (
    Nomination,
    OutcomeInputs,
    Referral,
    Stretch,
    Training,
    change_between,
    program_outcomes,
)
from storage.database import open_data_file
from tests.conftest import DEMO_TODAY

D = dt.date
WINTER_BREAK = [D(2025, 12, 22) + dt.timedelta(days=n) for n in range(12)]
CAL = SchoolCalendar(D(2025, 9, 2), D(2026, 6, 12),
                     frozenset({D(2025, 9, 19), D(2025, 11, 27), D(2025, 11, 28), *WINTER_BREAK}))
AS_OF = D(2025, 12, 19)
# Up to Fri 19 Dec: September 20 school days, October 23, November 18, December 15 = 76.
SEPT = CAL.month_days(2025, 9)
AFTER_SEPT = CAL.days_between(D(2025, 10, 1), AS_OF)  # 56 days
YEAR_SO_FAR = CAL.days_between(CAL.first_day, AS_OF)


def ledger_of(days, absent_days=()):
    absent = set(absent_days)
    marks = tuple(Mark(day, "absent_excused" if day in absent else "present", 1) for day in days)
    return ledger(StudentDays(0, marks=marks), CAL, AS_OF)


A, B, C, DEE, E, N1, N2, N3, N4, N5 = range(1, 11)
STUDENTS = {
    # Mentee A: 4 of 20 absent in September (20%: severe), 2 of 56 since 1 Oct.
    A: ledger_of(YEAR_SO_FAR, [*SEPT[:4], *AFTER_SEPT[:2]]),
    # Mentee C: matched 9 Sept, no last year: no baseline.
    C: ledger_of(YEAR_SO_FAR),
    # Mentee D: 1 of 20 in September (5%: at-risk); matched 1 Oct - 14 Nov, 3 absent of 33.
    DEE: ledger_of(YEAR_SO_FAR, [SEPT[0], *AFTER_SEPT[:3]]),
    # Mentee E: left at the end of September: a baseline, no day since the match began.
    E: ledger_of(SEPT),
    # Never matched: N1 severe at 1 Oct (4 of 20), 7 of 56 after; N2 at-risk (1 of 20), 2 of 56;
    # N3 satisfactory, 1 of 56; N4 waitlisted, moderate (3 of 20), 8 of 56; N5 arrived in
    # November with no history: no baseline.
    N1: ledger_of(YEAR_SO_FAR, [*SEPT[:4], *AFTER_SEPT[:7]]),
    N2: ledger_of(YEAR_SO_FAR, [SEPT[0], *AFTER_SEPT[:2]]),
    N3: ledger_of(YEAR_SO_FAR, [AFTER_SEPT[0]]),
    N4: ledger_of(YEAR_SO_FAR, [*SEPT[:3], *AFTER_SEPT[:8]]),
    N5: ledger_of(CAL.days_between(D(2025, 11, 3), AS_OF)),
}
# Mentee B: matched on Tue 9 Sept after only 5 school days: the same part of last year (its
# 6th to 76th school days) is "before": absent every 10th day of last year (7 of those 71);
# since the match 6 days and a half day absent in September and 1 in October: 7.5 of 71.
PREVIOUS = SchoolCalendar(D(2024, 9, 3), D(2025, 6, 13))
PREVIOUS_B = ledger(StudentDays(0, marks=tuple(
    Mark(day, "absent_unexcused" if index % 10 == 0 else "present", 1)
    for index, day in enumerate(PREVIOUS.days))), PREVIOUS, PREVIOUS.last_day)
STUDENTS[B] = ledger(StudentDays(0, marks=tuple(
    Mark(day, "half_day" if day == YEAR_SO_FAR[11] else
         "absent_unexcused" if day in YEAR_SO_FAR[5:12] or day in YEAR_SO_FAR[40:41] else
         "present", 1) for day in YEAR_SO_FAR)), CAL, AS_OF)
MATCHES = (
    MatchMeetings(1, D(2025, 10, 1), None, ((D(2025, 10, 8), "held"), (D(2025, 10, 22), "held"),
                                            (D(2025, 11, 5), "held")), mentor_id=1, student_id=A),
    MatchMeetings(2, D(2025, 9, 9), None, ((D(2025, 9, 17), "held"),
                                           (D(2025, 10, 1), "student_absent")),
                  mentor_id=1, student_id=B),
    MatchMeetings(3, D(2025, 9, 9), None, (), mentor_id=2, student_id=C),
    MatchMeetings(4, D(2025, 10, 1), D(2025, 11, 14), ((D(2025, 10, 15), "held"),),
                  mentor_id=3, student_id=DEE, closure_reason="mismatch"),
    MatchMeetings(5, D(2025, 10, 1), None, (), mentor_id=2, student_id=E),
)
INPUTS = OutcomeInputs(
    calendar=CAL,
    as_of=AS_OF,
    students=STUDENTS,
    previous_calendar=PREVIOUS,
    previous={B: PREVIOUS_B},
    matches=MATCHES,
    nominations=(
        Nomination(A, "accepted", D(2025, 9, 5), frozenset({"attendance"})),
        Nomination(B, "accepted", D(2025, 9, 5), frozenset({"attendance", "behavior"})),
        Nomination(N4, "waitlisted", D(2025, 9, 12), frozenset({"attendance"})),
        Nomination(N2, "declined", D(2025, 9, 12), frozenset({"other"})),
    ),
    trainings=(
        Training(1, D(2025, 8, 27), "Welcome", "start_of_year", True, frozenset({1, 2})),
        Training(2, D(2026, 1, 14), "Mid-year", "mid_year", True, frozenset({1, 2, 3})),
    ),
    referrals=(
        Referral(A, "counselor", D(2025, 10, 10), "resolved", D(2025, 10, 20)),
        Referral(B, "counselor", D(2025, 11, 1), "open"),
        Referral(DEE, "nurse", D(2026, 1, 5), "open"),
    ),
    roster_mentor_ids=frozenset({1, 2, 3}),
)


def test_the_ledger_days_match_the_hand_count():
    assert (len(SEPT), len(AFTER_SEPT), len(YEAR_SO_FAR)) == (20, 56, 76)
    assert STUDENTS[B].totals(D(2025, 9, 9), AS_OF) == (71, 7.5)


def test_each_mentee_before_and_after_by_hand():
    result = program_outcomes(INPUTS)
    by_id = {m.student_id: m for m in result.mentees}
    a = by_id[A]
    assert (a.baseline, a.before, a.after) == ("this_year", Stretch(20, 4), Stretch(56, 2))
    assert (a.tier_at_start, a.tier_now, a.change) == ("severe", "at-risk", "improved")
    assert a.days_gained == pytest.approx((0.2 - 2 / 56) * 56)  # 9.2
    assert (a.meetings, a.served) == (3, True)
    b = by_id[B]
    # Last year's 6th to 76th school days (the places of 9 Sept - 19 Dec this year): the
    # 10th, 20th, ... 70th are absences: 7 of 71, 9.86 per 100; since: 10.56: the same.
    assert (b.baseline, b.before, b.after) == ("last_year", Stretch(71, 7), Stretch(71, 7.5))
    assert (b.tier_at_start, b.change) == ("at-risk", "same")
    assert b.days_gained == pytest.approx(7 - 7.5)
    c = by_id[C]
    # Matched on 9 Sept with 5 days before and no last year: too early to tell.
    assert (c.baseline, c.before, c.change, c.tier_at_start, c.served) == (
        None, None, None, None, False)
    d = by_id[DEE]
    assert (d.match_end, d.after, d.change) == (D(2025, 11, 14), Stretch(33, 3), "worse")
    assert d.tier_at_start == "at-risk"
    assert d.days_gained == pytest.approx(1.65 - 3)
    e = by_id[E]
    # Left at the end of September: 20 days before, none since: too early to tell.
    assert (e.baseline, e.after, e.change, e.tier_at_start) == (
        "this_year", Stretch(0, 0), None, "satisfactory")


def test_program_totals_by_hand():
    result = program_outcomes(INPUTS)
    assert (result.improved, result.same, result.worse) == (1, 1, 1)
    assert result.too_early == 2  # C (no days before) and E (no days since)
    assert result.before == Stretch(20 + 71 + 20, 4 + 7 + 1)
    assert result.after == Stretch(56 + 71 + 33, 2 + 7.5 + 3)
    assert result.days_gained == pytest.approx(9.2 - 0.5 - 1.35)
    assert result.days_gained_per_100 == pytest.approx(735 / 160)
    assert result.tiers_at_start == {"satisfactory": 1, "at-risk": 2, "moderate": 0,
                                     "severe": 1, None: 1}
    assert result.chronic_at_start == 1
    # Now (76 days): A 6 (7.9%), B 7.5 (9.9%), C 0, D 4 (5.3%); E 0 of 20.
    assert result.tiers_now == {"satisfactory": 2, "at-risk": 3, "moderate": 0, "severe": 0,
                                None: 0}
    assert result.left_chronic == 1  # A: severe to at risk


def test_the_comparison_measures_students_never_matched_over_the_mentees_stretches():
    comparison = program_outcomes(INPUTS).comparison
    assert comparison.caution == "comparison, not proof of cause"
    mentees = comparison.mentees
    assert [(row.tier, row.students) for row in mentees.by_tier] == [("at-risk", 2),
                                                                      ("severe", 1)]
    assert mentees.before_rate == pytest.approx(12 / 111)
    # The judged mentees' stretches in order of their dates: B's (9 Sept on, last year
    # before), D's (1 Oct - 14 Nov), A's (1 Oct - 19 Dec). N1..N5 take them in turn: N1 and
    # N4 get B's but have no last year; N5 gets D's but arrived in November: none judged.
    # N2 (D's): 1 of 20 before (at risk), 2 of 33 after; N3 (A's): 0 of 20, 1 of 56.
    never = comparison.never_matched
    assert never.students == 2
    assert [(row.tier, row.students) for row in never.by_tier] == [("satisfactory", 1),
                                                                    ("at-risk", 1)]
    # The mentees are 2 at risk and 1 severe; similar students have no severe one, so only
    # the at-risk tier weighs: N2's rates.
    assert never.before_rate == pytest.approx(0.05)
    assert never.after_rate == pytest.approx(2 / 33)
    assert never.missing_tiers == ("severe",)
    assert comparison.waitlisted.students == 0  # N4: B's stretch, no last year


def test_days_gained_net_of_similar_students():
    net = program_outcomes(INPUTS).comparison.net
    # Counted: B and D (at risk; A's severe tier has no similar student). They gained -0.5
    # and -1.35; had they changed like N2 (-0.35 days over 33), -0.35/33 x (71 + 33).
    assert net.mentees == 2
    assert net.days_gained == pytest.approx(-1.85)
    assert net.expected == pytest.approx(-0.35 / 33 * 104)
    assert net.net == pytest.approx(-1.85 + 0.35 / 33 * 104)
    assert net.low <= net.high and (net.resamples, net.seed) == (1000, 20_240_901)
    again = program_outcomes(INPUTS).comparison.net
    assert (again.low, again.high) == (net.low, net.high)


def test_program_figures_by_hand():
    figures = program_outcomes(INPUTS).figures
    assert figures.nominated == 4 and figures.never_matched == 2
    assert figures.nominated_by_status == {"accepted": 2, "waitlisted": 1, "declined": 1}
    assert figures.nominated_by_reason == {"attendance": 3, "behavior": 1, "other": 1}
    assert (figures.matched, figures.served, figures.matches, figures.mentors_matched) == (
        5, 3, 5, 3)
    # Calendar days to 19 Dec (or the end): 79, 101, 101, 44, 79.
    assert figures.median_match_days == 79
    assert (figures.closed_early, figures.closed_early_by_reason) == (1, {"mismatch": 1})
    assert figures.held_meetings == 5
    # Months matched: A 3 (Oct, Nov, and December's 15 school days before the break), B and C
    # 15/20 + 3, D 1 + 10/18, E 3.
    months = 3 + 2 * (15 / 20 + 3) + (1 + 10 / 18) + 3
    assert figures.held_per_match_per_month == pytest.approx(5 / months)
    assert (figures.matches_judged, figures.matches_meeting_target) == (5, 0)
    assert [(t.title, t.attended, t.roster_attended) for t in figures.trainings] == [
        ("Welcome", 2, 2)]
    assert figures.mentors_trained == 2
    assert [(r.kind, r.opened, r.resolved, r.still_open) for r in figures.referrals] == [
        ("counselor", 2, 1, 1)]


def test_family_contacts_and_absent_day_checkins_are_not_meetings_with_the_student():
    from dataclasses import replace

    a = replace(MATCHES[0], meetings=(*MATCHES[0].meetings, (D(2025, 11, 12), "held"),
                                      (D(2025, 11, 13), "held")),
                kinds=("one_to_one",) * 3 + ("family_contact", "absent_day_checkin"),
                meeting_ids=(1, 2, 3, 4, 5))
    result = program_outcomes(replace(INPUTS, matches=(a, *MATCHES[1:])))
    figures = result.figures
    assert (figures.family_contacts, figures.absent_day_checkins) == (1, 1)
    assert {m.student_id: m.meetings for m in result.mentees}[A] == 3
    assert {m.student_id: m.contacts for m in result.mentees}[A] == 2
    # The rhythm counts every meeting held, as the screens do.
    assert [r.held for r in result.rhythms if r.match_id == 1] == [5]


def test_a_date_range_counts_only_what_falls_inside_it():
    from dataclasses import replace

    result = program_outcomes(replace(INPUTS, period_start=D(2025, 11, 1)))
    assert result.period_start == D(2025, 11, 1)
    by_id = {m.student_id: m for m in result.mentees}
    # A's after: Mon 3 Nov - 19 Dec = 33 school days, no absence (A's were in early October).
    assert by_id[A].after == Stretch(33, 0)
    assert by_id[A].meetings == 1  # 5 Nov
    assert result.figures.nominated == 0 and result.figures.trainings == ()
    assert [(r.kind, r.opened) for r in result.figures.referrals] == [("counselor", 1)]
    assert result.figures.closed_early == 1  # D closed 14 Nov


def test_no_mentees_gives_empty_comparison():
    from dataclasses import replace

    result = program_outcomes(replace(INPUTS, matches=()))
    assert result.mentees == () and result.comparison.net is None
    assert result.comparison.never_matched.students == 0
    assert result.days_gained == 0 and result.days_gained_per_100 is None


@given(st.integers(1, 200), st.integers(0, 400), st.integers(1, 200), st.integers(0, 400))
def test_change_is_improved_exactly_when_a_day_per_100_fewer(eb, ab2, ea, aa2):
    before = Stretch(eb, min(ab2 / 2, eb))
    after = Stretch(ea, min(aa2 / 2, ea))
    change = change_between(before, after)
    difference = before.per_100 - after.per_100
    if difference > 1 + 1e-9:
        assert change == "improved"
    elif difference < -1 - 1e-9:
        assert change == "worse"
    elif -1 + 1e-9 < difference < 1 - 1e-9:
        assert change == "same"
    assert change_between(before, before) == "same"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(CAL.days_between(CAL.first_day, AS_OF)),
                          st.booleans()), max_size=6))
def test_days_gained_add_up_over_mentees(starts):
    matches = tuple(MatchMeetings(n + 1, day, None, ((day, "held"),) if held else (),
                                  mentor_id=1, student_id=[A, B, DEE, N1, N2, N3][n])
                    for n, (day, held) in enumerate(starts))
    result = program_outcomes(OutcomeInputs(CAL, AS_OF, STUDENTS, PREVIOUS, {B: PREVIOUS_B},
                                            matches=matches))
    judged = [m for m in result.mentees if m.judged]
    assert result.days_gained == pytest.approx(sum(m.days_gained for m in judged))
    assert result.improved + result.same + result.worse == len(judged)
    assert len(judged) + result.too_early == len(result.mentees)
    # Judged only with 20 school days before and 20 after.
    assert all(m.before.days_enrolled >= 20 and m.after.days_enrolled >= 20 for m in judged)
    assert sum(band.mentees for band in result.dose) == len(judged)
    assert result.figures.served == sum(1 for _, held in starts if held)


# over the demo school ----------------------------------------------------------------------------

def test_demo_school_outcomes_last_year_and_this_year(demo_master):
    with open_data_file(demo_master, write=False) as data:
        db = data.db
        last = choose_year(data.db, D(2026, 6, 30))
        whole = analysis_outcomes.program_outcomes(db, last.year_id, last.as_of)
        now = choose_year(db, DEMO_TODAY)
        current = analysis_outcomes.program_outcomes(db, now.year_id, now.as_of)
    assert whole.as_of == last.last_day
    assert whole.figures.matched == len(whole.mentees) > 10
    assert whole.improved + whole.same + whole.worse > 10
    assert whole.comparison.never_matched.students > 100
    assert whole.figures.trainings and whole.figures.held_meetings > 100
    # This year, continuing mentees matched in the first weeks are set against the same part
    # of last year.
    assert any(m.baseline == "last_year" for m in current.mentees)
    assert current.last_year_mentees.mentees == whole.figures.matched
    assert len(current.chronic_by_month) == 10
    assert current.as_of == DEMO_TODAY


def test_a_period_that_starts_after_it_ends_is_refused(data_file):
    from storage.errors import InvalidInput

    year_id = data_file.db.execute("SELECT id FROM school_years").fetchone()[0]
    with pytest.raises(InvalidInput, match="starts"):
        analysis_outcomes.program_outcomes(data_file.db, year_id, D(2025, 10, 1),
                                           period_start=D(2025, 11, 1))
    empty = analysis_outcomes.program_outcomes(data_file.db, year_id, D(2025, 10, 1))
    assert empty.mentees == () and empty.figures.nominated == 0


def test_a_group_meeting_is_one_meeting_held_but_counts_for_each_mentee():
    from dataclasses import replace

    lunch = D(2025, 10, 22)
    # Meeting 30 is one lunch with A and B; 11 and 12 are each alone; 13 is B's before the
    # report's period (a range from 1 October).
    a = MatchMeetings(1, D(2025, 10, 1), None, ((D(2025, 10, 8), "held"), (lunch, "held")),
                      mentor_id=1, student_id=A, meeting_ids=(11, 30))
    b = MatchMeetings(2, D(2025, 9, 9), None, ((D(2025, 9, 17), "held"), (lunch, "held"),
                                               (D(2025, 11, 5), "student_absent")),
                      mentor_id=1, student_id=B, meeting_ids=(13, 30, 31))
    result = program_outcomes(replace(INPUTS, matches=(a, b), period_start=D(2025, 10, 1)))
    assert result.figures.distinct_meetings_held == 2  # 11 and 30
    assert result.figures.held_meetings == 3  # A: 11 and 30; B: 30
    assert {m.student_id: m.meetings for m in result.mentees} == {A: 2, B: 1}
    # Without meeting ids every match's meetings are its own.
    plain = program_outcomes(replace(INPUTS, matches=(replace(a, meeting_ids=()),
                                                      replace(b, meeting_ids=()))))
    assert plain.figures.distinct_meetings_held == plain.figures.held_meetings == 4
