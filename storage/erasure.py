"""Letting data go on purpose: a student deleted for good, a past year's student records purged.

"For good" means nothing about the student stays in the data file: their records (every year's),
the import history's saved values that hold them, and the history lines that name them; the
space they took is overwritten (``secure_delete``) so the bytes are gone from the file too. Only
older backups still hold them. Call inside a transaction (actions/letting_go.py does).
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

# What a student's deletion removes, counted for the confirmation (key -> words).
WHAT_GOES = {
    "enrollments": ("school year's enrollment", "school years' enrollments"),
    "nominations": ("nomination", "nominations"),
    "matches": ("match", "matches"),
    "meetings": ("meeting", "meetings"),
    "goals": ("goal", "goals"),
    "goal_notes": ("progress note", "progress notes"),
    "referrals": ("referral", "referrals"),
    "attendance_days": ("attendance day", "attendance days"),
    "attendance_summaries": ("attendance total", "attendance totals"),
    "import_values": ("saved import value", "saved import values"),
    "history_lines": ("history line", "history lines"),
}

# Import-history tables whose change rows are keyed by the row's own id.
_KEYED_BY_ID = ("enrollments", "nominations", "matches", "meetings", "goals", "goal_notes",
                "referrals", "referral_notes", "attendance_summaries")


def secure_deletes(db: sqlite_utils.Database) -> None:
    """From now on this connection overwrites what it deletes (before the transaction)."""
    db.execute("PRAGMA secure_delete = ON")


def checkpoint(db: sqlite_utils.Database) -> None:
    """Fold the write-ahead log into the file and empty it, so old pages leave the log too."""
    # A reader holding the log open stops it: the next checkpoint does it then.
    with contextlib.suppress(sqlite3.Error):
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


# One student ------------------------------------------------------------------------------


def _ids(db: sqlite_utils.Database, sql: str, params: Iterable[Any]) -> list[int]:
    return [row[0] for row in db.execute(sql, list(params)).fetchall()]


def _in(ids: list[int]) -> str:
    return "(" + ", ".join(str(int(value)) for value in ids) + ")"


def _student_rows(db: sqlite_utils.Database, student_id: int) -> dict[str, list[int]]:
    """The ids of every row that is about the student, table by table."""
    rows: dict[str, list[int]] = {}
    for table in ("enrollments", "nominations", "matches", "goals", "referrals",
                  "attendance_summaries"):
        rows[table] = _ids(db, f"SELECT id FROM {table} WHERE student_id = ?", [student_id])
    rows["goal_notes"] = _ids(db, f"SELECT id FROM goal_notes WHERE goal_id IN "
                                  f"{_in(rows['goals'])}", [])
    rows["referral_notes"] = _ids(db, f"SELECT id FROM referral_notes WHERE referral_id IN "
                                      f"{_in(rows['referrals'])}", [])
    # Meetings only this student was in (a group meeting stays for the others).
    rows["meetings"] = _ids(
        db, f"SELECT DISTINCT mm.meeting_id FROM meeting_matches mm WHERE mm.match_id IN "
            f"{_in(rows['matches'])} AND NOT EXISTS (SELECT 1 FROM meeting_matches other "
            f"WHERE other.meeting_id = mm.meeting_id AND other.match_id NOT IN "
            f"{_in(rows['matches'])})", [])
    return rows


def _import_change_ids(db: sqlite_utils.Database, student_id: int,
                       rows: dict[str, list[int]]) -> list[int]:
    """Import-history change rows that hold something of the student's."""
    found = set(_ids(
        db, "SELECT id FROM import_changes WHERE (table_name = 'students' AND "
            "json_extract(row_key, '$.id') = ?) OR json_extract(row_key, '$.student_id') = ? "
            "OR json_extract(old_values, '$.student_id') = ?",
        [student_id, student_id, student_id]))
    for table in _KEYED_BY_ID:
        if rows.get(table):
            found.update(_ids(db, "SELECT id FROM import_changes WHERE table_name = ? AND "
                                  f"json_extract(row_key, '$.id') IN {_in(rows[table])}",
                              [table]))
    if rows["nominations"]:
        found.update(_ids(db, "SELECT id FROM import_changes WHERE table_name = "
                              "'nomination_reasons' AND json_extract(row_key, "
                              f"'$.nomination_id') IN {_in(rows['nominations'])}", []))
    if rows["matches"]:
        found.update(_ids(db, "SELECT id FROM import_changes WHERE table_name IN "
                              "('meeting_matches') AND json_extract(row_key, '$.match_id') IN "
                              f"{_in(rows['matches'])}", []))
    return sorted(found)


