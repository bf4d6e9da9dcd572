"""Undoing an import as a whole: what it added goes, what it changed comes back."""

from __future__ import annotations

import datetime as dt

import pytest

from importing.apply import undo, undo_preview
from storage import goals, imports, matches, meetings, mentors, students, years
from storage.errors import InvalidInput
from tests.import_helpers import RECORD_TABLES, run, table_checksum
from tests.spreadsheets import csv_file, xlsx

ROSTER = [["Student ID", "Last Name", "First Name", "Grade", "Homeroom"],
          ["1001", "Rivera", "Ana", "7", "7B"], ["1002", "Okafor", "Ben", "6", "6A"]]


def year_id(data):
    return years.year_by_name(data.db, "2025-2026")["id"]


def test_undoing_an_import_puts_the_records_back_as_they_were(data_file, tmp_path):
    before = table_checksum(data_file.path, *RECORD_TABLES)
    _, batch = run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    assert students.count_students(data_file.db) == 2
    undo(data_file.db, batch)
    assert students.count_students(data_file.db) == 0
    assert imports.batch(data_file.db, batch)["undone_at"]
    # Only the history remembers it: the batch (marked undone) and the activity lines.
    assert table_checksum(data_file.path, *RECORD_TABLES) == before


def test_undo_restores_the_fields_an_import_updated(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "a.csv", ROSTER), "students")
    changed = [row[:] for row in ROSTER]
    changed[1][4] = "7C"
    changed[2][1] = "Okafor-Smith"
    _, batch = run(data_file, csv_file(tmp_path / "b.csv", changed), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    assert students.enrollment(data_file.db, ana["id"], year_id(data_file))["homeroom"] == "7C"
    undo(data_file.db, batch)
    assert students.enrollment(data_file.db, ana["id"], year_id(data_file))["homeroom"] == "7B"
    assert students.student_by_local_id(data_file.db, "1002")["last_name"] == "Okafor"


def test_undo_of_an_exceptions_import_brings_back_the_absences_it_replaced(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    run(data_file, csv_file(tmp_path / "a.csv", [["Student ID", "Date", "Code"],
                                                 ["1002", "9/3/2025", "A"],
                                                 ["1001", "9/4/2025", "A"]]),
        "attendance", absences_only=True, through=dt.date(2025, 9, 30))
    before = table_checksum(data_file.path, *RECORD_TABLES)
    corrected = csv_file(tmp_path / "b.csv", [["Student ID", "Date", "Code"],
                                              ["1001", "9/4/2025", "E"],
                                              ["1001", "9/5/2025", "A"]])
    _, batch = run(data_file, corrected, "attendance", absences_only=True,
                   through=dt.date(2025, 9, 30))
    undo(data_file.db, batch)
    rows = data_file.db.execute(
        "SELECT s.local_id, a.day, a.status FROM attendance a JOIN students s "
        "ON s.id = a.student_id ORDER BY 1, 2").fetchall()
    assert rows == [("1001", "2025-09-04", "absent_unexcused"),
                    ("1002", "2025-09-03", "absent_unexcused")]
    assert data_file.db.execute("SELECT count(*) FROM attendance_coverage WHERE batch_id = ?",
                                [batch]).fetchone()[0] == 0
    assert table_checksum(data_file.path, *RECORD_TABLES) == before


def test_undo_says_what_later_work_it_would_take_with_it(data_file, tmp_path):
    _, batch = run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    mentor = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    match = matches.add_match(data_file.db, mentor, ana["id"], year_id(data_file), "2025-09-15")
    meetings.add_meeting(data_file.db, mentor, [match], "2025-09-22", minutes=30)
    meetings.add_meeting(data_file.db, mentor, [match], "2025-09-29", minutes=30)
    goals.add_goal(data_file.db, ana["id"], "Come to school on Mondays", "2025-09-22")
    _, consequences, sentence = undo_preview(data_file.db, batch)
    assert consequences == {"matches": 1, "meetings": 2, "goals": 1}
    assert "1 match, 2 meetings and 1 goal" in sentence
    with pytest.raises(InvalidInput):  # not without the user's say-so
        undo(data_file.db, batch)
    assert students.count_students(data_file.db) == 2
    undo(data_file.db, batch, agreed=True)
    assert students.count_students(data_file.db) == 0
    assert data_file.db.execute("SELECT count(*) FROM matches").fetchone()[0] == 0
    assert data_file.db.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0
    assert mentors.mentor(data_file.db, mentor) is not None  # not the import's: stays


def test_undo_of_an_attendance_import_removes_its_rows(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    before = table_checksum(data_file.path, *RECORD_TABLES)
    daily = xlsx(tmp_path / "d.xlsx", {"A": [["Student ID", "Date", "Code"]] + [
        [1001, dt.date(2025, 9, day), code] for day, code in ((2, "P"), (3, "A"), (4, "T"))]})
    _, batch = run(data_file, daily, "attendance")
    _, consequences, _ = undo_preview(data_file.db, batch)
    assert consequences == {}
    undo(data_file.db, batch)
    assert data_file.db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    assert table_checksum(data_file.path, *RECORD_TABLES) == before


def test_an_import_cannot_be_undone_twice_or_when_it_does_not_exist(data_file, tmp_path):
    _, batch = run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    undo(data_file.db, batch)
    with pytest.raises(InvalidInput) as refusal:
        undo(data_file.db, batch)
    assert "already undone" in refusal.value.message
    with pytest.raises(InvalidInput):
        undo(data_file.db, 999)


def test_undoing_a_staff_list_keeps_a_role_someone_else_uses(data_file, tmp_path):
    _, batch = run(data_file, csv_file(tmp_path / "s.csv", [["Name", "Email", "Role"],
                                                            ["Dana Cole", "d@example.org",
                                                             "Librarian"]]), "mentors")
    role = data_file.db.execute("SELECT id FROM mentor_roles WHERE name = 'Librarian'").fetchone()
    mentors.add_mentor(data_file.db, first_name="Lee", last_name="Park", role_id=role[0])
    undo(data_file.db, batch)
    assert data_file.db.execute("SELECT count(*) FROM mentor_roles WHERE name = 'Librarian'"
                                ).fetchone()[0] == 1
    assert [m["last_name"] for m in mentors.all_mentors(data_file.db)] == ["Park"]
