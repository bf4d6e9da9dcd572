"""Every headline number, tier count and rate of the report, checked by hand on a small school
(tests/report_fixture.py: 13 students, 9 mentees; 8 matched on 30 September with 20 school days
before and 20 after, and m9 matched on 9 September, set against the same part of last year).

The figures here are the program team's (nothing hidden); what administrators may see of them is
tested in test_report_disclosure."""

from __future__ import annotations

import datetime as dt

import pytest

from reports.figures import ADMINISTRATORS, TEAM, compute_figures
from reports.report_json import to_json
from tests.report_fixture import AS_OF, LATER_AS_OF, build_small_school


@pytest.fixture
def small_school(data_file):
    return data_file, build_small_school(data_file.db)


@pytest.fixture
def figures(small_school):
    data, school = small_school
    return compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM)


def test_headline_figures(figures):
    # Served: 9 matched, Gisela (m7) only has an attempt (she was absent): 8.
    assert (figures.students_matched, figures.students_served) == (9, 8)
    # Meetings with the student held by 27 October: Marisol's lunch group (m1 + m2) twice, and
    # m3, m4, m5, m6, m8, m9 twice each alone: 2 + 12 = 14 meetings. Each mentee met twice:
    # 8 x 2 = 16 mentee meetings. Gisela's attempt is not a meeting; Evadne's November
    # meetings come after the last day; Marisol's call to m1's family and Rosalind's check-in
    # on m6's absent day are counted apart (1 and 1).
    assert (figures.meetings_held, figures.mentee_meetings_held) == (14, 16)
    assert (figures.family_contacts, figures.absent_day_checkins) == (1, 1)
    assert figures.meetings_attempted == 1
    # Judged (20 school days before and 20 after): m1-m7, and m9 (35 days of last year's
    # same part before, 35 since 9 September). Hollis (m8) entered on 24 September: 4 days
    # before, no last year: too early to tell.
    assert (figures.judged, figures.too_early) == (8, 1)
    # Improved: m1 (20 -> 5 per 100), m2 (15 -> 0), m6 (5 -> 0), m7 (10 -> 5), m9 (6/35 ->
    # 2/35: 17.1 -> 5.7); same: m3 (10 -> 10), m5 (0 -> 0); worse: m4 (5 -> 15). 5 of 8.
    assert (figures.improved, figures.same, figures.worse) == (5, 2, 1)
    assert figures.share_improved == pytest.approx(5 / 8)
    # Days gained: (0.20-0.05)x20 + 0.15x20 + 0 + (0.05-0.15)x20 + 0 + 0.05x20 + 0.05x20
    # = 6 for m1-m7, and (6/35 - 2/35) x 35 = 4 for m9: 10, over 7x20 + 35 = 175 days after.
    assert figures.days_gained == pytest.approx(10)
    assert figures.days_gained_per_100 == pytest.approx(1000 / 175)
    # Chronic at start: m1 (20%), m2 (15%), m3 (exactly 10%), m7 (10%), m9 (6/35 = 17.1%);
    # now (40 days): m1 12.5%, m3 10%, m4 10%. m2 (7.5%), m7 (7.5%) and m9 (3/40) left it.
    assert (figures.chronic_at_start, figures.chronic_now, figures.left_chronic) == (5, 3, 3)


def test_rates_before_and_after(figures):
    # Before: 4+3+2+1+0+1+2 = 13 days absent (m6's two half days are 1) of 7 x 20 = 140,
    # and m9's 6 of 35 last year (indexes 7, 12, 20, 25, 30, 35 of its 6th to 40th days).
    assert figures.absence_rate_before == pytest.approx(19 / 175)
    # After: 1+0+2+3+0+0+1 = 7 of 140, and m9's 2 of 35 (16 September, 7 October).
    assert figures.absence_rate_after == pytest.approx(9 / 175)


def test_an_early_match_is_set_against_the_same_part_of_last_year(figures):
    lines = {line.local_id: line for line in figures.students}
    early = lines["000113"]
    assert early.baseline == "last_year" and early.started_on == dt.date(2025, 9, 9)
    # Last year's 6th to 40th school days (10 September - 28 October 2024), not the whole
    # year (7 of 40) and not this autumn's 5 days before the match (1 of 5).
    assert early.absence_rate_before == pytest.approx(6 / 35)
    assert early.absence_rate_after == pytest.approx(2 / 35)
    assert (early.tier_at_start, early.tier_now, early.change) == ("moderate", "at-risk",
                                                                   "improved")
    assert early.days_gained == pytest.approx(4)
    assert lines["000108"].change is None and lines["000108"].baseline is None


