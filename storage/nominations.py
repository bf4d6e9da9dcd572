"""Teachers' nominations of students for the program, with their reasons."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.clock import day_text

REASONS = ("attendance", "behavior", "academics", "social_emotional", "other")
STATUSES = ("new", "accepted", "waitlisted", "declined")


def add_nomination(
    db: sqlite_utils.Database,
    student_id: int,
    year_id: int,
    *,
    nominated_by: str = "",
    nominated_on: str | None = None,
    reasons: Iterable[str] = (),
    notes: str = "",
    status: str = "new",
    batch_id: int | None = None,
) -> int:
    """Record a nomination; returns its id."""
    with db.atomic():
        nomination_id = db.execute(
            "INSERT INTO nominations (student_id, year_id, nominated_by, nominated_on, notes, "
            "status, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [student_id, year_id, nominated_by, day_text(nominated_on), notes, status, batch_id],
        ).lastrowid
        set_reasons(db, nomination_id, reasons)
    return nomination_id


def set_reasons(db: sqlite_utils.Database, nomination_id: int, reasons: Iterable[str]) -> None:
    db.execute("DELETE FROM nomination_reasons WHERE nomination_id = ?", [nomination_id])
    for reason in sorted(set(reasons)):
        db.execute(
            "INSERT INTO nomination_reasons (nomination_id, reason) VALUES (?, ?)",
            [nomination_id, reason],
        )


def set_status(db: sqlite_utils.Database, nomination_id: int, status: str) -> None:
    db.execute("UPDATE nominations SET status = ? WHERE id = ?", [status, nomination_id])


def update_nomination(db: sqlite_utils.Database, nomination_id: int, **changes) -> None:
    allowed = {"nominated_by", "nominated_on", "notes", "status"}
    unknown = set(changes) - allowed - {"reasons"}
    if unknown:
        raise TypeError(f"unknown nomination fields: {sorted(unknown)}")
    reasons = changes.pop("reasons", None)
    with db.atomic():
        if "nominated_on" in changes:
            changes["nominated_on"] = day_text(changes["nominated_on"])
        if changes:
            assignments = ", ".join(f"{field} = ?" for field in changes)
            db.execute(
                f"UPDATE nominations SET {assignments} WHERE id = ?",
                [*changes.values(), nomination_id],
            )
        if reasons is not None:
            set_reasons(db, nomination_id, reasons)


def nominations_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """Every nomination of the year, each with its ``reasons`` as a sorted list."""
    rows = list(
        db.query(
            "SELECT n.*, group_concat(r.reason) AS reason_list FROM nominations n "
            "LEFT JOIN nomination_reasons r ON r.nomination_id = n.id "
            "WHERE n.year_id = ? GROUP BY n.id ORDER BY n.nominated_on, n.id",
            [year_id],
        )
    )
    return [_with_reasons(row) for row in rows]


def carry_nomination(db: sqlite_utils.Database, old: dict, year_id: int) -> int:
    """An open nomination carried into a new school year as it is (status, reasons, notes)."""
    return add_nomination(db, old["student_id"], year_id, nominated_by=old["nominated_by"],
                          nominated_on=old["nominated_on"], reasons=old["reasons"],
                          notes=old["notes"], status=old["status"])


def nominations_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    rows = list(
        db.query(
            "SELECT n.*, y.name AS year_name, group_concat(r.reason) AS reason_list "
            "FROM nominations n JOIN school_years y ON y.id = n.year_id "
            "LEFT JOIN nomination_reasons r ON r.nomination_id = n.id "
            "WHERE n.student_id = ? GROUP BY n.id ORDER BY n.nominated_on DESC, n.id DESC",
            [student_id],
        )
    )
    return [_with_reasons(row) for row in rows]


def _with_reasons(row: dict) -> dict:
    reason_list = row.pop("reason_list")
    row["reasons"] = sorted(reason_list.split(",")) if reason_list else []
    return row


def accept_open_nominations(db: sqlite_utils.Database, student_id: int,
                            year_id: int) -> list[tuple[int, str]]:
    """Matching a student accepts their nominations of that year still new or waitlisted (the
    one place this rule lives: the match dialog, Suggest matches and the matches import all
    come here). Returns each accepted nomination's id and the status it had."""
    accepted = db.execute(
        "SELECT id, status FROM nominations WHERE student_id = ? AND year_id = ? "
        "AND status IN ('new', 'waitlisted') ORDER BY id", [student_id, year_id]).fetchall()
    db.execute(
        "UPDATE nominations SET status = 'accepted' WHERE student_id = ? AND year_id = ? "
        "AND status IN ('new', 'waitlisted')", [student_id, year_id])
    return [(nomination_id, status) for nomination_id, status in accepted]


def nomination(db: sqlite_utils.Database, nomination_id: int) -> dict | None:
    """One nomination with its reasons, or None."""
    rows = list(db.query(
        "SELECT n.*, group_concat(r.reason) AS reason_list FROM nominations n "
        "LEFT JOIN nomination_reasons r ON r.nomination_id = n.id WHERE n.id = ? GROUP BY n.id",
        [nomination_id]))
    return _with_reasons(rows[0]) if rows else None
