"""Weekday x slot availability grids for students and mentors.

A grid is a set of (weekday, slot) pairs: weekday 0 is Monday, 4 is Friday; slot is one of
``SLOTS``.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

SLOTS = ("before_school", "planning", "lunch", "after_school")

_TABLES = {"student": ("student_availability", "student_id"),
           "mentor": ("mentor_availability", "mentor_id")}


def get(db: sqlite_utils.Database, owner: str, owner_id: int) -> set[tuple[int, str]]:
    """The grid of one student (``owner="student"``) or mentor."""
    table, column = _TABLES[owner]
    rows = db.execute(f"SELECT weekday, slot FROM {table} WHERE {column} = ?", [owner_id])
    return {(weekday, slot) for weekday, slot in rows}


def get_all(db: sqlite_utils.Database, owner: str) -> dict[int, set[tuple[int, str]]]:
    """Every grid of one kind, by owner id."""
    table, column = _TABLES[owner]
    grids: dict[int, set[tuple[int, str]]] = {}
    for owner_id, weekday, slot in db.execute(f"SELECT {column}, weekday, slot FROM {table}"):
        grids.setdefault(owner_id, set()).add((weekday, slot))
    return grids


def replace(
    db: sqlite_utils.Database, owner: str, owner_id: int, grid: Iterable[tuple[int, str]]
) -> None:
    """Replace one owner's grid."""
    table, column = _TABLES[owner]
    with db.atomic():
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [owner_id])
        for weekday, slot in sorted(set(grid)):
            db.execute(
                f"INSERT INTO {table} ({column}, weekday, slot) VALUES (?, ?, ?)",
                [owner_id, weekday, slot],
            )