def test_tier_counts(figures):
    # At start: m5 satisfactory; m4 (5%), m6 (5%) at risk; m2, m3, m7, m9 moderate; m1 severe;
    # Hollis has no "before" days: too few to rate.
    assert figures.tiers_at_start == {"satisfactory": 1, "at-risk": 2, "moderate": 4,
                                      "severe": 1, None: 1}
    # Now (2 Sep - 27 Oct): m5 0%, m6 2.5%; m2 7.5%, m7 7.5%, m8 2 of 24, m9 3 of 40;
    # m1 12.5%, m3 10%, m4 10%.
    assert figures.tiers_now == {"satisfactory": 2, "at-risk": 4, "moderate": 3, "severe": 0,
                                 None: 0}


def test_program_figures(figures):
    assert figures.students_nominated == 10  # m9 was matched without a nomination
    assert figures.nominations_by_reason == {"attendance": 6, "behavior": 1, "academics": 1,
                                             "social_emotional": 2, "other": 1}
    assert figures.nominators == 2  # "Ms. Carrow" and "MS. CARROW" are one teacher
    assert (figures.students_matched, figures.never_matched, figures.waitlisted) == (9, 2, 1)
    # m4's match closed (mismatch) on the report's last day: not still matched.
    assert figures.still_matched_at_end == 8
    # Every reason is listed, with its zero (a missing row must not be read as a zero).
    assert figures.closed_early == {"student_moved": 0, "mentor_left": 0, "mismatch": 1,
                                    "other": 0}
    # In the program: a, b, c, d (active, and with mentees); Odessa (e) was never active.
    assert (figures.mentors_on_roster, figures.mentors_with_mentees) == (4, 4)
    assert [(row.label, row.figures["on_roster"], row.figures["with_mentees"],
             row.figures["mentees"]) for row in figures.by_role.rows] == [
        ("Teacher", 2, 2, 4), ("Paraprofessional", 1, 1, 3), ("Counselor", 1, 1, 2)]
    assert figures.mentees_per_mentor == pytest.approx(9 / 4)
    # Cleared on 27 October: a and d. b's check expired on 1 October; c has not signed.
    assert figures.screening_complete == 2
    # When the matches began (30 September) b's check was still good (to 1 October): only
    # c's mentees (m5, m6) were matched with a mentor not cleared then.
    assert figures.uncleared_mentees == 2
    (training,) = figures.trainings
    assert (training.attended, training.mentors_active) == (3, 4)  # Odessa is not in it
    assert figures.matches == 9
    assert figures.meetings_by_mentee == [2, 2, 2, 2, 2, 2, 0, 2, 2]
    assert figures.meetings_per_mentee.median == 2
    assert figures.match_length_median_days == 27  # 30 Sep to 27 Oct (m9's is 48)
    assert [(r.kind, r.opened, r.resolved, r.still_open) for r in figures.referrals] == [
        ("counselor", 1, 1, 0), ("administrator", 0, 0, 0), ("nurse", 1, 0, 1),
        ("social_worker", 0, 0, 0), ("other", 0, 0, 0)]


def test_meeting_rhythm_a_month_later(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, as_of=LATER_AS_OF)
    # Evadne's three November meetings are in: 14 + 3 meetings, 16 + 3 for mentees.
    assert (figures.meetings_held, figures.mentee_meetings_held) == (17, 19)
    # The rhythm counts every meeting held, as the screens do (the family contact and the
    # check-in too). An open match of 30 September has run 1 of September's 21 school days,
    # all 23 of October's and all 18 of November's (27-28 November are Thanksgiving): 1/21 + 2
    # months; m9's 16/21 + 2. m4's match closed on 27 October (1/21 + 19/23 months) and is not
    # judged. Of the 8 judged: m7 0, m9 2/2.76, m2, m3, m8 2/2.05 (0.98 a month), m1 and m6
    # 3/2.05 (a contact each), Evadne 5/2.05 = 2.44 (on the target of 2): the median is 0.98.
    months = 1 / 21 + 2
    assert figures.meetings_per_match_month_median == pytest.approx(2 / months)
    assert figures.share_matches_on_target == pytest.approx(1 / 8)
    assert figures.meetings_per_mentee.highest == 5


def test_the_rhythm_is_not_judged_before_a_month_of_matching(figures):
    # By 27 October the 30 September matches have run 1/21 + 19/23 of a month; m9's, from 9
    # September, 16/21 + 19/23 = 1.59 months: the only one judged (2 meetings: 1.26 a month).
    assert figures.meetings_per_match_month_median == pytest.approx(2 / (16 / 21 + 19 / 23))
    assert figures.share_matches_on_target == 0


