"""What each import changed, so the whole batch can be undone, and the undo itself.

Every row an import adds, changes or removes is written to ``import_changes`` with the values it
had before. Attendance rows an import adds carry its ``batch_id`` and are removed in one
statement, not one change row each (a year of daily attendance is hundreds of thousands).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import sqlite_utils

from storage import history
from storage.clock import now_text

# Tables whose rows carry the batch that added them.
_TABLES_WITH_BATCH = ("students", "enrollments", "nominations", "mentors", "matches", "meetings",
                      "attendance", "attendance_summaries", "non_school_days",
                      "survey_responses")
# Lists an import may add words to; a word still in use by someone else's record stays.
_LOOKUP_USES = {
    "mentor_roles": "SELECT 1 FROM mentors WHERE role_id = ?",
    "topics": "SELECT 1 FROM meeting_topics WHERE topic_id = ?",
}


class ChangeLog:
    """Collects one batch's changes and writes them to ``import_changes`` in bulk."""

    def __init__(self, db: sqlite_utils.Database, batch_id: int) -> None:
        self.db = db
        self.batch_id = batch_id
        self._pending: list[tuple[int, str, str, str, str | None]] = []

    def inserted(self, table: str, key: dict[str, Any]) -> None:
        """A row this import added (undo removes it)."""
        self._pending.append((self.batch_id, table, _key_text(key), "insert", None))

    def updated(self, table: str, key: dict[str, Any], old_values: dict[str, Any]) -> None:
        """A row this import changed; ``old_values`` holds the changed columns as they were."""
        self._pending.append((self.batch_id, table, _key_text(key), "update",
                              json.dumps(old_values, default=str)))

    def deleted(self, table: str, key: dict[str, Any], old_row: dict[str, Any]) -> None:
        """A row this import removed; ``old_row`` is the whole row, to put it back."""
        self._pending.append((self.batch_id, table, _key_text(key), "delete",
                              json.dumps(old_row, default=str)))

    def flush(self) -> None:
        if self._pending:
            self.db.conn.executemany(
                "INSERT INTO import_changes (batch_id, table_name, row_key, action, old_values) "
                "VALUES (?, ?, ?, ?, ?)",
                self._pending,
            )
            self._pending.clear()


def _key_text(key: dict[str, Any]) -> str:
    return json.dumps(key, sort_keys=True, default=str)


def changes_of(db: sqlite_utils.Database, batch_id: int) -> list[dict]:
    """The batch's change rows, oldest first, with key and old values decoded."""
    rows = db.execute(
        "SELECT id, table_name, row_key, action, old_values FROM import_changes "
        "WHERE batch_id = ? ORDER BY id", [batch_id]
    ).fetchall()
    return [
        {"id": row[0], "table": row[1], "key": json.loads(row[2]), "action": row[3],
         "old": json.loads(row[4]) if row[4] else None}
        for row in rows
    ]


def row_as_dict(db: sqlite_utils.Database, table: str, key: dict[str, Any]) -> dict | None:
    """One whole row by its key (for saving it before an import changes or removes it)."""
    where = " AND ".join(f"[{column}] = ?" for column in key)
    rows = list(db.query(f"SELECT * FROM [{table}] WHERE {where}", list(key.values())))
    return rows[0] if rows else None


def _inserted_ids(db: sqlite_utils.Database, batch_id: int, table: str) -> list[int]:
    return [
        json.loads(key)["id"]
        for (key,) in db.execute(
            "SELECT row_key FROM import_changes WHERE batch_id = ? AND table_name = ? "
            "AND action = 'insert'", [batch_id, table])
    ]


def _temp_ids(db: sqlite_utils.Database, name: str, ids: list[int]) -> str:
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} (id INTEGER PRIMARY KEY)")
    db.execute(f"DELETE FROM {name}")
    db.conn.executemany(f"INSERT OR IGNORE INTO {name} (id) VALUES (?)", [(i,) for i in ids])
    return name


def undo_consequences(db: sqlite_utils.Database, batch_id: int) -> dict[str, int]:
    """Later work that undoing the batch would take with it, counted by kind (zeros left out).

    Records the batch added that other work now hangs on: matches made for an imported
    student or mentor, meetings logged for them, goals and referrals, attendance from other
    imports, mentors' training sign-ins.
    """
    students = _temp_ids(db, "undo_students", _inserted_ids(db, batch_id, "students"))
    mentors = _temp_ids(db, "undo_mentors", _inserted_ids(db, batch_id, "mentors"))
    matches = _temp_ids(db, "undo_matches", _inserted_ids(db, batch_id, "matches"))
    counts = {
        "matches": _count(db, f"SELECT count(*) FROM matches WHERE (student_id IN {students} "
                              f"OR mentor_id IN {mentors}) AND coalesce(batch_id, -1) != ?",
                          batch_id),
        "meetings": _count(db, "SELECT count(*) FROM meetings g WHERE coalesce(g.batch_id, -1) "
                               f"!= ? AND (g.mentor_id IN {mentors} OR EXISTS (SELECT 1 FROM "
                               "meeting_matches mm JOIN matches x ON x.id = mm.match_id WHERE "
                               f"mm.meeting_id = g.id AND (x.id IN {matches} OR x.student_id "
                               f"IN {students})))", batch_id),
        "nominations": _count(db, f"SELECT count(*) FROM nominations WHERE student_id IN "
                                  f"{students} AND coalesce(batch_id, -1) != ?", batch_id),
        "goals": _count(db, f"SELECT count(*) FROM goals WHERE student_id IN {students}"),
        "referrals": _count(db, f"SELECT count(*) FROM referrals WHERE student_id IN {students}"),
        "attendance_days": _count(db, f"SELECT count(*) FROM attendance WHERE student_id IN "
                                      f"{students} AND coalesce(batch_id, -1) != ?", batch_id),
        "attendance_summaries": _count(db, "SELECT count(*) FROM attendance_summaries WHERE "
                                           f"student_id IN {students} AND "
                                           "coalesce(batch_id, -1) != ?", batch_id),
        "training_sign_ins": _count(db, "SELECT count(*) FROM training_attendance WHERE "
                                        f"mentor_id IN {mentors}"),
    }
    return {name: count for name, count in counts.items() if count}


