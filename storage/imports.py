"""Import batches: one per import, kept in the history so that it can be undone."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from storage.clock import now_text


def start_batch(
    db: sqlite_utils.Database,
    kind: str,
    *,
    file_name: str = "",
    file_path: str = "",
    sheets: str = "",
    year_id: int | None = None,
    attendance_mode: str | None = None,
    covers_from: str | None = None,
    covers_through: str | None = None,
) -> int:
    """Open a batch row (inside the import's transaction); returns its id."""
    return db.execute(
        "INSERT INTO import_batches (kind, file_name, file_path, sheets, imported_at, year_id, "
        "attendance_mode, covers_from, covers_through) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [kind, file_name, file_path, sheets, now_text(), year_id, attendance_mode, covers_from,
         covers_through],
    ).lastrowid


def describe_batch(db: sqlite_utils.Database, batch_id: int, *, sheets: str,
                   year_id: int | None, attendance_mode: str | None, covers_from: str | None,
                   covers_through: str | None) -> None:
    """Record what a batch turned out to be (known once its file has been read)."""
    db.execute(
        "UPDATE import_batches SET sheets = ?, year_id = ?, attendance_mode = ?, "
        "covers_from = ?, covers_through = ? WHERE id = ?",
        [sheets, year_id, attendance_mode, covers_from, covers_through, batch_id])


def finish_batch(db: sqlite_utils.Database, batch_id: int, *, added: int, updated: int,
                 unchanged: int, skipped: int, details: dict[str, Any] | None = None) -> None:
    db.execute(
        "UPDATE import_batches SET added = ?, updated = ?, unchanged = ?, skipped = ?, "
        "details = ? WHERE id = ?",
        [added, updated, unchanged, skipped, json.dumps(details or {}, default=str), batch_id],
    )


def batch(db: sqlite_utils.Database, batch_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM import_batches WHERE id = ?", [batch_id]))
    return _decoded(rows[0]) if rows else None


def all_batches(db: sqlite_utils.Database) -> list[dict]:
    """Every import, newest first (undone ones too, marked by ``undone_at``)."""
    return [_decoded(row) for row in
            db.query("SELECT * FROM import_batches ORDER BY imported_at DESC, id DESC")]


def _decoded(row: dict) -> dict:
    row["details"] = json.loads(row["details"] or "{}")
    return row
