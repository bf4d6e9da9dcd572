"""Letting data go on purpose: a student deleted for good, a past year's records purged."""

from __future__ import annotations

import sqlite3

import pytest

from actions.letting_go import years_to_let_go
from storage import activity, years
from storage.database import open_data_file
from tests import small_school
from tests.conftest import data_checksum
from tests.small_school import NEW_YEAR_ARGS

# Words only Ana Bell's records hold (small_school and the roster below put them there).
ANAS_WORDS = [b"Private note about Ana Bell", b"Parent of Ana", b"Read every night",
              b"Read three nights", b"Talked about Ana's reading", b"Family worries",
              b"Logged a meeting with Ana Bell", b"Worried about ana"]


@pytest.fixture
def school(data_file, tmp_path, cli):
    ids = small_school.build(data_file.db)
    activity.record(data_file.db, "meeting", "Logged a meeting with Ana Bell")
    activity.record(data_file.db, "note", "Changed a goal", student_id=ids["ana"])
    activity.record(data_file.db, "note", "Changed the meeting target")
    path = data_file.path
    data_file.close()
    roster = tmp_path / "guardians.csv"
    roster.write_text("Student ID,Last Name,First Name,Guardian Name\n"
                      "A-1,Bell,Ana,Grandma Bell\nB-2,Cruz,Ben,Parent of Ben\n",
                      encoding="utf-8")
    assert cli("--db", path, "import", "students", roster).code == 0
    return path, ids


def file_bytes(path) -> bytes:
    """The data file as it lies on the disk, with its write-ahead log."""
    found = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return found + (wal.read_bytes() if wal.exists() else b"")


def test_without_yes_the_deletion_names_what_goes_and_changes_nothing(cli, school):
    path, _ = school
    before = data_checksum(path)
    result = cli("--db", path, "student", "delete", "A-1", "--json")
    assert result.code == 1
    words = result.json["error"]
    for part in ("Delete Ana Bell (ID A-1) for good", "1 match", "1 meeting", "1 goal",
                 "1 progress note", "1 referral", "2 attendance days",
                 "Older backups still hold their record", "school.sqlite backups", "--yes"):
        assert part in words, part
    assert data_checksum(path) == before


def test_a_student_deleted_for_good_leaves_nothing_in_the_file(cli, school):
    path, ids = school
    assert all(word in file_bytes(path) for word in ANAS_WORDS[:3])
    result = cli("--db", path, "student", "delete", "A-1", "--yes", "--json")
    assert result.code == 0, result.stderr
    assert result.json["removed"]["history_lines"] == 2
    assert result.json["removed"]["import_values"] >= 1
    left = file_bytes(path)
    assert [word for word in ANAS_WORDS if word in left] == []
    with sqlite3.connect(path) as connection:
        def count(sql: str) -> int:
            return connection.execute(sql).fetchone()[0]

        assert count(f"SELECT count(*) FROM students WHERE id = {ids['ana']}") == 0
        assert count("SELECT count(*) FROM students") == 8
        assert count("SELECT count(*) FROM matches") == 2  # Cy's and Dee's stay
        assert count("SELECT count(*) FROM attendance") == 4  # Ben's and Cy's stay
        assert count("SELECT count(*) FROM mentors") == 2
        assert count("SELECT count(*) FROM activity WHERE summary = "
                     "'Changed the meeting target'") == 1
        line = connection.execute("SELECT summary FROM activity ORDER BY id DESC").fetchone()[0]
        assert "deleted for good" in line and "Ana" not in line
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert cli("--db", path, "check").code == 0


def test_purging_a_past_year_keeps_its_report(cli, school, tmp_path):
    path, ids = school
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    before = cli("--db", path, "report", tmp_path / "before.xlsx", "--year", "2025-2026",
                 "--json")
    asked = cli("--db", path, "year", "purge", "2025-2026", "--json")
    assert asked.code == 1 and "report is saved first" in asked.json["error"]
    result = cli("--db", path, "year", "purge", "2025-2026", "--yes", "--json")
    assert result.code == 0, result.stderr
    with open_data_file(path, write=False) as data:
        db = data.db
        old = years.year_by_name(db, "2025-2026")
        for table in ("enrollments", "matches", "nominations", "referrals"):
            assert db.execute(f"SELECT count(*) FROM {table} WHERE year_id = ?",
                              [old["id"]]).fetchone()[0] == 0, table
        # Cy and Hal left after that year and were only in it: gone whole. Ana stays.
        remaining = {row[0] for row in db.execute("SELECT local_id FROM students")}
        assert remaining == {"A-1", "B-2", "D-4", "I-9"}
        assert db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0
    assert b"Private note about Cy Dunn" not in file_bytes(path)
    after = cli("--db", path, "report", tmp_path / "after.xlsx", "--year", "2025-2026",
                "--json")
    assert after.code == 0, after.stderr
    assert after.json["kept_report"] is True
    for figure in ("students_enrolled", "students_served", "meetings_held", "matches"):
        assert after.json[figure] == before.json[figure], figure
    assert (tmp_path / "after.xlsx").read_bytes()[:2] == b"PK"
    pdf = cli("--db", path, "report", tmp_path / "after.pdf", "--year", "2025-2026")
    assert pdf.code == 0 and (tmp_path / "after.pdf").read_bytes()[:4] == b"%PDF"
    team = cli("--db", path, "report", tmp_path / "team.xlsx", "--year", "2025-2026", "--team")
    assert team.code == 1 and "only its report for administrators" in team.stderr


def test_the_current_year_cannot_be_purged(cli, school):
    path, _ = school
    before = data_checksum(path)
    result = cli("--db", path, "year", "purge", "2025-2026", "--yes", "--json")
    assert result.code == 1 and "current school year" in result.json["error"]
    assert data_checksum(path) == before


def test_the_yearly_reminder_names_years_ended_over_a_year_ago(cli, school, frozen_clock):
    import datetime as dt

    path, _ = school
    assert cli("--db", path, *NEW_YEAR_ARGS).code == 0
    with open_data_file(path, write=False) as data:
        assert years_to_let_go(data.db) == []
        frozen_clock.freeze(dt.date(2027, 6, 13))
        assert [row["name"] for row in years_to_let_go(data.db)] == ["2025-2026"]
