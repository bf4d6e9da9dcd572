"""Referrals: needs too big for a mentor, passed to a counselor, administrator, nurse, ..."""

from __future__ import annotations

import sqlite_utils

from storage.clock import day_text

KINDS = ("counselor", "administrator", "nurse", "social_worker", "other")
STATUSES = ("open", "in_progress", "resolved")


def add_referral(
    db: sqlite_utils.Database,
    student_id: int,
    year_id: int,
    kind: str,
    opened_on: str,
    need: str,
    *,
    raised_by: str = "",
    raised_by_mentor_id: int | None = None,
    meeting_id: int | None = None,
    follow_up_on: str | None = None,
) -> int:
    with db.atomic():
        referral_id = db.execute(
            "INSERT INTO referrals (student_id, year_id, raised_by, raised_by_mentor_id, kind, "
            "meeting_id, opened_on, need, follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [student_id, year_id, raised_by, raised_by_mentor_id, kind, meeting_id,
             day_text(opened_on), need, day_text(follow_up_on)],
        ).lastrowid
        add_note(db, referral_id, opened_on, "open", "Referral opened.")
    return referral_id


def set_status(db: sqlite_utils.Database, referral_id: int, status: str, on: str,
               note: str = "") -> None:
    """Move a referral along (open, in progress, resolved), keeping a dated note."""
    with db.atomic():
        resolved_on = day_text(on) if status == "resolved" else None
        db.execute(
            "UPDATE referrals SET status = ?, resolved_on = ? WHERE id = ?",
            [status, resolved_on, referral_id],
        )
        add_note(db, referral_id, on, status, note)


def set_follow_up(db: sqlite_utils.Database, referral_id: int, follow_up_on: str | None) -> None:
    """The day to check on the referral again (None: no follow-up planned)."""
    db.execute("UPDATE referrals SET follow_up_on = ? WHERE id = ?",
               [day_text(follow_up_on), referral_id])


def add_note(db: sqlite_utils.Database, referral_id: int, noted_on: str, status: str | None,
             note: str) -> int:
    return db.execute(
        "INSERT INTO referral_notes (referral_id, noted_on, status, note) VALUES (?, ?, ?, ?)",
        [referral_id, day_text(noted_on), status, note],
    ).lastrowid


_WITH_NAMES = (
    "SELECT r.*, s.local_id AS student_local_id, s.first_name AS student_first_name, "
    "s.last_name AS student_last_name, s.preferred_name AS student_preferred_name, "
    "m.first_name AS mentor_first_name, m.last_name AS mentor_last_name, "
    "m.email AS mentor_email FROM referrals r "
    "JOIN students s ON s.id = r.student_id "
    "LEFT JOIN mentors m ON m.id = r.raised_by_mentor_id "
)


def referrals_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """The year's referrals, newest first, with the student's and the raising mentor's names."""
    return list(db.query(_WITH_NAMES + "WHERE r.year_id = ? ORDER BY r.opened_on DESC, r.id DESC",
                         [year_id]))


def referral(db: sqlite_utils.Database, referral_id: int) -> dict | None:
    """One referral with the student's and the raising mentor's names, and its notes."""
    rows = list(db.query(_WITH_NAMES + "WHERE r.id = ?", [referral_id]))
    if not rows:
        return None
    found = rows[0]
    found["notes"] = notes_by_referral(db, [referral_id]).get(referral_id, [])
    return found


def notes_by_referral(db: sqlite_utils.Database, referral_ids: list[int] | None = None,
                      *, year_id: int | None = None) -> dict[int, list[dict]]:
    """Each referral's dated notes, oldest first: of the given referrals, or of a year's."""
    if year_id is not None:
        rows = db.query("SELECT n.* FROM referral_notes n JOIN referrals r ON r.id = "
                        "n.referral_id WHERE r.year_id = ? ORDER BY n.noted_on, n.id", [year_id])
    else:
        ids = list(referral_ids or [])
        marks = ", ".join("?" for _ in ids) or "NULL"
        rows = db.query(f"SELECT * FROM referral_notes WHERE referral_id IN ({marks}) "
                        "ORDER BY noted_on, id", ids)
    found: dict[int, list[dict]] = {}
    for row in rows:
        found.setdefault(row["referral_id"], []).append(row)
    return found


def referrals_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's referrals, newest first, each with its dated ``notes``."""
    referrals = list(db.query(_WITH_NAMES + "WHERE r.student_id = ? "
                              "ORDER BY r.opened_on DESC, r.id DESC", [student_id]))
    notes = notes_by_referral(db, [row["id"] for row in referrals])
    for row in referrals:
        row["notes"] = notes.get(row["id"], [])
    return referrals
