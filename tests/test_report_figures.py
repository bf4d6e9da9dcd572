"""Every headline number, tier count and rate of the report, checked by hand on a small school
(tests/report_fixture.py: 12 students, 8 mentees, 20 school days before and 20 after)."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.figures import ADMINISTRATORS, TEAM, compute_figures, to_json
from tests.report_fixture import AS_OF, LATER_AS_OF, build_small_school


@pytest.fixture
def small_school(data_file):
    return data_file, build_small_school(data_file.db)


@pytest.fixture
def figures(small_school):
    data, school = small_school
    return compute_figures(data.db, school.year_id, as_of=AS_OF)


def test_headline_figures(figures):
    # Served: 8 matched, Gisela (m7) only has an attempt (she was absent): 7.
    assert figures.students_served == 7
    # Held by 27 October: Marisol's lunch group (m1 + m2) twice, and m3, m4, m5, m6, m8 twice
    # each alone: 2 + 10 = 12 meetings. Each mentee met twice: 7 x 2 = 14 mentee meetings.
    # Gisela's attempt is not a meeting; Evadne's November meetings come after the last day.
    assert figures.meetings_held == 12
    assert figures.mentee_meetings_held == 14
    assert figures.meetings_attempted == 1
    # Improved: m1 (20 -> 5 per 100), m2 (15 -> 0), m6 (5 -> 0), m7 (10 -> 5); same: m3, m5;
    # worse: m4 (5 -> 15). Hollis (m8) has no baseline. 4 of 7.
    assert (figures.improved, figures.same, figures.worse) == (4, 2, 1)
    assert figures.share_improved == pytest.approx(4 / 7)
    # Days gained: (0.20-0.05)x20 + 0.15x20 + 0 + (0.05-0.15)x20 + 0 + 0.05x20 + 0.05x20 = 6,
    # over 140 days enrolled after: 4.29 per 100.
    assert figures.days_gained == pytest.approx(6)
    assert figures.days_gained_per_100 == pytest.approx(600 / 140)
    # Chronic at start: m1 (20%), m2 (15%), m3 (exactly 10%), m7 (10%); now (40 days): m1
    # 12.5%, m3 10%, m4 10%. m2 (7.5%) and m7 (7.5%) left chronic absence.
    assert (figures.chronic_at_start, figures.chronic_now, figures.left_chronic) == (4, 3, 2)


def test_rates_before_and_after(figures):
    # Before: 4+3+2+1+0+1+2 = 13 days absent (m6's two half days are 1) of 7 x 20 = 140.
    assert figures.absence_rate_before == pytest.approx(13 / 140)
    assert figures.absences_per_100_before == pytest.approx(1300 / 140)
    # After: 1+0+2+3+0+0+1 = 7 of 140.
    assert figures.absence_rate_after == pytest.approx(7 / 140)
    assert figures.absences_per_100_after == pytest.approx(5.0)
    assert (figures.mentees_with_baseline, figures.mentees_without_baseline) == (7, 1)


def test_tier_counts(figures):
    # At start: m5 satisfactory; m4 (5%), m6 (5%) at risk; m2, m3, m7 moderate; m1 severe.
    assert figures.tiers_at_start == {"satisfactory": 1, "at-risk": 2, "moderate": 3,
                                      "severe": 1}
    # Now (2 Sep - 27 Oct): m5 0%, m6 2.5%; m2 7.5%, m7 7.5%, m8 2 of 24; m1, m3, m4.
    assert figures.tiers_now == {"satisfactory": 2, "at-risk": 3, "moderate": 3, "severe": 0}


def test_program_figures(figures):
    assert figures.students_nominated == 10
    assert figures.nominations_by_reason == {"attendance": 6, "behavior": 1, "academics": 1,
                                             "social_emotional": 2, "other": 1}
    assert figures.nominators == 2  # "Ms. Carrow" and "MS. CARROW" are one teacher
    assert (figures.students_matched, figures.never_matched, figures.waitlisted) == (8, 2, 1)
    # m4's match closed (mismatch) on the report's last day: not still matched.
    assert figures.still_matched_at_end == 7
    assert figures.closed_early == {"mismatch": 1}
    assert figures.mentors_active == 4
    assert [(line.role, line.mentors, line.mentees) for line in figures.mentors_by_role] == [
        ("Teacher", 2, 4), ("Paraprofessional", 1, 2), ("Counselor", 1, 2)]
    assert figures.mentees_per_mentor == 2.0
    # Cleared: a and d. b's check expired on 1 October; c has not signed the agreement.
    assert figures.screening_complete == 2
    (training,) = figures.trainings
    assert (training.attended, training.mentors_active) == (3, 4)  # Odessa is not active
    assert figures.matches == 8
    assert figures.meetings_by_mentee == [2, 2, 2, 2, 2, 2, 0, 2]
    assert figures.meetings_per_mentee.median == 2
    assert (figures.meetings_per_mentee.lowest, figures.meetings_per_mentee.highest) == (0, 2)
    assert figures.match_length_median_days == 27  # 30 Sep to 27 Oct
    assert [(r.kind, r.opened, r.resolved, r.still_open) for r in figures.referrals] == [
        ("counselor", 1, 1, 0), ("nurse", 1, 0, 1)]


def test_meeting_rhythm_a_month_later(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, as_of=LATER_AS_OF)
    # Evadne's three November meetings are in: 12 + 3 meetings, 14 + 3 for mentees.
    assert (figures.meetings_held, figures.mentee_meetings_held) == (15, 17)
    # Each open match has run 1 of September's 21 school days, all 23 of October's and all 18
    # of November's (27-28 November are Thanksgiving): 1/21 + 2 months. m4's match closed on
    # 27 October (1/21 + 19/23 months) and is not judged. Of the 7 judged, Evadne's 5
    # meetings are 2.44 a month (on the target of 2); m1, m2, m3, m6 and m8 met twice (0.98
    # a month); Gisela never (0).
    months = 1 / 21 + 2
    assert figures.meetings_per_match_month_median == pytest.approx(2 / months)
    assert figures.share_matches_on_target == pytest.approx(1 / 7)
    assert figures.meetings_per_mentee.highest == 5


def test_the_rhythm_is_not_judged_before_a_month_of_matching(figures):
    # By 27 October every match has run 1/21 + 19/23 of a month: none is judged yet.
    assert figures.meetings_per_match_month_median is None
    assert figures.share_matches_on_target is None


def test_comparison_groups_are_reweighted_to_the_mentees_tiers(figures):
    never, waitlisted = figures.comparison
    # Never matched: s9 moderate 10% -> 10%, s10 0 -> 0, s11 severe 20% -> 10%, s12 at risk
    # 5% -> 5%; weighted like the mentees (1 severe, 3 moderate, 2 at risk, 1 satisfactory).
    assert never.students == 4
    assert never.absence_rate_before == pytest.approx((0.2 + 3 * 0.1 + 2 * 0.05) / 7)
    assert never.absence_rate_after == pytest.approx((0.1 + 3 * 0.1 + 2 * 0.05) / 7)
    assert (waitlisted.students, waitlisted.absence_rate_before) == (1, pytest.approx(0.1))
    assert waitlisted.missing_tiers == ("satisfactory", "at-risk", "severe")


def test_month_by_month_rates_of_mentees_and_the_school(figures):
    september, october = figures.monthly
    # September: 11 students x 21 days + Hollis's 5 = 236 days; 20 days absent before the
    # matches plus Kestrel's 30 September = 21. Mentees: 152 days, 13 absent.
    assert (september.year, september.month) == (2025, 9)
    assert september.school_rate == pytest.approx(21 / 236)
    assert september.mentees_rate == pytest.approx(13 / 152)
    # October 1-27: 19 days x 12 = 228, 13 absent; mentees 152 days, 9 absent.
    assert october.school_rate == pytest.approx(13 / 228)
    assert october.mentees_rate == pytest.approx(9 / 152)
    assert figures.school_absence_rate == pytest.approx(34 / 464)
    assert figures.attendance_through == AS_OF


def test_small_grades_are_hidden(figures):
    document = to_json(figures)
    assert [row["grade"] for row in document["by_grade"]] == ["Grade 6", "Grade 7"]
    assert all(row["mentees"] == "fewer than 5" for row in document["by_grade"])


def test_json_has_every_field_the_issue_lists(figures):
    document = to_json(figures)
    for key in ("year", "as_of", "students_nominated", "students_served", "mentors_active",
                "matches", "meetings_held", "meetings_per_match_month_median",
                "share_matches_on_target", "share_improved", "absences_per_100_before",
                "absences_per_100_after", "days_gained", "left_chronic", "tiers_at_start",
                "tiers_now", "comparison", "by_grade"):
        assert key in document
    assert document["year"] == "2025-2026" and document["as_of"] == "2025-10-27"
    assert document["comparison"]["label"] == "comparison, not proof of cause"
    assert document["tiers_now"] == {"satisfactory": 2, "at-risk": 3, "moderate": 3,
                                     "severe": 0}


def test_a_date_range_counts_only_what_happened_in_it(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, period_start=dt.date(2025, 10, 7),
                              as_of=AS_OF)
    assert figures.period.start == dt.date(2025, 10, 7)
    assert "7 October 2025 to 27 October 2025" in figures.period.label
    # Only the 20 October meetings fall in the range (the lunch group's is one meeting for
    # two mentees); the referral of 10 October too.
    assert figures.meetings_held == 6
    assert figures.mentee_meetings_held == 7
    assert [(r.kind, r.opened) for r in figures.referrals] == [("counselor", 1), ("nurse", 1)]
    assert figures.students_nominated == 0  # nominated in September


def test_the_program_team_level_adds_mentors_and_students(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM)
    assert figures.by_mentor is not None
    assert len(figures.students) == 8
    assert {line.local_id for line in figures.students} >= {"000101", "000108"}
    admin = compute_figures(data.db, school.year_id, as_of=AS_OF, level=ADMINISTRATORS)
    assert admin.students == [] and admin.by_mentor is None
