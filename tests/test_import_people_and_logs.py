"""Importing mentors (a staff list), matches, meetings and the school calendar."""

from __future__ import annotations

import datetime as dt

from storage import availability, lookups, matches, meetings, mentors, students, years
from tests.import_helpers import RECORD_TABLES, messages, preview, run, table_checksum
from tests.spreadsheets import DATA, csv_file, xlsx

STAFF = [
    ["Staff list for mentoring"],
    ["Name", "Email", "Position", "How many students", "Background check", "Agreement signed",
     "Availability"],
    ["Cole, Dana", "DCole@example.org", "Teacher", 2, dt.date(2025, 8, 20), "Y", "Mon lunch"],
    ["Sam Diaz", "sdiaz@example.org", "Counselor", "1", "8/21/2025", "x", "after school"],
    ["Lee Park", "", "Librarian", 3, None, "N", ""],
]


def year_id(data):
    return years.year_by_name(data.db, "2025-2026")["id"]


def test_a_staff_list_adds_mentors_with_roles_and_checks(data_file, tmp_path):
    plan, _ = run(data_file, xlsx(tmp_path / "staff.xlsx", {"Staff": STAFF}), "mentors")
    assert plan.counts() == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 0}
    assert "Librarian" in " ".join(plan.notes)
    rows = {m["last_name"]: m for m in mentors.all_mentors(data_file.db)}
    assert rows["Cole"]["email"] == "DCole@example.org" and rows["Cole"]["role"] == "Teacher"
    assert rows["Diaz"]["capacity"] == 1 and rows["Diaz"]["agreement_signed"] == 1
    assert rows["Cole"]["background_check_on"] == "2025-08-20"
    assert rows["Park"]["role"] == "Librarian" and rows["Park"]["agreement_signed"] == 0
    assert availability.get(data_file.db, "mentor", rows["Cole"]["id"]) == {(0, "lunch")}
    assert len(availability.get(data_file.db, "mentor", rows["Diaz"]["id"])) == 5


def test_mentors_are_matched_by_email_then_by_name_and_reimport_changes_nothing(
        data_file, tmp_path):
    path = xlsx(tmp_path / "staff.xlsx", {"Staff": STAFF})
    run(data_file, path, "mentors")
    before = table_checksum(data_file.path, *RECORD_TABLES)
    plan, _ = run(data_file, path, "mentors")
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 0}
    assert table_checksum(data_file.path, *RECORD_TABLES) == before
    changed = csv_file(tmp_path / "s.csv", [["Email", "First", "Last", "Capacity"],
                                            ["dcole@EXAMPLE.org", "Dana", "Cole", "4"],
                                            ["", "Lee", "Park", "1"]])
    plan, _ = run(data_file, changed, "mentors")
    assert plan.counts() == {"added": 0, "updated": 2, "unchanged": 0, "skipped": 0}
    assert {m["last_name"]: m["capacity"] for m in mentors.all_mentors(data_file.db)} == {
        "Cole": 4, "Diaz": 1, "Park": 1}


def test_two_mentors_with_one_name_are_a_warning_not_a_guess(data_file, tmp_path):
    mentors.add_mentor(data_file.db, first_name="Chris", last_name="Lee", email="c1@example.org")
    mentors.add_mentor(data_file.db, first_name="Chris", last_name="Lee", email="c2@example.org")
    path = csv_file(tmp_path / "s.csv", [["First name", "Last name", "Phone"],
                                         ["Chris", "Lee", "555-0100"]])
    plan = preview(data_file, path, "mentors")
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 0, "skipped": 1}
    assert "2 mentors called Chris Lee" in messages(plan)


def test_legacy_staff_lists(data_file):
    for name in ("mentors.xls", "mentors.ods"):
        plan = preview(data_file, DATA / name, "mentors")
        assert plan.counts()["added"] == 2, name
    run(data_file, DATA / "mentors.ods", "mentors")
    assert {m["last_name"]: m["capacity"] for m in mentors.all_mentors(data_file.db)} == {
        "Cole": 2, "Diaz": 1}  # Diaz's capacity is a formula whose saved result is 1


def _school(data, tmp_path):
    run(data, csv_file(tmp_path / "roster.csv", [
        ["Student ID", "Last Name", "First Name", "Grade"],
        ["1001", "Rivera", "Ana", "7"], ["1002", "Okafor", "Ben", "6"],
        ["1003", "Nguyen", "Linh", "8"]]), "students")
    run(data, xlsx(tmp_path / "staff.xlsx", {"Staff": STAFF}), "mentors")


def test_matches_from_last_terms_sheet(data_file, tmp_path):
    _school(data_file, tmp_path)
    path = xlsx(tmp_path / "matches.xlsx", {"Matches": [
        ["Student ID", "Student", "Mentor", "Start date", "End date", "Reason ended",
         "Meeting day"],
        [1001, "Ana Rivera", "Dana Cole", "9/15/2025", None, None, "Mon lunch"],
        [1002, "Ben Okafor", "sdiaz@example.org", "9/20/2025", "1/10/2026", "Moved away", None],
        [1003, "Linh Nguyen", "Pat Nobody", "9/20/2025", None, None, None],
    ]})
    plan, batch = run(data_file, path, "matches")
    assert plan.counts() == {"added": 2, "updated": 0, "unchanged": 0, "skipped": 1}
    assert "not in MentorDesk (Pat Nobody)" in messages(plan)
    rows = {m["student_local_id"]: m for m in matches.matches_in_year(data_file.db,
                                                                       year_id(data_file))}
    assert (rows["1001"]["usual_weekday"], rows["1001"]["usual_slot"]) == (0, "lunch")
    assert (rows["1002"]["ended_on"], rows["1002"]["closure_reason"]) == ("2026-01-10",
                                                                          "student_moved")
    assert rows["1001"]["batch_id"] == batch
    again, _ = run(data_file, path, "matches")
    assert again.counts() == {"added": 0, "updated": 0, "unchanged": 2, "skipped": 1}