def test_similar_students_over_the_same_days_reweighted_to_the_mentees_tiers(figures):
    similar, waitlisted = figures.comparison.never_matched, figures.comparison.waitlisted
    # Never matched: s9, s10, s11, s12, in that order of record number, take the mentees'
    # stretches in turn: m9's first (last year's 6th-40th days / 9 Sep - 27 Oct), then the
    # common one (2-29 Sep / 30 Sep - 27 Oct). s9: 4 of 35 before and 4 of 35 after (moderate,
    # the same); s10: 0 and 0 (satisfactory); s11: 4 of 20 and 2 of 20 (severe, improved,
    # 2 days gained); s12: 1 of 20 and 1 of 20 (at risk). Weighted like the judged mentees
    # (1 severe, 4 moderate, 2 at risk, 1 satisfactory).
    assert similar.students == 4
    assert similar.before_rate == pytest.approx((0.2 + 4 * 4 / 35 + 2 * 0.05) / 8)
    assert similar.after_rate == pytest.approx((0.1 + 4 * 4 / 35 + 2 * 0.05) / 8)
    assert similar.share_improved == pytest.approx(1 / 8)
    # Days gained per 100, weighted by the mentees' days after in each tier (severe 20 of
    # 175): only the severe tier gained, 2 of 20 days.
    assert similar.gained_per_100 == pytest.approx(100 * 20 * 0.1 / 175)
    # s9 (moderate, 10% now) and s11 (severe, 15% now) are still chronically absent.
    assert similar.left_chronic_share == 0
    assert figures.comparison.mentees.left_chronic_share == pytest.approx(3 / 5)
    # The waitlisted (s9) take m9's stretch: 4 of 35 both times; only a moderate tier.
    assert (waitlisted.students, waitlisted.before_rate) == (1, pytest.approx(4 / 35))
    assert waitlisted.missing_tiers == ("satisfactory", "at-risk", "severe")


def test_days_gained_net_of_similar_students_with_a_fixed_range(small_school, figures):
    net = figures.comparison.net
    # Had m1 changed as the severe comparison student did (0.1 fewer absences a day), she
    # would have gained 2 of her 20 days; the other tiers' similar students gained nothing.
    assert (net.mentees, net.days_gained, net.expected) == (8, pytest.approx(10),
                                                             pytest.approx(2))
    assert net.net == pytest.approx(8)
    assert (net.resamples, net.seed) == (1000, 20_240_901)
    # The range holds zero: too few students to tell the difference.
    assert net.low < 0 < net.high and not net.clear
    data, school = small_school
    again = compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM).comparison.net
    assert (again.low, again.high) == (net.low, net.high)  # the same file, the same range


def test_previously_chronic_mentees_against_similar_students(figures):
    previously = figures.previously_chronic
    # Chronically absent over last year's 40 days: m9 (17.5%) among judged mentees; s9 (10%)
    # and s11 (12.5%) among similar students. m9 gained 4 days in 35: 11.4 per 100; the
    # moderate similar student (s9) none.
    assert (previously.mentees.students, previously.similar.students) == (1, 2)
    assert previously.mentees.gained_per_100 == pytest.approx(400 / 35)
    assert previously.similar.gained_per_100 == 0
    assert previously.net.net == pytest.approx(4) and previously.net.low is None


def test_dose_bands_of_judged_mentees(figures):
    bands = {band.label: band.mentees for band in figures.dose}
    # Gisela (m7) never met; the other 7 judged met twice with the student (m6's check-in
    # is not a meeting with her).
    assert bands == {"No meetings": 1, "1 to 4 meetings": 7, "5 to 9 meetings": 0,
                     "10 to 19 meetings": 0, "20 meetings or more": 0}
    none = figures.dose[0]
    assert (none.before.rate, none.after.rate) == (pytest.approx(0.1), pytest.approx(0.05))


def test_the_whole_school_chronically_absent_month_by_month_beside_last_year(figures):
    months = {month.month: month for month in figures.chronic_by_month}
    # September (2-30 Sep, 21 days): m1 4, m2 3, s11 5 absent: 19%, 14%, 24%; Hollis has 5
    # days (unrated): 3 of 12 rated.
    assert months[9].this_year == pytest.approx(3 / 12)
    # October (to the 27th, 40 days): m1 5, m3 4, m4 4, s9 4, s11 6 of 40: 5 of 13.
    assert months[10].this_year == pytest.approx(5 / 13)
    assert months[11].this_year is None
    # Last year: m9, s9, s11 chronic of the 4 imported, every month after their 40 days.
    assert months[9].last_year == months[6].last_year == pytest.approx(3 / 4)
    assert [month.month for month in figures.chronic_by_month] == [9, 10, 11, 12, 1, 2, 3, 4,
                                                                    5, 6]


