"""This week's lists against expectations worked out by hand on tests/week_fixture.py's school,
as of Wed 19 Nov 2025 (week from Mon 17 Nov; 57 school days so far, 52 a week before)."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.week import this_week
from storage import settings
from storage.errors import InvalidInput
from tests.week_fixture import DAY, build_week_school

D = dt.date


@pytest.fixture
def school(data_file):
    return data_file, build_week_school(data_file.db)


@pytest.fixture
def week(school):
    data, _ = school
    return this_week(data.db, DAY)


def names(items) -> list[str]:
    return [item.student.name for item in items]


def test_the_week_runs_from_monday_in_the_year_containing_the_day(week, school):
    assert (week.year_name, week.day, week.week_from) == ("2025-2026", DAY, D(2025, 11, 17))


def test_overdue_matches_use_the_matches_screens_numbers(week, school):
    _, ids = school
    # Ada: last held 20 Oct, school day 35 of the year; 19 Nov is day 57: 22 school days. The
    # attempt on 18 Nov (student absent) is not a meeting held. Fay: no meeting since her
    # match began on 3 Nov (day 45): 12 school days, more than the 10 allowed. Bea (14 Nov,
    # 3 days) and Eve (13 Nov, 4 days) are fine; Hal's match starts tomorrow. Most days first.
    assert [(i.student.name, i.school_days_since, i.last_held) for i in week.overdue_matches] \
        == [("Ada Zane", 22, D(2025, 10, 20)), ("Fay Tate", 12, None)]
    assert [i.match_id for i in week.overdue_matches] == [ids.matches["ada"], ids.matches["fay"]]
    assert week.overdue_matches[0].mentor.email == "areyes@hillview.example.org"
    from ui.models.matches import load_rows

    data, _ = school
    screen = {row["id"]: row for row in load_rows(data.db, ids.year_id, DAY)}
    for item in week.overdue_matches:
        assert screen[item.match_id]["overdue"]
        assert screen[item.match_id]["school_days_since"] == item.school_days_since


def test_mentees_absent_this_week_with_their_dates_and_mentor(week):
    # Mentees (open match on the day): Ada and Eve with Ana, Bea and Fay with Ben.
    # Ada: absent Mon 17, tardy Tue 18 (present), half day Wed 19 (counts). Fay: suspended
    # out of school Tue 18 (in-school suspension on the 13th counts as present, by default).
    # Eve left on the 17th: no school day this week. Gus was absent but has no mentor now.
    # By last name: Tate before Zane.
    assert [(i.student.name, i.absent_dates, i.mentor.name) for i in week.absent_this_week] == [
        ("Fay Tate", (D(2025, 11, 18),), "Ben Ortiz"),
        ("Ada Zane", (D(2025, 11, 17), D(2025, 11, 19)), "Ana Reyes"),
    ]


def test_in_school_suspension_counts_when_the_school_says_so(school):
    data, _ = school
    settings.set_value(data.db, "in_school_suspension_counts_absent", "true")
    fay = [i for i in this_week(data.db, DAY).absent_this_week if i.student.name == "Fay Tate"]
    # The 13th is last week: still only the 18th this week.
    assert fay[0].absent_dates == (D(2025, 11, 18),)
    monday_of_that_week = this_week(data.db, D(2025, 11, 14)).absent_this_week
    assert [(i.student.name, i.absent_dates) for i in monday_of_that_week] == [
        ("Fay Tate", (D(2025, 11, 13),))]


def test_students_newly_flagged_by_the_early_warning_rule_or_a_rising_tier(week):
    # Dee (from 10 Nov): 1 absence in her first 3 days on 12 Nov; 2 in her first 8 now: the
    # 2-of-the-first-20 early warning is new (too few days for a tier either time).
    # Cal: 2 of 52 days (3.8%, satisfactory) a week ago, 5 of 57 (8.8%, at risk) now: rose.
    # Bea's early warning (4 Thursdays in her first 40 days) was already there a week ago,
    # and she stays at risk (4 of 52, 4 of 57). By last name: Wu, Xu.
    flagged = [(i.student.name, i.tier_before, i.tier, i.early_warning is not None,
                i.warned_before) for i in week.early_warnings]
    assert flagged == [("Dee Wu", None, None, True, False),
                       ("Cal Xu", "satisfactory", "at-risk", False, False)]
    assert week.early_warnings[0].early_warning.missed == 2
    assert week.early_warnings[1].mentor is None  # matched or not


def test_students_waiting_for_a_mentor_longest_first(week):
    # Gus: accepted 5 Sep, his match ended 31 Oct: 25 + 31 + 19 = 75 days.
    # Cal: open nomination of 1 Oct (the declined one of 10 Sep does not count): 30 + 19 = 49.
    # Hal: nominated 1 Nov; his match starts tomorrow, so he still waits today: 18 days.
    # Dee: her sheet had no date; it was imported on 10 Nov: 9 days.
    assert [(i.student.name, i.days_waiting, i.since) for i in week.waiting_for_mentor] == [
        ("Gus Snow", 75, D(2025, 9, 5)), ("Cal Xu", 49, D(2025, 10, 1)),
        ("Hal Roe", 18, D(2025, 11, 1)), ("Dee Wu", 9, D(2025, 11, 10))]


def test_referrals_open_or_in_progress_whose_follow_up_is_today_or_past(week, school):
    _, ids = school
    # Bea's (in progress, follow-up 10 Nov) and Ada's (open, due today). Not Cal's (tomorrow)
    # nor Fay's (resolved, though its follow-up date has passed). The oldest follow-up first.
    assert [(i.referral_id, i.follow_up, i.status) for i in week.referrals_due] == [
        (ids.referrals["bea"], D(2025, 11, 10), "in_progress"),
        (ids.referrals["ada"], D(2025, 11, 19), "open")]


def test_required_training_missed_without_a_make_up(week, school):
    _, ids = school
    # Mentors with an open match: Ana and Ben. Ana came to Mentor basics but missed the
    # Mid-year check-in of 12 Nov; the make-up she signed on 25 Nov is after the day. Ben
    # missed Mentor basics but came to the make-up of 17 Sep, and to the check-in. Dan missed
    # everything, but his match only starts tomorrow.
    assert [(i.mentor.name, i.training_id, i.held_on) for i in week.missed_required_training] \
        == [("Ana Reyes", ids.trainings["mid"], D(2025, 11, 12))]


def test_mentors_over_capacity_not_cleared_and_students_without_consent(week):
    # Ana agreed to 1 mentee and has Ada and Eve. Ben's background check expired on 31 Oct.
    # Cara is not cleared either, but has no open match. Eve's guardian declined, Bea's was
    # asked; Ada's and Fay's gave consent. By last name: Vance, Young.
    assert [(i.mentor.name, i.open_matches, i.capacity) for i in week.over_capacity] == [
        ("Ana Reyes", 2, 1)]
    assert [(i.mentor.name, i.why) for i in week.not_cleared] == [
        ("Ben Ortiz", "background check expired 31 Oct 2025")]
    assert [(i.student.name, i.consent) for i in week.consent_missing] == [
        ("Eve Vance", "declined"), ("Bea Young", "requested")]


def test_matched_students_who_left_with_the_day_to_close_on(week, school):
    _, ids = school
    # Eve's exit date is Mon 17 Nov (the first day no longer enrolled): her last school day
    # was Fri 14 Nov, the day the match closes on.
    assert [(i.student.name, i.exit_date, i.last_day, i.match_id)
            for i in week.left_school_still_matched] == [
        ("Eve Vance", D(2025, 11, 17), D(2025, 11, 14), ids.matches["eve"])]


def test_the_suggested_meeting_day_for_a_mentee_with_a_weekday_pattern(week):
    # Bea missed 4 of her 11 Thursdays and no other day: meet on the Wednesday before.
    assert [(i.student.name, i.words) for i in week.meeting_days] == [
        ("Bea Young", "meet on Wednesday: Bea misses Thursdays most")]


def test_a_week_earlier_the_lists_are_worked_out_for_that_day(school):
    data, _ = school
    earlier = this_week(data.db, D(2025, 11, 12))
    # 12 Nov is school day 52. Bea had met nobody since her start on 8 Sep (day 5): 47 days;
    # Eve since 1 Oct (day 22): 30; Ada since 20 Oct (day 35): 17. Fay's match (from 3 Nov,
    # day 45) was 7 school days old: not overdue yet. Eve had not left yet.
    assert [(i.student.name, i.school_days_since) for i in earlier.overdue_matches] == [
        ("Bea Young", 47), ("Eve Vance", 30), ("Ada Zane", 17)]
    assert earlier.left_school_still_matched == ()
    assert [i.student.name for i in earlier.waiting_for_mentor] == ["Gus Snow", "Cal Xu",
                                                                     "Hal Roe", "Dee Wu"]


def test_a_day_outside_every_school_year_is_refused_with_a_sentence(school):
    data, _ = school
    with pytest.raises(InvalidInput, match="not inside any school year"):
        this_week(data.db, D(2026, 7, 20))
