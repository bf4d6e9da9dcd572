"""Meeting rhythm: hand-computed cases and properties (program.cadence), then over a real file
(analysis.cadence)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import cadence as analysis_cadence
from program.cadence import CadenceRules, MatchMeetings, match_rhythm, needing_attention
from program.calendar import SchoolCalendar
from storage import matches, meetings, mentors, students

D = dt.date
WINTER_BREAK = [D(2025, 12, 22) + dt.timedelta(days=n) for n in range(12)]
CAL = SchoolCalendar(D(2025, 9, 2), D(2026, 6, 12),
                     frozenset({D(2025, 9, 19), D(2025, 11, 27), D(2025, 11, 28), *WINTER_BREAK}))


OCT_1 = D(2025, 10, 1)


def rhythm(started, meetings_=(), as_of=OCT_1, ended=None, **rules):
    match = MatchMeetings(1, started, ended, tuple(meetings_))
    return match_rhythm(match, CAL, as_of, CadenceRules(**rules))


def test_a_match_started_on_the_first_day_has_a_full_first_month():
    r = rhythm(D(2025, 9, 2), [(D(2025, 9, 10), "held"), (D(2025, 9, 24), "held")])
    september = r.months[0]
    assert (september.month, september.held, september.school_days) == (9, 2, 20)
    assert september.full and september.on_target
    assert (r.full_months, r.full_months_on_target, r.share_on_target) == (1, 1, 1.0)
    # September whole (20 of 20) and 1 of October's 23 school days.
    assert r.months_matched == 1 + 1 / 23
    assert r.held_per_month == 2 / (1 + 1 / 23)
    assert (r.held_this_month, r.expected_this_month, r.behind_target) == (0, 0, False)


def test_a_match_started_the_day_after_the_first_day_has_no_full_first_month():
    r = rhythm(D(2025, 9, 3), [(D(2025, 9, 10), "held"), (D(2025, 9, 24), "held")])
    assert r.full_months == 0 and r.share_on_target is None


def test_overdue_after_more_than_ten_school_days_without_a_held_meeting():
    held = [(D(2025, 9, 24), "held")]
    # After Wed 24 Sept: 25, 26, 29, 30 Sept, 1, 2, 3, 6, 7, 8 Oct = 10 school days.
    on_the_tenth = rhythm(D(2025, 9, 2), held, as_of=D(2025, 10, 8))
    assert on_the_tenth.school_days_since == 10 and not on_the_tenth.overdue
    eleventh = rhythm(D(2025, 9, 2), held, as_of=D(2025, 10, 9))
    assert eleventh.school_days_since == 11 and eleventh.overdue
    assert on_the_tenth.overdue_from == D(2025, 10, 9)


def test_a_break_does_not_make_a_match_overdue():
    # Last met Thu 18 Dec; winter break 22 Dec - 2 Jan: by Tue 6 Jan only 19 Dec, 5 and 6 Jan
    # were school days (twelve weekdays went by).
    r = rhythm(D(2025, 9, 2), [(D(2025, 12, 18), "held")], as_of=D(2026, 1, 6))
    assert r.school_days_since == 3 and not r.overdue
    assert r.overdue_from == D(2026, 1, 16)


def test_a_new_match_counts_from_its_start():
    r = rhythm(D(2025, 9, 22), as_of=D(2025, 10, 7))
    # 23, 24, 25, 26, 29, 30 Sept, 1, 2, 3, 6, 7 Oct = 11 school days since the start.
    assert r.school_days_since == 11 and r.overdue and r.last_held is None


def test_only_held_meetings_count_and_student_absent_is_an_attempt():
    r = rhythm(D(2025, 9, 2), [(D(2025, 9, 10), "held"), (D(2025, 9, 29), "student_absent"),
                                (D(2025, 9, 30), "cancelled")])
    assert (r.held, r.attempts, r.cancelled) == (1, 1, 1)
    assert r.last_held == D(2025, 9, 10) and r.last_attempt == D(2025, 9, 29)
    assert r.months[0].held == 1 and r.months[0].attempts == 1 and not r.months[0].on_target


def test_behind_target_is_the_target_times_the_share_of_the_month_past_rounded_down():
    # By Mon 20 Oct, 14 of October's 23 school days are past: 2 x 14 / 23 = 1.2 -> 1.
    behind = rhythm(D(2025, 9, 2), [(D(2025, 9, 30), "held")], as_of=D(2025, 10, 20))
    assert (behind.held_this_month, behind.expected_this_month) == (0, 1)
    assert behind.behind_target and behind.needs_attention
    on_pace = rhythm(D(2025, 9, 2), [(D(2025, 10, 14), "held")], as_of=D(2025, 10, 20))
    assert not on_pace.behind_target
    # By Fri 10 Oct: 8 of 23 -> 2 x 8 / 23 = 0.7 -> 0: nobody who met lately is behind yet.
    early = rhythm(D(2025, 9, 2), [(D(2025, 9, 30), "held")], as_of=D(2025, 10, 10))
    assert (early.expected_this_month, early.behind_target) == (0, False)
    # With a target of 4: 4 x 14 / 23 = 2.4 -> 2.
    assert rhythm(D(2025, 9, 2), as_of=D(2025, 10, 20), target_per_month=4
                  ).expected_this_month == 2


def test_a_match_begun_this_month_is_judged_on_its_own_days():
    # Began Wed 15 Oct: 15, 16, 17, 20 Oct = 4 of 23 -> 2 x 4 / 23 = 0.3 -> 0.
    r = rhythm(D(2025, 10, 15), as_of=D(2025, 10, 20))
    assert (r.expected_this_month, r.behind_target) == (0, False)


def test_longest_gap_in_school_days():
    r = rhythm(D(2025, 9, 2), [(D(2025, 9, 10), "held"), (D(2025, 10, 1), "held")],
               as_of=D(2025, 10, 8))
    # Start -> 10 Sept: 6; 10 Sept -> 1 Oct: 14 (the 19th off); 1 Oct -> 8 Oct: 5.
    assert r.longest_gap == 14


def test_a_closed_match_is_never_overdue_and_counts_to_its_end():
    r = rhythm(D(2025, 9, 2), [(D(2025, 9, 10), "held"), (D(2025, 11, 3), "held")],
               as_of=D(2025, 12, 1), ended=D(2025, 10, 31))
    assert not r.active and not r.overdue and not r.behind_target
    assert r.held == 1  # the meeting after the end is not the match's
    assert [m.month for m in r.months] == [9, 10]
    assert r.months[1].full  # ran to 31 Oct, October's last school day
    assert needing_attention([r]) == []


def test_a_match_not_begun_is_not_active():
    r = rhythm(D(2025, 10, 6), as_of=D(2025, 10, 1))
    assert not r.active and r.school_days_since == 0 and r.months == ()


DAYS = CAL.days_between(D(2025, 9, 2), D(2026, 2, 27))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DAYS), st.sampled_from(
    ["held", "held", "student_absent", "cancelled"])), max_size=25),
    st.sampled_from(DAYS), st.sampled_from(DAYS), st.sampled_from(DAYS))
def test_one_more_held_meeting_never_makes_a_match_look_worse(logged, start, as_of, extra):
    start, as_of = min(start, as_of), max(start, as_of)
    before = rhythm(start, logged, as_of=as_of)
    after = rhythm(start, [*logged, (extra, "held")], as_of=as_of)
    assert after.school_days_since <= before.school_days_since
    assert after.overdue <= before.overdue
    assert after.behind_target <= before.behind_target
    assert after.held >= before.held
    assert sum(m.held for m in after.months) == after.held
    assert after.overdue == (after.active and after.school_days_since > 10)
    assert after.longest_gap >= after.school_days_since


# over a real file --------------------------------------------------------------------------------

def test_match_rhythm_over_the_file_counts_group_meetings_for_each_match(data_file):
    db = data_file.db
    year_id = db.execute("SELECT id FROM school_years").fetchone()[0]
    mentor_id = mentors.add_mentor(db, first_name="Ada", last_name="Mentor", capacity=3)
    first = students.add_student(db, local_id="1", first_name="A", year_id=year_id)
    second = students.add_student(db, local_id="2", first_name="B", year_id=year_id)
    one = matches.add_match(db, mentor_id, first, year_id, "2025-09-02")
    two = matches.add_match(db, mentor_id, second, year_id, "2025-09-15")
    meetings.add_meeting(db, mentor_id, [one, two], "2025-09-17", kind="group")
    meetings.add_meeting(db, mentor_id, [one], "2025-10-01")
    meetings.add_meeting(db, mentor_id, [two], "2025-10-02", outcome="student_absent")
    rhythms = {r.match_id: r for r in analysis_cadence.match_rhythm(db, year_id,
                                                                    D(2025, 10, 20))}
    assert (rhythms[one].held, rhythms[one].last_held) == (2, D(2025, 10, 1))
    assert (rhythms[two].held, rhythms[two].attempts) == (1, 1)
    # Two: after Wed 17 Sept, 18-30 Sept (9) + 1-20 Oct (14) = 23 school days: overdue.
    # One: after Wed 1 Oct, 2-20 Oct = 13: overdue too.
    assert rhythms[two].school_days_since == 23 and rhythms[two].overdue
    attention = analysis_cadence.matches_needing_attention(db, year_id, D(2025, 10, 20))
    assert [r.match_id for r in attention] == [two, one]
    assert analysis_cadence.rhythm_of_match(db, one, D(2025, 10, 20)) == rhythms[one]


def test_the_target_and_overdue_settings_are_used(data_file):
    from storage import settings as stored

    db = data_file.db
    year_id = db.execute("SELECT id FROM school_years").fetchone()[0]
    mentor_id = mentors.add_mentor(db, first_name="Ada", last_name="Mentor")
    student = students.add_student(db, local_id="1", first_name="A", year_id=year_id)
    match_id = matches.add_match(db, mentor_id, student, year_id, "2025-09-02")
    meetings.add_meeting(db, mentor_id, [match_id], "2025-10-01")
    stored.set_value(db, "overdue_after_school_days", 15)
    stored.set_value(db, "meeting_target_per_month", 3)
    (r,) = analysis_cadence.match_rhythm(db, year_id, D(2025, 10, 20))
    assert r.school_days_since == 13 and not r.overdue
    # 14 of 23 school days past: 3 x 14 / 23 = 1.8 -> 1; one held.
    assert r.expected_this_month == 1 and not r.behind_target


def test_an_overdue_match_is_never_shown_with_nothing_expected_this_month():
    # Last held Wed 17 Sept; by Fri 3 Oct: 18, 22-26, 29, 30 Sept, 1-3 Oct = 11 school days
    # (19 Sept is a day off): overdue, yet only 3 of October's 23 school days are past:
    # 2 x 3 / 23 -> 0. The month's figures used to say "0 held this month (0 expected by
    # now)" beside "overdue (11 school days)".
    r = rhythm(D(2025, 9, 2), [(D(2025, 9, 17), "held")], as_of=D(2025, 10, 3))
    assert r.overdue and r.school_days_since == 11
    assert (r.held_this_month, r.expected_this_month) == (0, 1)
    assert r.behind_target
    # Held 1 Oct, then 2, 3, 6-10, 13-16 Oct = 11 school days: overdue again. 12 of 23 days
    # past gives 2 x 12 / 23 -> 1 expected, but one more than held (2) is due now.
    later = rhythm(D(2025, 9, 2), [(D(2025, 10, 1), "held")], as_of=D(2025, 10, 16))
    assert later.overdue and (later.held_this_month, later.expected_this_month) == (1, 2)