def test_a_month_after_the_last_day_of_attendance_shows_no_share_of_its_own(small_school):
    # A month later, attendance is still known only through 27 October: November's share would
    # be October's again, printed as November's. It is left empty; last year's stays.
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, as_of=LATER_AS_OF, level=TEAM)
    assert figures.attendance_through == dt.date(2025, 10, 27)
    months = {month.month: month for month in figures.chronic_by_month}
    assert months[10].this_year == pytest.approx(5 / 13)
    assert (months[11].this_year, months[11].this_year_rated) == (None, 0)
    assert months[11].last_year == pytest.approx(3 / 4)


def test_last_years_mentees_this_year(figures):
    last = figures.last_year_mentees
    # s12, Marisol's mentee last year: still enrolled, not matched this year; 1 of 40 days
    # absent last year, 2 of 40 this year.
    assert (last.mentees, last.still_enrolled, last.matched_again) == (1, 1, 0)
    assert (last.chronic_last_year, last.chronic_now) == (0, 0)
    assert (last.rate_last_year, last.rate_now) == (pytest.approx(1 / 40), pytest.approx(0.05))


def test_month_by_month_rates_of_mentees_and_the_school(figures):
    september, october = figures.monthly
    # September: 11 students x 21 days + Hollis's 5 + m9's 21 = 257 days; 20 days absent
    # before the matches plus Kestrel's 30 September, and m9's 4 and 16 September = 23.
    # Mentees: 152 + 21 days, 13 + 2 absent.
    assert (september.year, september.month) == (2025, 9)
    assert september.school_rate == pytest.approx(23 / 257)
    assert september.mentees_rate == pytest.approx(15 / 173)
    # October 1-27: 19 days x 13 = 247, 13 absent and m9's 7 October; mentees 171, 10.
    assert october.school_rate == pytest.approx(14 / 247)
    assert october.mentees_rate == pytest.approx(10 / 171)
    assert figures.school_absence_rate == pytest.approx(37 / 504)
    assert figures.attendance_through == AS_OF


def test_json_has_every_field_the_issue_lists(small_school):
    data, school = small_school
    document = to_json(compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM))
    for key in ("year", "as_of", "students_nominated", "students_served", "mentors_active",
                "matches", "meetings_held", "meetings_per_match_month_median",
                "share_matches_on_target", "share_improved", "absences_per_100_before",
                "absences_per_100_after", "days_gained", "left_chronic", "tiers_at_start",
                "tiers_now", "comparison", "by_grade", "dose", "chronic_share_by_month",
                "previously_chronic", "last_years_mentees"):
        assert key in document
    assert document["year"] == "2025-2026" and document["as_of"] == "2025-10-27"
    assert document["comparison"]["label"] == "comparison, not proof of cause"
    assert document["tiers_now"] == {"satisfactory": 2, "at-risk": 4, "moderate": 3,
                                     "severe": 0}
    assert document["comparison"]["days_gained_net"]["days"] == pytest.approx(8)
    assert document["comparison"]["days_gained_net"]["can_tell"] is False


def test_a_date_range_counts_only_what_happened_in_it(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, period_start=dt.date(2025, 10, 7),
                              as_of=AS_OF, level=TEAM)
    assert figures.period.start == dt.date(2025, 10, 7)
    assert "7 October 2025 to 27 October 2025" in figures.period.label
    # Only the 20 October meetings fall in the range: the lunch group's (one meeting for
    # two mentees) and m3, m4, m5, m6, m8, m9 alone: 7 meetings, 8 for mentees; the check-in
    # (9 October) and the family contact (15 October) too.
    assert (figures.meetings_held, figures.mentee_meetings_held) == (7, 8)
    assert (figures.family_contacts, figures.absent_day_checkins) == (1, 1)
    assert [(r.kind, r.opened) for r in figures.referrals if r.opened] == [("counselor", 1),
                                                                           ("nurse", 1)]
    assert figures.students_nominated == 0  # nominated in September


def test_the_program_team_level_adds_mentors_and_students(small_school):
    data, school = small_school
    figures = compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM)
    assert figures.by_mentor is not None
    assert len(figures.students) == 9
    assert {line.local_id for line in figures.students} >= {"000101", "000108"}
    assert [line.mentor_cleared for line in figures.students
            if line.local_id in ("000105", "000106")] == [False, False]
    admin = compute_figures(data.db, school.year_id, as_of=AS_OF, level=ADMINISTRATORS)
    assert admin.students == [] and admin.by_mentor is None


def test_names_and_grades_are_written_the_one_way(small_school):
    from storage import students

    data, school = small_school
    students.update_student(data.db, school.student_ids["m5"], preferred_name="Evie")
    figures = compute_figures(data.db, school.year_id, as_of=AS_OF, level=TEAM)
    names = {line.local_id: line.name for line in figures.students}
    assert names["000105"] == "Evie Oakhurst"  # the preferred first name, as on screen
    assert [row.label for row in figures.by_grade.rows] == ["Grade 6", "Grade 7", "Grade 8"]
