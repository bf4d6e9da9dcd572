"""Mentors: staff volunteers, their screening, capacity and availability."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils

from storage import history
from storage.clock import day_text, now_text

MENTOR_FIELDS = (
    "first_name", "last_name", "role_id", "email", "phone", "interests", "capacity",
    "background_check_on", "background_check_expires", "agreement_signed",
    "agreement_signed_on", "active", "notes",
)
_DATE_FIELDS = {"background_check_on", "background_check_expires", "agreement_signed_on"}


def _prepared(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(MENTOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown mentor fields: {sorted(unknown)}")
    prepared = dict(values)
    for field in _DATE_FIELDS & set(prepared):
        prepared[field] = day_text(prepared[field])
    for field in ("agreement_signed", "active"):
        if field in prepared:
            prepared[field] = int(bool(prepared[field]))
    return prepared


def add_mentor(db: sqlite_utils.Database, *, batch_id: int | None = None,
               known_from: dt.date | str | None = None, **values: Any) -> int:
    """Add a mentor; returns the new id. Their active state, role and screening are recorded
    as holding from ``known_from`` (default today; see :mod:`storage.history`)."""
    prepared = _prepared(values)
    prepared.setdefault("capacity", 2)
    columns = list(prepared) + ["created_at", "batch_id"]
    mentor_id = db.execute(
        f"INSERT INTO mentors ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [*prepared.values(), now_text(), batch_id],
    ).lastrowid
    history.record_mentor(db, mentor_id, known_from)
    return mentor_id


def update_mentor(db: sqlite_utils.Database, mentor_id: int, **changes: Any) -> None:
    """Change a mentor's fields; a change to their active state, role or screening is recorded
    from today, so earlier reports keep what was true then."""
    prepared = _prepared(changes)
    if not prepared:
        return
    assignments = ", ".join(f"{field} = ?" for field in prepared)
    db.execute(f"UPDATE mentors SET {assignments} WHERE id = ?", [*prepared.values(), mentor_id])
    if set(prepared) & set(history.MENTOR_STATE):
        history.record_mentor(db, mentor_id)


def mentor(db: sqlite_utils.Database, mentor_id: int) -> dict | None:
    rows = list(
        db.query(
            "SELECT m.*, r.name AS role FROM mentors m "
            "LEFT JOIN mentor_roles r ON r.id = m.role_id WHERE m.id = ?",
            [mentor_id],
        )
    )
    return rows[0] if rows else None


def all_mentors(db: sqlite_utils.Database, *, active_only: bool = False) -> list[dict]:
    """Mentors by name, with their role's name."""
    where = "WHERE m.active = 1" if active_only else ""
    return list(
        db.query(
            "SELECT m.*, r.name AS role FROM mentors m "
            f"LEFT JOIN mentor_roles r ON r.id = m.role_id {where} "
            "ORDER BY m.last_name COLLATE NOCASE, m.first_name COLLATE NOCASE, m.id"
        )
    )


def mentors_by_email(db: sqlite_utils.Database, email: str) -> list[dict]:
    return list(db.query("SELECT * FROM mentors WHERE email = ? COLLATE NOCASE", [email.strip()]))


def mentors_by_name(db: sqlite_utils.Database, first_name: str, last_name: str) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM mentors WHERE first_name = ? COLLATE NOCASE "
            "AND last_name = ? COLLATE NOCASE",
            [first_name.strip(), last_name.strip()],
        )
    )


def has_history(db: sqlite_utils.Database, mentor_id: int) -> bool:
    """True when the mentor has had a match or logged a meeting (so is part of the record)."""
    return db.execute(
        "SELECT EXISTS (SELECT 1 FROM matches WHERE mentor_id = ?) "
        "OR EXISTS (SELECT 1 FROM meetings WHERE mentor_id = ?)",
        [mentor_id, mentor_id]).fetchone()[0] == 1


def delete_mentor(db: sqlite_utils.Database, mentor_id: int) -> None:
    """Delete a mentor with no matches or meetings (their availability and sign-ins go too)."""
    db.execute("DELETE FROM mentors WHERE id = ?", [mentor_id])
