"""The printable mentor roster: mentors, their current mentees, usual times and contacts."""

from __future__ import annotations

import datetime as dt

from reports.roster import export_roster, mentor_roster, roster_document
from storage import availability, lookups, matches, mentors, students, years
from tests.workbook_checks import assert_every_sheet_has_a_table, assert_no_formulas, reopen


def school(db):
    year_id = years.year_by_name(db, "2025-2026")["id"]
    teacher = lookups.id_by_name(db, "roles", "Teacher") or lookups.add_entry(db, "roles",
                                                                               "Teacher")
    rivera = mentors.add_mentor(db, first_name="Maria", last_name="Rivera", role_id=teacher,
                                email="mrivera@example.org", phone="555-0101", capacity=3)
    availability.replace(db, "mentor", rivera, [(1, "lunch"), (3, "after_school")])
    idle = mentors.add_mentor(db, first_name="Tom", last_name="Idle", capacity=2)
    mentors.add_mentor(db, first_name="Gone", last_name="Away", active=False)
    ana = students.add_student(db, year_id=year_id, grade=7, homeroom="7B", local_id="000123",
                               first_name="Ana", last_name="Ruiz", preferred_name="Annie")
    ben = students.add_student(db, year_id=year_id, grade=6, homeroom="6A", local_id="000124",
                               first_name="=Ben", last_name="Cole")
    old = students.add_student(db, year_id=year_id, grade=8, first_name="Old", last_name="Match")
    matches.add_match(db, rivera, ana, year_id, "2025-10-01", usual_weekday=1, usual_slot="lunch")
    matches.add_match(db, rivera, ben, year_id, "2025-10-06")
    closed = matches.add_match(db, rivera, old, year_id, "2025-09-15")
    matches.close_match(db, closed, "2025-12-01", "student_moved")
    return year_id, idle


def test_each_active_mentor_is_listed_with_current_mentees_and_usual_times(data_file):
    year_id, _ = school(data_file.db)
    roster = mentor_roster(data_file.db, year_id, as_of=dt.date(2026, 1, 15))
    by_name = {mentor.name: mentor for mentor in roster.mentors}
    assert set(by_name) == {"Maria Rivera", "Tom Idle"}
    rivera = by_name["Maria Rivera"]
    assert (rivera.role, rivera.email, rivera.phone, rivera.capacity) == (
        "Teacher", "mrivera@example.org", "555-0101", 3)
    assert rivera.free_times == "Tuesday lunch, Thursday after school"
    assert [(m.name, m.grade, m.homeroom, m.usual_time) for m in rivera.mentees] == [
        ("=Ben Cole", 6, "6A", ""), ("Annie Ruiz", 7, "7B", "Tuesday lunch")]
    assert by_name["Tom Idle"].mentees == []
    assert roster.mentee_count == 2


def test_a_match_closed_before_the_date_is_left_out_and_one_open_then_is_kept(data_file):
    year_id, _ = school(data_file.db)
    roster = mentor_roster(data_file.db, year_id, as_of=dt.date(2025, 11, 1))
    names = [m.name for mentor in roster.mentors for m in mentor.mentees]
    assert "Old Match" in names


def test_the_roster_prints_and_exports_safely(data_file, qapp, tmp_path):
    year_id, _ = school(data_file.db)
    roster = mentor_roster(data_file.db, year_id, as_of=dt.date(2026, 1, 15))
    text = roster_document(roster).toPlainText()
    assert "Maria Rivera (2 of 3)" in text and "Tuesday lunch" in text
    assert "No mentees yet." in text
    workbook = reopen(export_roster(roster, tmp_path / "roster.xlsx"))
    assert_every_sheet_has_a_table(workbook)
    assert_no_formulas(workbook)
    students_column = [row[5].value for row in workbook.active.iter_rows(min_row=5)]
    assert "'=Ben Cole" in students_column
