"""A student has more than one ID, and one ID is one child.

Every ID a file gives is kept; a later file finds the student by any of them; a placeholder
shared by many students finds nobody and is named; the ID shown (and ``student_id`` in every
JSON) stays the school's student number, even when it arrives after another ID.
"""

from __future__ import annotations

import datetime as dt

import pytest

from storage import identifiers, students
from tests.import_helpers import messages, run
from tests.spreadsheets import csv_file, xlsx


@pytest.fixture
def school(data_file):
    path = data_file.path
    data_file.close()
    return path


def kept(data, local_id: str) -> dict[str, str]:
    student = students.student_by_local_id(data.db, local_id)
    return {row["kind"]: row["value"] for row in identifiers.identifiers_of(data.db,
                                                                            student["id"])}


ROSTER = [["Student Number", "SIS ID", "State ID", "Last Name", "First Name", "Grade"],
          ["1001", "S-9001", "CA-501", "Rivera", "Ana", "7"],
          ["1002", "S-9002", "CA-502", "Okafor", "Ben", "6"]]


def test_every_id_a_roster_gives_is_kept(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    assert kept(data_file, "1001") == {"sis_id": "S-9001", "state_id": "CA-501"}


def test_an_attendance_export_keyed_by_another_id_finds_the_students(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    # PowerSchool's attendance table uses the SIS's own key, not the school's number.
    path = xlsx(tmp_path / "att.xlsx", {"A": [["StudentID", "Att_Date", "Attendance_Code"],
                                              ["S-9001", dt.date(2025, 9, 3), "A"],
                                              ["S-9002", dt.date(2025, 9, 3), "P"]]})
    plan, _ = run(data_file, path, "attendance")
    assert plan.counts()["added"] == 2 and plan.counts()["skipped"] == 0
    ana = students.student_by_local_id(data_file.db, "1001")
    assert data_file.db.execute("SELECT status FROM attendance WHERE student_id = ? AND day = ?",
                                [ana["id"], "2025-09-03"]).fetchone() == ("absent_unexcused",)


def test_a_state_id_column_finds_students_in_a_match_list(data_file, tmp_path):
    from storage import mentors

    run(data_file, csv_file(tmp_path / "r.csv", ROSTER), "students")
    mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    path = csv_file(tmp_path / "m.csv", [["State ID", "Mentor", "Start date"],
                                         ["CA-502", "Dana Cole", "9/15/2025"]])
    plan, _ = run(data_file, path, "matches")
    assert plan.counts()["added"] == 1


def test_a_placeholder_state_id_finds_nobody_and_is_named(data_file, tmp_path):
    roster = [["Student Number", "State ID", "Last Name", "First Name"]] + [
        [str(3000 + n), "123", f"Student{n}", "Test"] for n in range(5)]
    plan, _ = run(data_file, csv_file(tmp_path / "r.csv", roster), "students")
    assert plan.counts()["added"] == 5
    assert kept(data_file, "3000") == {}
    assert "123 (5 students)" in messages(plan) and "placeholder" in messages(plan)
    # A later file with the same placeholder does not find anyone by it either.
    again = [["Student Number", "State ID", "Last Name", "First Name"],
             ["3000", "123", "Student0", "Test"], ["3001", "123", "Student1", "Test"]]
    plan, _ = run(data_file, csv_file(tmp_path / "again.csv", again), "students")
    assert plan.counts() == {"added": 0, "updated": 0, "unchanged": 2, "skipped": 0}


def test_the_school_number_stays_the_id_shown_even_when_it_comes_later(data_file, tmp_path,
                                                                       cli):
    first = [["SIS ID", "Last Name", "First Name"], ["S-9001", "Rivera", "Ana"]]
    run(data_file, csv_file(tmp_path / "a.csv", first), "students")
    assert students.student_by_local_id(data_file.db, "S-9001")["id_kind"] == "sis_id"
    plan, _ = run(data_file, csv_file(tmp_path / "b.csv", ROSTER), "students")
    assert plan.counts()["added"] == 1 and plan.counts()["updated"] == 1  # Ana found by SIS ID
    ana = students.student_by_local_id(data_file.db, "1001")
    assert ana is not None and ana["id_kind"] == "student_number"
    assert kept(data_file, "1001")["sis_id"] == "S-9001"
    path = data_file.path
    data_file.close()
    listed = cli("--db", path, "students", "--json").json
    rows = listed["students"] if isinstance(listed, dict) else listed
    assert sorted(row["student_id"] for row in rows) == ["1001", "1002"]


def test_the_school_number_is_not_replaced_by_another_id(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "a.csv", ROSTER), "students")
    later = [["SIS ID", "Last Name", "First Name"], ["S-9001", "Rivera", "Ana"]]
    plan, _ = run(data_file, csv_file(tmp_path / "b.csv", later), "students")
    assert plan.counts()["unchanged"] == 1
    assert students.student_by_local_id(data_file.db, "1001")["first_name"] == "Ana"


def test_an_id_another_student_has_is_not_kept_for_this_one(data_file, tmp_path):
    run(data_file, csv_file(tmp_path / "a.csv", ROSTER), "students")
    wrong = [["Student Number", "State ID", "Last Name", "First Name"],
             ["1002", "CA-501", "Okafor", "Ben"]]
    plan, _ = run(data_file, csv_file(tmp_path / "b.csv", wrong), "students")
    assert "CA-501" not in kept(data_file, "1002").values()
    assert "belongs to another student" in messages(plan) or "different students" in \
        messages(plan)


def test_undoing_a_roster_removes_the_ids_it_kept(data_file, tmp_path):
    from importing.apply import undo

    run(data_file, csv_file(tmp_path / "a.csv", ROSTER[:1] + [["1001", "", "", "Rivera",
                                                                 "Ana", "7"]]), "students")
    _, batch = run(data_file, csv_file(tmp_path / "b.csv", ROSTER), "students")
    assert kept(data_file, "1001") == {"sis_id": "S-9001", "state_id": "CA-501"}
    undo(data_file.db, batch)
    assert kept(data_file, "1001") == {}


def test_an_older_data_file_is_upgraded_with_its_students_shown_as_before(tmp_path):
    import sqlite3

    import sqlite_utils

    from storage import migrations
    from storage.database import open_data_file

    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before="0004_student_identifiers")
    db.execute("INSERT INTO school_years (name, first_day, last_day) "
               "VALUES ('2025-2026', '2025-09-02', '2026-06-12')")
    db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
               "VALUES ('004512', 'Zoë', 'Muñoz', '2025-09-03 08:00:00')")
    db.execute("INSERT INTO attendance (student_id, day, status, code) "
               "VALUES (1, '2025-09-03', 'absent_excused', 'E')")
    connection.close()
    with open_data_file(path) as data:
        row = data.db.execute("SELECT local_id, id_kind FROM students").fetchone()
        assert row == ("004512", "student_number")
        assert data.db.execute("SELECT day, status, code FROM attendance").fetchall() == [
            ("2025-09-03", "absent_excused", "E")]
        # The new status is allowed now; the Ed-Fi words are codes; calendar words are known.
        data.db.execute("INSERT INTO attendance (student_id, day, status) "
                        "VALUES (1, '2025-09-04', 'partial')")
        assert data.db.execute("SELECT status FROM attendance_codes WHERE code = "
                               "'Excused Absence'").fetchone() == ("absent_excused",)
        assert data.db.execute("SELECT school FROM calendar_day_types WHERE word = "
                               "'holiday'").fetchone() == (0,)
        indexes = {name for (name,) in data.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'attendance'")}
        assert {"attendance_by_day", "attendance_by_batch"} <= indexes
