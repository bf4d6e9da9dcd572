"""Counts of every kind of record in the file (the ``summary`` command)."""

from __future__ import annotations

import sqlite_utils

# Output name -> table. attendance_days counts stored student-date attendance rows.
COUNTED_TABLES = {
    "school_years": "school_years",
    "non_school_days": "non_school_days",
    "students": "students",
    "enrollments": "enrollments",
    "nominations": "nominations",
    "goals": "goals",
    "goal_notes": "goal_notes",
    "mentors": "mentors",
    "trainings": "trainings",
    "training_attendance": "training_attendance",
    "matches": "matches",
    "meetings": "meetings",
    "referrals": "referrals",
    "attendance_days": "attendance",
    "attendance_summaries": "attendance_summaries",
    "attendance_codes": "attendance_codes",
    "imports": "import_batches",
    "activity": "activity",
}


def record_counts(db: sqlite_utils.Database) -> dict[str, int]:
    counts = {
        name: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for name, table in COUNTED_TABLES.items()
    }
    counts["students_archived"] = db.execute(
        "SELECT count(*) FROM students WHERE archived = 1").fetchone()[0]
    counts["mentors_active"] = db.execute(
        "SELECT count(*) FROM mentors WHERE active = 1").fetchone()[0]
    counts["matches_open"] = db.execute(
        "SELECT count(*) FROM matches WHERE ended_on IS NULL").fetchone()[0]
    return counts


def integrity_problems(db: sqlite_utils.Database) -> list[str]:
    """Everything ``PRAGMA integrity_check`` and ``foreign_key_check`` report; empty when sound."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} points to a missing {parent}")
    return problems
