"""The editable lists: mentor roles and meeting topics."""

from __future__ import annotations

import sqlite_utils

from storage.errors import InvalidInput

LISTS = {"roles": "mentor_roles", "topics": "topics"}


def entries(db: sqlite_utils.Database, which: str, *, include_inactive: bool = False) -> list[dict]:
    """The list's entries in their order (``which`` is ``roles`` or ``topics``)."""
    table = LISTS[which]
    where = "" if include_inactive else "WHERE active = 1"
    return list(db.query(f"SELECT id, name, sort_order, active FROM {table} {where} "
                         "ORDER BY sort_order, name"))


def add_entry(db: sqlite_utils.Database, which: str, name: str) -> int:
    """Add a word to a list (or bring a retired one back); returns its id."""
    table = LISTS[which]
    name = name.strip()
    if not name:
        raise InvalidInput("Type a name first.")
    existing = list(db.query(f"SELECT id FROM {table} WHERE name = ?", [name]))
    if existing:
        db.execute(f"UPDATE {table} SET active = 1 WHERE id = ?", [existing[0]["id"]])
        return existing[0]["id"]
    order = db.execute(f"SELECT coalesce(max(sort_order), -1) + 1 FROM {table}").fetchone()[0]
    return db.execute(
        f"INSERT INTO {table} (name, sort_order) VALUES (?, ?)", [name, order]
    ).lastrowid


def rename_entry(db: sqlite_utils.Database, which: str, entry_id: int, name: str) -> None:
    table = LISTS[which]
    name = name.strip()
    if not name:
        raise InvalidInput("A name cannot be empty.")
    clash = list(db.query(f"SELECT id FROM {table} WHERE name = ? AND id != ?", [name, entry_id]))
    if clash:
        raise InvalidInput(f'"{name}" is already on the list.')
    db.execute(f"UPDATE {table} SET name = ? WHERE id = ?", [name, entry_id])


def retire_entry(db: sqlite_utils.Database, which: str, entry_id: int) -> None:
    """Hide a word from new choices; records that use it keep it."""
    db.execute(f"UPDATE {LISTS[which]} SET active = 0 WHERE id = ?", [entry_id])


def id_by_name(db: sqlite_utils.Database, which: str, name: str) -> int | None:
    rows = list(db.query(f"SELECT id FROM {LISTS[which]} WHERE name = ?", [name.strip()]))
    return rows[0]["id"] if rows else None
