"""The change journal: every row a change touched goes back exactly, cascades and all."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from storage import journal, matches, meetings, mentors, students
from storage.database import open_data_file
from storage.transactions import write_transaction
from tests.conftest import data_checksum


def checksum_without_activity(path) -> str:
    """The data checksum with the history table set aside (undo adds its own line)."""
    copy = path.parent / "no-activity.sqlite"
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute("DELETE FROM activity")
    target.commit()
    target.close()
    try:
        return data_checksum(copy)
    finally:
        copy.unlink()


def test_taking_back_a_change_leaves_every_table_as_before(demo_copy):
    before = checksum_without_activity(demo_copy)
    with open_data_file(demo_copy) as data:
        db = data.db
        some = db.execute("SELECT id FROM students ORDER BY id LIMIT 3").fetchall()
        with write_transaction(db), journal.recording(db) as made:
            students.update_student(db, some[0][0], first_name="Changed", notes="new")
            students.set_archived(db, some[1][0], True)
            db.execute("DELETE FROM attendance WHERE student_id = ?", [some[2][0]])
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('school_name', 'X')")
        assert made.changes
        with write_transaction(db):
            journal.take_back(db, made.changes)
    assert checksum_without_activity(demo_copy) == before


def test_a_cascade_comes_back_whole_and_redo_makes_it_again(demo_copy):
    before = checksum_without_activity(demo_copy)
    with open_data_file(demo_copy) as data:
        db = data.db
        meeting_id = db.execute("SELECT meeting_id FROM meeting_matches LIMIT 1").fetchone()[0]
        with write_transaction(db), journal.recording(db) as made:
            meetings.delete_meeting(db, meeting_id)
    after_delete = checksum_without_activity(demo_copy)
    assert after_delete != before
    with open_data_file(demo_copy) as data, write_transaction(data.db):
        redo = journal.take_back(data.db, made.changes)
    assert checksum_without_activity(demo_copy) == before
    with open_data_file(demo_copy) as data, write_transaction(data.db):
        journal.take_back(data.db, redo)
    assert checksum_without_activity(demo_copy) == after_delete


def test_a_row_changed_again_since_refuses_and_changes_nothing(data_file):
    db = data_file.db
    with write_transaction(db), journal.recording(db) as made:
        student_id = students.add_student(db, local_id="S1", first_name="Ana", last_name="Cruz")
    students.update_student(db, student_id, first_name="Anna")
    with pytest.raises(journal.UndoConflict, match="changed again since"), \
            write_transaction(db):
        journal.take_back(db, made.changes)
    assert students.student(db, student_id)["first_name"] == "Anna"


def test_a_later_record_that_hangs_on_the_change_refuses(data_file):
    db = data_file.db
    year_id = db.execute("SELECT id FROM school_years").fetchone()[0]
    mentor_id = mentors.add_mentor(db, first_name="Mo", last_name="Lee", email="mo@school.test")
    with write_transaction(db), journal.recording(db) as made:
        student_id = students.add_student(db, local_id="S1", first_name="Ana", last_name="Cruz")
    matches.add_match(db, mentor_id, student_id, year_id, dt.date(2025, 10, 1))
    # The match does not cascade: the check is SQLite's, deferred to the commit (the undo action
    # turns it into a sentence), and the whole transaction rolls back.
    with pytest.raises(sqlite3.IntegrityError), write_transaction(db):
        journal.take_back(db, made.changes)
    assert students.student(db, student_id) is not None


def test_a_refused_first_change_on_a_connection_leaves_the_next_one_recorded(data_file):
    from actions import students as student_actions
    from actions.core import change
    from storage.errors import InvalidInput

    db = data_file.db
    # The first change made on this connection fails inside its transaction: the rollback
    # takes away the temporary log made inside it.
    with pytest.raises(InvalidInput), change(db, "Refused", {"students"}, code="test"):
        students.add_student(db, first_name="Gone", last_name="Again")
        raise InvalidInput("No.")
    added = student_actions.add_student(db, {"first_name": "Ana", "last_name": "Ruiz"}).value
    assert students.student(db, added) is not None
    from actions import undo as undo_actions

    assert undo_actions.undo_title(db) == "Add Ana Ruiz"
    undo_actions.undo(db)
    assert students.student(db, added) is None
