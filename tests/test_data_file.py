"""The data file: its layout, opening checks, refusals, permissions."""

from __future__ import annotations

import os
import sqlite3
import stat
import sys

import pytest

from storage import migrations, settings, students, years
from storage.database import open_data_file
from storage.errors import (
    DamagedFile,
    FileFromNewerVersion,
    NotAMentorDeskFile,
)
from tests.conftest import data_checksum


def test_a_new_file_has_every_table_and_the_latest_version(new_file):
    with open_data_file(new_file, create=True) as data:
        tables = set(data.db.table_names())
        version = data.db.execute("PRAGMA user_version").fetchone()[0]
        application_id = data.db.execute("PRAGMA application_id").fetchone()[0]
        journal = data.db.execute("PRAGMA journal_mode").fetchone()[0]
        foreign_keys = data.db.execute("PRAGMA foreign_keys").fetchone()[0]
    expected = {
        "school_years", "non_school_days", "students", "enrollments", "student_availability",
        "goals", "goal_notes", "nominations", "nomination_reasons", "mentor_roles", "topics",
        "mentors", "mentor_availability", "trainings", "training_attendance", "matches",
        "meetings", "meeting_matches", "meeting_topics", "referrals", "referral_notes",
        "attendance_codes", "attendance", "attendance_coverage", "attendance_summaries",
        "import_batches", "import_changes", "settings", "activity", "column_mappings",
    }
    assert expected <= tables
    assert version == migrations.LATEST_VERSION
    assert application_id == migrations.APPLICATION_ID
    assert journal == "wal"
    assert foreign_keys == 1


def test_the_editable_lists_start_with_the_usual_words(data_file):
    db = data_file.db
    roles = [row[0] for row in db.execute("SELECT name FROM mentor_roles ORDER BY sort_order")]
    topics = [row[0] for row in db.execute("SELECT name FROM topics ORDER BY sort_order")]
    assert roles == ["Teacher", "Paraprofessional", "Administrator", "Counselor",
                     "Resource officer", "Other staff"]
    assert topics == ["School", "Attendance", "Friends", "Family", "Interests", "Goals", "Other"]


def test_every_declared_setting_is_filled_in_and_user_values_survive_reopening(new_file):
    with open_data_file(new_file, create=True) as data:
        assert settings.get(data.db, "meeting_target_per_month") == 2
        settings.set_value(data.db, "meeting_target_per_month", 3)
        data.db.execute("DELETE FROM settings WHERE key = 'overdue_after_school_days'")
    with open_data_file(new_file) as data:
        stored = dict(data.db.execute("SELECT key, value FROM settings").fetchall())
        assert set(stored) == {s.key for s in settings.SETTINGS}
        assert settings.get(data.db, "meeting_target_per_month") == 3
        assert settings.get(data.db, "overdue_after_school_days") == 10


def test_foreign_keys_are_enforced(data_file):
    with pytest.raises(sqlite3.IntegrityError):
        data_file.db.execute(
            "INSERT INTO enrollments (student_id, year_id, grade) VALUES (9999, 9999, 6)")


def test_student_ids_keep_leading_zeros_and_accents(data_file):
    year = years.current_year(data_file.db)
    student_id = students.add_student(data_file.db, local_id="000123", first_name="José",
                                      last_name="Peña", year_id=year["id"], grade=0,
                                      homeroom="KA")
    row = students.student(data_file.db, student_id)
    assert row["local_id"] == "000123"
    assert (row["first_name"], row["last_name"]) == ("José", "Peña")
    assert students.enrollment(data_file.db, student_id, year["id"])["grade"] == 0


def test_grades_stay_true_per_year_after_a_student_moves_up(data_file):
    import datetime as dt

    last = years.current_year(data_file.db)
    this_id = years.save_year(data_file.db, "2026-2027", dt.date(2026, 9, 1), dt.date(2027, 6, 11))
    student_id = students.add_student(data_file.db, local_id="5", first_name="Ana",
                                      last_name="Soto", year_id=last["id"], grade=6)
    students.set_enrollment(data_file.db, student_id, this_id, grade=7, homeroom="7B")
    assert students.enrollment(data_file.db, student_id, last["id"])["grade"] == 6
    assert students.enrollment(data_file.db, student_id, this_id)["grade"] == 7


def test_a_missing_file_is_refused_without_creating_it(tmp_path):
    path = tmp_path / "nothing.sqlite"
    with pytest.raises(NotAMentorDeskFile, match="no MentorDesk data file"):
        open_data_file(path)
    assert not path.exists()


def test_a_spreadsheet_opened_as_a_data_file_is_refused(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(NotAMentorDeskFile, match="not a MentorDesk data file"):
        open_data_file(path)


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.execute("INSERT INTO recipes VALUES ('soup')")
    connection.commit()
    connection.close()
    before = data_checksum(path)
    with pytest.raises(NotAMentorDeskFile, match="not a MentorDesk data file"):
        open_data_file(path)
    assert data_checksum(path) == before


def test_a_file_from_a_newer_mentordesk_is_refused_and_not_changed(new_file):
    with open_data_file(new_file, create=True):
        pass
    connection = sqlite3.connect(new_file)
    connection.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    connection.commit()
    connection.close()
    before = data_checksum(new_file)
    with pytest.raises(FileFromNewerVersion, match="newer version of MentorDesk"):
        open_data_file(new_file)
    assert data_checksum(new_file) == before
    connection = sqlite3.connect(new_file)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION + 1
    connection.close()


def test_a_damaged_file_is_refused_with_a_pointer_to_the_backups(new_file):
    with open_data_file(new_file, create=True) as data:
        for number in range(400):
            data.db.execute("INSERT INTO activity (at, action, summary) VALUES (?, 'x', ?)",
                            ["2025-01-01", "y" * 200 + str(number)])
        data.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = bytearray(new_file.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    for page in range(2, len(raw) // page_size):
        raw[page * page_size: page * page_size + 24] = b"\xff" * 24
    new_file.write_bytes(bytes(raw))
    with pytest.raises((DamagedFile, NotAMentorDeskFile), match="backup"):
        open_data_file(new_file)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_data_file_and_its_lock_are_readable_by_their_owner_only(new_file):
    with open_data_file(new_file, create=True):
        mode = stat.S_IMODE(os.stat(new_file).st_mode)
        lock_mode = stat.S_IMODE(os.stat(str(new_file) + ".lock").st_mode)
    assert mode == 0o600
    assert lock_mode == 0o600


def test_a_folder_given_as_the_data_file_is_refused(tmp_path):
    with pytest.raises(NotAMentorDeskFile, match="folder"):
        open_data_file(tmp_path)
