"""Migration 0009_surveys: a file of the version before gains the survey tables and the
default questions, and keeps its data."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from storage import migrations, surveys
from storage.database import open_data_file


def test_a_file_from_before_the_surveys_gets_them_with_the_default_questions(tmp_path):
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection, execute_plugins=False)
    migrations.apply_pending(db, stop_before="0009_surveys")
    assert "survey_questions" not in db.table_names()
    db.execute("INSERT INTO school_years (name, first_day, last_day) "
               "VALUES ('2025-2026', '2025-09-02', '2026-06-12')")
    db.execute("INSERT INTO students (local_id, first_name, last_name, created_at) "
               "VALUES ('004512', 'Zoë', 'Muñoz', '2025-09-03 08:00:00')")
    connection.close()
    with open_data_file(path) as data:
        assert data.db.execute("SELECT first_name FROM students").fetchone()[0] == "Zoë"
        mentee = surveys.questions(data.db, "mentee")
        mentor = surveys.questions(data.db, "mentor")
        assert [row["text"] for row in mentee][:2] == [
            "There is an adult at this school who cares about me.",
            "I feel like I belong at this school."]
        assert {row["kind"] for row in mentee} == {"agreement"}
        assert any(row["kind"] == "text" for row in mentor)
        assert "I get the support I need from the program's facilitator." in [
            row["text"] for row in mentor]
        applied = [m.name for m in migrations.migrations.applied(data.db)]
    assert applied == migrations.MIGRATION_NAMES


def test_emptying_a_file_puts_the_default_questions_back(data_file):
    from storage.maintenance import empty_file
    from storage.transactions import write_transaction

    surveys.add_question(data_file.db, "mentee", "I like lunch.", "agreement")
    with write_transaction(data_file.db):
        empty_file(data_file.db)
    texts = [row["text"] for row in surveys.questions(data_file.db, "mentee")]
    assert "I like lunch." not in texts
    assert len(texts) == len([q for q in migrations.DEFAULT_SURVEY_QUESTIONS
                              if q[0] == "mentee"])
