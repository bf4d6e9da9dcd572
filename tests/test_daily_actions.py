"""The daily desk's actions refuse what cannot be saved, with a sentence, and write nothing:
referrals, trainings, calendar days, word lists, grades and the logo."""

from __future__ import annotations

import datetime as dt

import pytest

from actions import lists as list_actions
from actions import meetings as meeting_actions
from actions import referrals as referral_actions
from actions import settings as setting_actions
from actions import trainings as training_actions
from actions import years as year_actions
from actions.meetings import MeetingForm
from actions.referrals import NewReferral
from storage import matches, mentors, referrals, students, years
from storage.errors import InvalidInput
from tests.conftest import data_checksum

D = dt.date


@pytest.fixture
def school(data_file):
    """The 2025-2026 file with a student matched to a mentor and another student."""
    db = data_file.db
    year_id = years.current_year(db)["id"]
    ana = students.add_student(db, local_id="1", first_name="Ana", last_name="Ruiz",
                               year_id=year_id, grade=7)
    ben = students.add_student(db, local_id="2", first_name="Ben", last_name="Ode",
                               year_id=year_id, grade=7)
    mo = mentors.add_mentor(db, first_name="Mo", last_name="Lee", email="mo@school.test")
    match_id = matches.add_match(db, mo, ana, year_id, D(2025, 9, 15))
    return data_file, {"year": year_id, "ana": ana, "ben": ben, "mo": mo, "match": match_id}


def refused(data_file, act, words: str) -> None:
    before = data_checksum(data_file.path)
    with pytest.raises(InvalidInput, match=words):
        act(data_file.db)
    assert data_checksum(data_file.path) == before


def test_referral_refusals(school):
    data_file, ids = school

    def new(**changes) -> NewReferral:
        values = dict(student_id=ids["ana"], kind="counselor", need="Sad", opened_on=D(2025, 10, 1))
        return NewReferral(**(values | changes))

    refused(data_file, lambda db: referral_actions.raise_referral(db, new(student_id=999)),
            "no longer in the data file")
    refused(data_file, lambda db: referral_actions.raise_referral(db, new(kind="dentist")),
            "not someone a referral can go to")
    refused(data_file, lambda db: referral_actions.raise_referral(db, new(need=" ")),
            "Write the need")
    refused(data_file, lambda db: referral_actions.raise_referral(
        db, new(opened_on=D(2025, 7, 1))), r"outside every school year .*2025-2026: 2 Sep 2025")
    refused(data_file, lambda db: referral_actions.raise_referral(
        db, new(follow_up_on=D(2025, 9, 30))), "before the referral's date")
    raised = referral_actions.raise_referral(data_file.db, new()).value
    refused(data_file, lambda db: referral_actions.update_referral(db, raised, status="closed"),
            "not a referral status")
    refused(data_file, lambda db: referral_actions.update_referral(db, raised, status="open"),
            "Nothing to change")
    refused(data_file, lambda db: referral_actions.set_follow_up(db, 77, None),
            "no referral number 77")


def test_a_referral_at_a_meeting_is_for_a_student_who_was_there(school):
    data_file, ids = school
    form = MeetingForm(D(2025, 10, 2))
    refused(data_file, lambda db: meeting_actions.log_meeting(
        db, [ids["match"]], form, NewReferral(ids["ben"], "nurse", "x", D(2025, 10, 2))),
        "a student who was there")
    meeting_id = meeting_actions.log_meeting(
        data_file.db, [ids["match"]], form,
        NewReferral(ids["ana"], "nurse", "Toothache", D(2000, 1, 1))).value
    (raised,) = referrals.referrals_of(data_file.db, ids["ana"])
    # Dated the day of the meeting, raised by the mentor, linked to the meeting.
    assert (raised["opened_on"], raised["raised_by_mentor_id"], raised["meeting_id"]) == (
        "2025-10-02", ids["mo"], meeting_id)
    assert raised["raised_by"] == "Mo Lee"