def _name_pattern(student: dict) -> re.Pattern | None:
    """The ways a history line can name the student: "Ana Bell", "Bell, Ana", "Pepe Bell"."""
    first, last = student["first_name"].strip(), student["last_name"].strip()
    preferred = (student["preferred_name"] or "").strip()
    forms = set()
    for given in filter(None, (first, preferred)):
        if last:
            forms.update({f"{given} {last}", f"{last}, {given}"})
    if not forms and (first or last):
        forms.add(first or last)
    if not forms:
        return None
    alternatives = "|".join(re.escape(form).replace(r"\ ", r"\s+")
                            for form in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _names_them(text: str, details: Any, student: dict, pattern: re.Pattern | None) -> bool:
    if pattern is not None and pattern.search(text):
        return True
    return _mentions(details, student, pattern)


def _mentions(value: Any, student: dict, pattern: re.Pattern | None, key: str = "") -> bool:
    if isinstance(value, dict):
        return any(_mentions(item, student, pattern, name) for name, item in value.items())
    if isinstance(value, list):
        return any(_mentions(item, student, pattern, key) for item in value)
    if key in ("student_id", "student") and value in (student["id"], student["local_id"]):
        return True
    if isinstance(value, str):
        if student["local_id"] and value == student["local_id"]:
            return True
        return bool(pattern is not None and pattern.search(value))
    return False


def _without_them(value: Any, student: dict, pattern: re.Pattern | None) -> Any:
    """The import's details with every entry that names the student left out."""
    if isinstance(value, dict):
        return {key: _without_them(item, student, pattern) for key, item in value.items()
                if not (isinstance(item, (str, int)) and _mentions(item, student, pattern, key))}
    if isinstance(value, list):
        return [_without_them(item, student, pattern) for item in value
                if not _mentions(item, student, pattern)]
    return value


def history(db: sqlite_utils.Database) -> list[tuple[int, str, Any]]:
    """Every history line, its details decoded (read once when many students go together)."""
    lines = []
    for line_id, summary, details in db.execute("SELECT id, summary, details FROM activity"):
        try:
            decoded = json.loads(details or "{}")
        except ValueError:
            decoded = details
        lines.append((line_id, summary, decoded))
    return lines


def _history_lines(db: sqlite_utils.Database, student: dict,
                   lines: list[tuple[int, str, Any]] | None = None) -> list[int]:
    pattern = _name_pattern(student)
    return [line_id for line_id, summary, decoded in (history(db) if lines is None else lines)
            if _names_them(summary, decoded, student, pattern)]


@dataclass
class _Footprint:
    """Everything about one student: their row, their records' ids, the import values and
    history lines that hold them, and all of it counted."""

    student: dict
    rows: dict[str, list[int]]
    changes: list[int]
    lines: list[int]
    counts: dict[str, int]


def _footprint(db: sqlite_utils.Database, student_id: int,
               lines: list[tuple[int, str, Any]] | None = None) -> _Footprint:
    student = next(db.query("SELECT * FROM students WHERE id = ?", [student_id]))
    rows = _student_rows(db, student_id)
    changes = _import_change_ids(db, student_id, rows)
    gone_lines = _history_lines(db, student, lines)
    counts = {key: len(rows[key]) for key in ("enrollments", "nominations", "matches",
                                              "meetings", "goals", "goal_notes", "referrals")}
    counts["attendance_days"] = db.execute(
        "SELECT count(*) FROM attendance WHERE student_id = ?", [student_id]).fetchone()[0]
    counts["attendance_summaries"] = len(rows["attendance_summaries"])
    counts["import_values"] = len(changes)
    counts["history_lines"] = len(gone_lines)
    return _Footprint(student, rows, changes, gone_lines, counts)


def student_footprint(db: sqlite_utils.Database, student_id: int) -> dict[str, int]:
    """What deleting the student for good would remove, counted (see :data:`WHAT_GOES`)."""
    return _footprint(db, student_id).counts


def delete_student(db: sqlite_utils.Database, student_id: int,
                   lines: list[tuple[int, str, Any]] | None = None) -> dict[str, int]:
    """Remove the student and everything about them (inside the caller's transaction);
    returns what went, counted. ``lines``: the history, read once by a caller deleting many
    (the lines that go are taken out of it)."""
    found = _footprint(db, student_id, lines)
    student, rows, changes, gone_lines = found.student, found.rows, found.changes, found.lines
    pattern = _name_pattern(student)
    if changes:
        db.execute(f"DELETE FROM import_changes WHERE id IN {_in(changes)}")
    for batch_id, details in db.execute(
            "SELECT id, details FROM import_batches").fetchall():
        decoded = json.loads(details or "{}")
        if _mentions(decoded, student, pattern):
            db.execute("UPDATE import_batches SET details = ? WHERE id = ?",
                       [json.dumps(_without_them(decoded, student, pattern), default=str),
                        batch_id])
    if gone_lines:
        db.execute(f"DELETE FROM activity WHERE id IN {_in(gone_lines)}")
        if lines is not None:
            gone = set(gone_lines)
            lines[:] = [line for line in lines if line[0] not in gone]
    # Meetings do not go with their matches by themselves; matches not with their student.
    if rows["meetings"]:
        db.execute(f"DELETE FROM meetings WHERE id IN {_in(rows['meetings'])}")
    if rows["matches"]:
        db.execute(f"DELETE FROM matches WHERE id IN {_in(rows['matches'])}")
    if rows["referrals"]:
        db.execute(f"DELETE FROM referrals WHERE id IN {_in(rows['referrals'])}")
    # The rest (enrollments, nominations, goals, attendance, availability) cascades.
    db.execute("DELETE FROM students WHERE id = ?", [student_id])
    return found.counts


# A past year ------------------------------------------------------------------------------


def students_only_in(db: sqlite_utils.Database, year_id: int) -> list[int]:
    """Students whose every record belongs to this year: purging it lets them go whole."""
    return _ids(
        db, "SELECT s.id FROM students s WHERE EXISTS (SELECT 1 FROM enrollments e WHERE "
            "e.student_id = s.id AND e.year_id = ?) AND NOT EXISTS (SELECT 1 FROM enrollments "
            "e WHERE e.student_id = s.id AND e.year_id != ?) AND NOT EXISTS (SELECT 1 FROM "
            "matches x WHERE x.student_id = s.id AND x.year_id != ?) AND NOT EXISTS (SELECT 1 "
            "FROM nominations n WHERE n.student_id = s.id AND n.year_id != ?)",
        [year_id] * 4)


def purge_year(db: sqlite_utils.Database, year: dict, today: str) -> dict[str, int]:
    """Let go of a year's student-level records (inside the caller's transaction); the year,
    its calendar, the mentors and their trainings stay. Returns what went, counted."""
    year_id, first, last = year["id"], year["first_day"], year["last_day"]
    counts = {"students_deleted": 0}
    # The year's imports hold its students' values (their undo history goes with them); gone
    # first, the students below have fewer import values to look through.
    counts["imports"] = db.execute("DELETE FROM import_batches WHERE year_id = ?",
                                   [year_id]).rowcount
    lines = history(db)
    for student_id in students_only_in(db, year_id):
        delete_student(db, student_id, lines)
        counts["students_deleted"] += 1
    matches = _ids(db, "SELECT id FROM matches WHERE year_id = ?", [year_id])
    counts["meetings"] = db.execute(
        f"DELETE FROM meetings WHERE id IN (SELECT meeting_id FROM meeting_matches WHERE "
        f"match_id IN {_in(matches)})").rowcount
    counts["matches"] = db.execute("DELETE FROM matches WHERE year_id = ?", [year_id]).rowcount
    for table in ("nominations", "referrals", "enrollments", "attendance_summaries"):
        counts[table] = db.execute(f"DELETE FROM {table} WHERE year_id = ?",
                                   [year_id]).rowcount
    counts["attendance_days"] = db.execute(
        "DELETE FROM attendance WHERE day BETWEEN ? AND ?", [first, last]).rowcount
    counts["goal_notes"] = db.execute(
        "DELETE FROM goal_notes WHERE noted_on BETWEEN ? AND ?", [first, last]).rowcount
    # Goals finished during the year; a goal still worked on is the student's present.
    counts["goals"] = db.execute(
        "DELETE FROM goals WHERE status != 'working' AND "
        "coalesce(status_changed_on, set_on) BETWEEN ? AND ?", [first, last]).rowcount
    counts["history_lines"] = _purge_history(db, first, last)
    db.execute("UPDATE school_years SET purged_on = ? WHERE id = ?", [today, year_id])
    return counts


def _purge_history(db: sqlite_utils.Database, first: str, last: str) -> int:
    """History lines of the year's dates that are about a student, a match or a meeting."""
    keys = ("student_id", "match_id", "meeting_id", "goal_id", "nomination_id", "referral_id",
            "student")
    gone = []
    for line_id, details in db.execute(
            "SELECT id, details FROM activity WHERE substr(at, 1, 10) BETWEEN ? AND ?",
            [first, last]):
        try:
            decoded = json.loads(details or "{}")
        except ValueError:
            continue
        if isinstance(decoded, dict) and any(key in decoded for key in keys):
            gone.append(line_id)
    if gone:
        db.execute(f"DELETE FROM activity WHERE id IN {_in(gone)}")
    return len(gone)


def save_report(db: sqlite_utils.Database, year_id: int, saved_at: str, figures: dict,
                workbook: bytes | None, pdf: bytes | None) -> None:
    """Keep a year's aggregate report (its figures and files) in the data file."""
    db.execute(
        "INSERT INTO saved_reports (year_id, saved_at, figures, workbook, pdf) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(year_id) DO UPDATE SET saved_at = "
        "excluded.saved_at, figures = excluded.figures, workbook = excluded.workbook, "
        "pdf = excluded.pdf",
        [year_id, saved_at, json.dumps(figures, default=str), workbook, pdf])


def saved_report(db: sqlite_utils.Database, year_id: int) -> dict | None:
    """A purged year's kept report: ``figures`` (decoded), ``workbook`` and ``pdf`` bytes."""
    rows = list(db.query("SELECT * FROM saved_reports WHERE year_id = ?", [year_id]))
    if not rows:
        return None
    row = rows[0]
    row["figures"] = json.loads(row["figures"])
    return row


def years_holding_student_records(db: sqlite_utils.Database, ended_before: str) -> list[dict]:
    """Past years (ended before the date) not purged yet that still hold students' records."""
    return list(db.query(
        "SELECT y.* FROM school_years y WHERE y.purged_on IS NULL AND y.last_day < ? AND "
        "EXISTS (SELECT 1 FROM enrollments e WHERE e.year_id = y.id) ORDER BY y.first_day",
        [ended_before]))