def test_meetings_from_a_log(data_file, tmp_path):
    _school(data_file, tmp_path)
    run(data_file, csv_file(tmp_path / "m.csv", [["Student ID", "Mentor", "Start date"],
                                                 ["1001", "Dana Cole", "9/15/2025"],
                                                 ["1002", "Sam Diaz", "9/15/2025"]]), "matches")
    path = xlsx(tmp_path / "log.xlsx", {"Log": [
        ["Mentoring log"],
        ["Date", "Student ID", "Mentor", "Minutes", "Topics", "Held?", "Notes"],
        [dt.date(2025, 9, 22), 1001, "Dana Cole", 30, "School, Friends", "Y", "Good start"],
        [dt.date(2025, 9, 29), 1001, "Dana Cole", "25 min", "Robotics", "no show", ""],
        [dt.date(2025, 9, 23), 1002, None, 20, "", "yes", ""],
        [dt.date(2025, 9, 23), 1003, None, 20, "", "yes", ""],
    ]})
    plan, _ = run(data_file, path, "meetings")
    assert plan.counts() == {"added": 3, "updated": 0, "unchanged": 0, "skipped": 1}
    assert "no match" in messages(plan)
    assert "Robotics" in " ".join(plan.notes)
    logged = meetings.meetings_in_year(data_file.db, year_id(data_file))
    by_date = {(m["student_local_id"], m["met_on"]): m for m in logged}
    assert by_date[("1001", "2025-09-22")]["topics"] == "School, Friends"
    assert by_date[("1001", "2025-09-29")]["outcome"] == "student_absent"
    assert by_date[("1001", "2025-09-29")]["minutes"] == 25
    assert lookups.id_by_name(data_file.db, "topics", "Robotics") is not None
    before = table_checksum(data_file.path, *RECORD_TABLES)
    again, _ = run(data_file, path, "meetings")
    assert again.counts() == {"added": 0, "updated": 0, "unchanged": 3, "skipped": 1}
    assert table_checksum(data_file.path, *RECORD_TABLES) == before


def test_a_meeting_for_a_student_with_two_mentors_needs_the_mentor(data_file, tmp_path):
    _school(data_file, tmp_path)
    run(data_file, csv_file(tmp_path / "m.csv", [["Student ID", "Mentor", "Start date"],
                                                 ["1001", "Dana Cole", "9/15/2025"],
                                                 ["1001", "Sam Diaz", "9/15/2025"]]), "matches")
    path = csv_file(tmp_path / "log.csv", [["Student ID", "Date", "Minutes"],
                                           ["1001", "9/22/2025", "30"]])
    plan = preview(data_file, path, "meetings")
    assert plan.counts()["skipped"] == 1 and "more than one mentor" in messages(plan)
    with_mentor = csv_file(tmp_path / "log2.csv", [["Student ID", "Mentor", "Date"],
                                                   ["1001", "Sam Diaz", "9/22/2025"]])
    assert preview(data_file, with_mentor, "meetings").counts()["added"] == 1


def test_a_school_calendar_of_days_and_breaks(data_file, tmp_path):
    path = xlsx(tmp_path / "calendar.xlsx", {"Calendar": [
        ["District calendar 2025-26"],
        ["Start date", "End date", "Event"],
        [dt.date(2025, 10, 13), None, "Staff development"],
        [dt.date(2025, 12, 22), dt.date(2026, 1, 2), "Winter break"],
        [dt.date(2026, 8, 1), None, "Not this year"],
    ]})
    plan, _ = run(data_file, path, "calendar")
    # Oct 13, and the ten weekdays of the break; the weekend in the break is left out.
    assert plan.counts() == {"added": 11, "updated": 0, "unchanged": 0, "skipped": 1}
    assert "outside the school year" in messages(plan)
    assert any("weekend" in note for note in plan.notes)
    closed = years.non_school_day_set(data_file.db, year_id(data_file))
    assert dt.date(2025, 12, 25) in closed and dt.date(2025, 12, 27) not in closed
    again, _ = run(data_file, path, "calendar")
    assert again.counts()["added"] == 0 and again.counts()["unchanged"] == 11


def test_a_calendar_export_with_an_in_session_flag(data_file, tmp_path):
    path = csv_file(tmp_path / "cal.csv", [["Date_Value", "InSession", "Note"],
                                           ["2025-11-26", "0", "Day before Thanksgiving"],
                                           ["2025-11-27", "1", ""],
                                           ["2025-12-01", "1", ""]])
    plan, _ = run(data_file, path, "calendar")
    assert plan.counts()["added"] == 1 and plan.counts()["updated"] == 1
    closed = years.non_school_day_set(data_file.db, year_id(data_file))
    assert dt.date(2025, 11, 26) in closed and dt.date(2025, 11, 27) not in closed


def test_students_of_a_meeting_log_must_be_on_the_roster(data_file, tmp_path):
    path = csv_file(tmp_path / "log.csv", [["Student ID", "Date"], ["9999", "9/22/2025"],
                                           ["9998", "9/23/2025"], ["9999", "9/24/2025"]])
    plan = preview(data_file, path, "meetings")
    assert plan.counts()["skipped"] == 3
    assert "3 rows for 2 students not on the roster" in messages(plan)
    assert students.count_students(data_file.db) == 0
