"""Whole-file operations: is it empty, and emptying it (for ``demo --force``)."""

from __future__ import annotations

import sqlite_utils

from storage import settings
from storage.migrations import seed_lists


def holds_data(db: sqlite_utils.Database) -> bool:
    """True when the file has any school year, student or mentor."""
    return any(
        db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        for table in ("school_years", "students", "mentors")
    )


def empty_file(db: sqlite_utils.Database) -> None:
    """Remove every record (the layout stays), then put the default lists and settings back
    (call inside a transaction)."""
    tables = [
        row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != '_sqlite_migrations'"
        )
    ]
    # Inside the caller's transaction: emptying and refilling commit together or not at all.
    db.execute("PRAGMA defer_foreign_keys = ON")
    for table in tables:
        db.execute(f"DELETE FROM [{table}]")
    seed_lists(db)
    settings.fill_missing(db)


def is_demo_file(db: sqlite_utils.Database) -> bool:
    """True when the file was made as the demo school (its history says so)."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM activity WHERE action = 'demo')"
                      ).fetchone()[0] == 1
