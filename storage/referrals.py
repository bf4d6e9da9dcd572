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
    db.execute("UPDATE referrals SET follow_up_on = ? WHERE id = ?",
               [day_text(follow_up_on), referral_id])


def add_note(db: sqlite_utils.Database, referral_id: int, noted_on: str, status: str | None,
             note: str) -> int:
    return db.execute(
        "INSERT INTO referral_notes (referral_id, noted_on, status, note) VALUES (?, ?, ?, ?)",
        [referral_id, day_text(noted_on), status, note],
    ).lastrowid


def referrals_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT r.*, s.local_id AS student_local_id, s.first_name AS student_first_name, "
            "s.last_name AS student_last_name FROM referrals r "
            "JOIN students s ON s.id = r.student_id WHERE r.year_id = ? "
            "ORDER BY r.opened_on DESC, r.id DESC",
            [year_id],
        )
    )


def referrals_of(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    referrals = list(
        db.query("SELECT * FROM referrals WHERE student_id = ? ORDER BY opened_on DESC, id DESC",
                 [student_id])
    )
    for referral in referrals:
        referral["notes"] = list(
            db.query("SELECT * FROM referral_notes WHERE referral_id = ? ORDER BY noted_on, id",
                     [referral["id"]])
        )
    return referrals
