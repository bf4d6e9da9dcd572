"""The kinds of day a calendar file names ("Holiday", "Make-up day") and whether students are
in school on them."""

from __future__ import annotations

import sqlite_utils


def day_types(db: sqlite_utils.Database) -> dict[str, bool]:
    """Lower-cased word -> whether it is a school day."""
    return {word.lower(): bool(school)
            for word, school in db.execute("SELECT word, school FROM calendar_day_types")}


def set_day_type(db: sqlite_utils.Database, word: str, school: bool) -> None:
    """Say whether students are in school on a kind of day (adding or changing it)."""
    db.execute("INSERT INTO calendar_day_types (word, school) VALUES (?, ?) "
               "ON CONFLICT(word) DO UPDATE SET school = excluded.school",
               [word.strip(), int(school)])


def listed(db: sqlite_utils.Database) -> list[dict]:
    """Every kind of day, by word."""
    return [{"word": row["word"], "school": bool(row["school"])} for row in
            db.query("SELECT word, school FROM calendar_day_types ORDER BY word COLLATE NOCASE")]