def test_training_refusals(school, frozen_clock):
    data_file, ids = school
    frozen_clock.freeze(dt.datetime(2025, 11, 3, 8, 0))
    refused(data_file, lambda db: training_actions.add_training(db, D(2025, 11, 1), "X", "weekly"),
            "not a kind of training")
    held = training_actions.add_training(data_file.db, D(2025, 10, 1), "Welcome",
                                         "start_of_year", required=True).value
    later = training_actions.add_training(data_file.db, D(2026, 1, 14), "Mid-year",
                                          "mid_year").value
    refused(data_file, lambda db: training_actions.add_attendees(db, held, []),
            "at least one mentor")
    refused(data_file, lambda db: training_actions.add_attendees(db, later, [ids["mo"]]),
            "once it has been held")
    refused(data_file, lambda db: training_actions.set_attended(db, held, 999, True),
            "no longer in the data file")
    years.save_year(data_file.db, "2026-2027", D(2026, 9, 8), D(2027, 6, 11))
    refused(data_file, lambda db: training_actions.edit_training(
        db, held, D(2026, 10, 1), "Welcome", "start_of_year", required=True),
        "in another school year")


def test_calendar_refusals_and_what_closing_a_day_says(school, frozen_clock):
    data_file, ids = school
    year = ids["year"]
    refused(data_file, lambda db: year_actions.set_school_day(db, year, D(2025, 11, 29), False),
            "Saturday: weekends are never school days")
    refused(data_file, lambda db: year_actions.set_school_day(db, year, D(2026, 8, 3), False),
            "outside the school year 2025-2026")
    refused(data_file, lambda db: year_actions.set_school_day(db, year, D(2025, 12, 3), True),
            "already a school day")
    refused(data_file, lambda db: year_actions.set_school_day(db, year, D(2025, 11, 27), False),
            "already a day without school")
    from storage import attendance

    attendance.insert_days(data_file.db, [(ids["ana"], "2025-12-03", "absent_unexcused", "A")])
    outcome = year_actions.set_school_day(data_file.db, year, D(2025, 12, 3), False, "Snow")
    assert outcome.message == (
        "Wed 3 Dec 2025 is now a day without school (Snow). 1 stored attendance row (1 student) "
        "falls on days now without school: attendance on a day without school counts for no "
        "one, so it no longer counts (opening the days again brings them back).")
    assert {"day": "2025-12-03", "label": "Snow"} in years.non_school_days(data_file.db, year)


def test_word_list_refusals(school):
    data_file, _ = school
    refused(data_file, lambda db: list_actions.add_entry(db, "topics", "  "), "Type the new")
    refused(data_file, lambda db: list_actions.add_entry(db, "topics", "school"),
            "already on the list")
    refused(data_file, lambda db: list_actions.add_entry(db, "colours", "Red"),
            'no list called "colours"')
    school_id = next(e["id"] for e in list_actions.lookups.entries(data_file.db, "topics")
                     if e["name"] == "School")
    refused(data_file, lambda db: list_actions.rename_entry(db, "topics", school_id, "Family"),
            "already on the list")
    list_actions.retire_entry(data_file.db, "topics", school_id)
    refused(data_file, lambda db: list_actions.retire_entry(db, "topics", school_id),
            "already retired")


def test_grades_and_logo_refusals(school, tmp_path):
    data_file, _ = school
    refused(data_file, lambda db: setting_actions.change_setting(db, "lowest_grade", 9),
            r"lowest grade \(Grade 9\) cannot be above the top grade \(Grade 8\)")
    refused(data_file, lambda db: setting_actions.change_setting(db, "top_grade", "5"),
            r"lowest grade \(Grade 6\) cannot be above the top grade \(Grade 5\)")
    refused(data_file, lambda db: setting_actions.change_setting(db, "top_grade", 40),
            "must be at most 13")
    refused(data_file, lambda db: setting_actions.change_setting(
        db, "school_logo", str(tmp_path / "missing.png")), "no picture file")
    note = tmp_path / "logo.txt"
    note.write_text("x")
    refused(data_file, lambda db: setting_actions.change_setting(db, "school_logo", str(note)),
            "not a picture MentorDesk can print")
    outcome = setting_actions.change_setting(data_file.db, "lowest_grade", 0)
    assert outcome.message == "Lowest grade in the school is now Kindergarten."