def later_changes(db: sqlite_utils.Database, batch_id: int) -> list[dict]:
    """Later imports (not undone) that changed records this batch added, changed or removed:
    undoing this batch puts those records back as they were before it, throwing the later
    changes away. Oldest first. (Attendance rows this batch added in bulk are not in its log:
    a later import that changed one made it its own, and it stays.)"""
    return list(db.query(
        "SELECT id, kind, file_name, imported_at FROM import_batches WHERE id IN ("
        "SELECT later.batch_id FROM import_changes later JOIN import_changes mine "
        "ON mine.table_name = later.table_name AND mine.row_key = later.row_key "
        "WHERE mine.batch_id = :batch AND later.batch_id > :batch) "
        "AND undone_at IS NULL ORDER BY id", {"batch": batch_id}))


def _count(db: sqlite_utils.Database, sql: str, *params: Any) -> int:
    return db.execute(sql, list(params)).fetchone()[0]


def undo_batch(db: sqlite_utils.Database, batch_id: int) -> dict[str, int]:
    """Undo one import in the caller's transaction: added rows go, changed rows come back.

    Later work that hangs on an added student, mentor or match goes too (see
    :func:`undo_consequences`; the caller asks first). Returns counts of what was undone.
    """
    undone_batches = {row[0] for row in db.execute(
        "SELECT id FROM import_batches WHERE undone_at IS NOT NULL")}
    counts = {"removed": 0, "restored": 0}
    students = _temp_ids(db, "undo_students", _inserted_ids(db, batch_id, "students"))
    mentors = _temp_ids(db, "undo_mentors", _inserted_ids(db, batch_id, "mentors"))
    matches = _temp_ids(db, "undo_matches", _inserted_ids(db, batch_id, "matches"))
    # Matches and meetings do not vanish with their student or mentor: remove them first.
    db.execute(
        f"INSERT OR IGNORE INTO {matches} (id) SELECT id FROM matches "
        f"WHERE student_id IN {students} OR mentor_id IN {mentors}")
    db.execute(
        "DELETE FROM meetings WHERE mentor_id IN undo_mentors OR id IN (SELECT mm.meeting_id "
        f"FROM meeting_matches mm WHERE mm.match_id IN {matches}) AND NOT EXISTS (SELECT 1 "
        "FROM meeting_matches other WHERE other.meeting_id = meetings.id AND other.match_id "
        f"NOT IN {matches})")
    db.execute(f"DELETE FROM matches WHERE id IN {matches}")
    counts["removed"] += db.execute(
        "DELETE FROM attendance WHERE batch_id = ?", [batch_id]).rowcount
    for change in reversed(changes_of(db, batch_id)):
        table, key, old = change["table"], change["key"], change["old"]
        where = " AND ".join(f"[{column}] = ?" for column in key)
        if change["action"] == "insert":
            if table in _LOOKUP_USES and db.execute(
                    _LOOKUP_USES[table], [key["id"]]).fetchone():
                continue
            counts["removed"] += db.execute(
                f"DELETE FROM [{table}] WHERE {where}", list(key.values())).rowcount
        elif change["action"] == "update":
            if table == "attendance":  # saved whole: put back as it was
                counts["restored"] += _put_back(db, table, old, undone_batches)
                continue
            assignments = ", ".join(f"[{column}] = ?" for column in old)
            counts["restored"] += db.execute(
                f"UPDATE [{table}] SET {assignments} WHERE {where}",
                [*old.values(), *key.values()]).rowcount
        else:
            counts["restored"] += _put_back(db, table, old, undone_batches)
    # What the undo put back is a change of today: the dated history keeps both (earlier
    # reports stay as they were; storage/history.py).
    for change in changes_of(db, batch_id):
        if change["action"] != "insert" and change["table"] == "mentors":
            history.record_mentor(db, change["key"]["id"])
        elif change["action"] != "insert" and change["table"] == "students":
            history.record_student(db, change["key"]["id"])
    db.execute("DELETE FROM attendance_coverage WHERE batch_id = ?", [batch_id])
    db.execute("UPDATE import_batches SET undone_at = ? WHERE id = ?", [now_text(), batch_id])
    return counts


def _put_back(db: sqlite_utils.Database, table: str, row: dict, undone: set[int]) -> int:
    """Restore a removed row, unless it came from an import that was itself undone since."""
    if table in _TABLES_WITH_BATCH and row.get("batch_id") in undone:
        return 0
    columns = ", ".join(f"[{column}]" for column in row)
    marks = ", ".join("?" for _ in row)
    try:
        return db.execute(f"INSERT OR REPLACE INTO [{table}] ({columns}) VALUES ({marks})",
                          list(row.values())).rowcount
    except sqlite3.IntegrityError:
        # What it belonged to is gone (a student removed since): nothing to put back.
        return 0
