"""The activity log (Settings > History): imports, undos, archives, deletions, backups, restores."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from storage.clock import now_text


def record(db: sqlite_utils.Database, action: str, summary: str, **details: Any) -> None:
    """Add one line to the history (``action`` is a short code such as ``import`` or ``backup``)."""
    db.execute(
        "INSERT INTO activity (at, action, summary, details) VALUES (?, ?, ?, ?)",
        [now_text(), action, summary, json.dumps(details, default=str)],
    )


def recent(db: sqlite_utils.Database, limit: int = 200) -> list[dict]:
    """The newest history lines first."""
    rows = db.query(
        "SELECT id, at, action, summary, details FROM activity ORDER BY at DESC, id DESC LIMIT ?",
        [limit],
    )
    return [{**row, "details": json.loads(row["details"] or "{}")} for row in rows]
