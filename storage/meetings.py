"""Meetings between a mentor and one or more of their mentees, with topics."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from storage.clock import day_text, now_text

KINDS = ("one_to_one", "group", "activity", "family_contact", "absent_day_checkin")
OUTCOMES = ("held", "student_absent", "cancelled")


def add_meeting(
    db: sqlite_utils.Database,
    mentor_id: int,
    match_ids: Iterable[int],
    met_on: str,
    *,
    slot: str | None = None,
    minutes: int | None = None,
    kind: str = "one_to_one",
    outcome: str = "held",
    notes: str = "",
    topic_ids: Iterable[int] = (),
    batch_id: int | None = None,
) -> int:
    """Log one meeting for one match, or for several matches of the same mentor (a group)."""
    match_ids = list(match_ids)
    if not match_ids:
        raise ValueError("a meeting belongs to at least one match")
    with db.atomic():
        meeting_id = db.execute(
            "INSERT INTO meetings (mentor_id, met_on, slot, minutes, kind, outcome, notes, "
            "created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [mentor_id, day_text(met_on), slot, minutes, kind, outcome, notes, now_text(),
             batch_id],
        ).lastrowid
        for match_id in match_ids:
            db.execute(
                "INSERT INTO meeting_matches (meeting_id, match_id) VALUES (?, ?)",
                [meeting_id, match_id],
            )
        set_topics(db, meeting_id, topic_ids)
    return meeting_id


def set_topics(db: sqlite_utils.Database, meeting_id: int, topic_ids: Iterable[int]) -> None:
    db.execute("DELETE FROM meeting_topics WHERE meeting_id = ?", [meeting_id])
    for topic_id in sorted(set(topic_ids)):
        db.execute(
            "INSERT INTO meeting_topics (meeting_id, topic_id) VALUES (?, ?)",
            [meeting_id, topic_id],
        )


def update_meeting(db: sqlite_utils.Database, meeting_id: int, **changes) -> None:
    allowed = {"met_on", "slot", "minutes", "kind", "outcome", "notes"}
    topic_ids = changes.pop("topic_ids", None)
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    with db.atomic():
        if "met_on" in changes:
            changes["met_on"] = day_text(changes["met_on"])
        if changes:
            assignments = ", ".join(f"{field} = ?" for field in changes)
            db.execute(
                f"UPDATE meetings SET {assignments} WHERE id = ?", [*changes.values(), meeting_id]
            )
        if topic_ids is not None:
            set_topics(db, meeting_id, topic_ids)


def delete_meeting(db: sqlite_utils.Database, meeting_id: int) -> dict:
    """Delete a meeting and return everything needed to put it back (:func:`restore_meeting`)."""
    with db.atomic():
        saved = meeting(db, meeting_id)
        if saved is None:
            raise ValueError(f"no meeting {meeting_id}")
        saved["goal_note_ids"] = [
            row[0] for row in db.execute("SELECT id FROM goal_notes WHERE meeting_id = ?",
                                         [meeting_id])
        ]
        db.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
    return saved


def restore_meeting(db: sqlite_utils.Database, saved: dict) -> int:
    """Undo :func:`delete_meeting`: the meeting comes back with its id, matches and topics."""
    with db.atomic():
        db.execute(
            "INSERT INTO meetings (id, mentor_id, met_on, slot, minutes, kind, outcome, notes, "
            "created_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [saved["id"], saved["mentor_id"], saved["met_on"], saved["slot"], saved["minutes"],
             saved["kind"], saved["outcome"], saved["notes"], saved["created_at"],
             saved["batch_id"]],
        )
        for match_id in saved["match_ids"]:
            db.execute("INSERT INTO meeting_matches (meeting_id, match_id) VALUES (?, ?)",
                       [saved["id"], match_id])
        set_topics(db, saved["id"], saved["topic_ids"])
        for note_id in saved.get("goal_note_ids", []):
            db.execute("UPDATE goal_notes SET meeting_id = ? WHERE id = ?", [saved["id"], note_id])
    return saved["id"]


def meeting(db: sqlite_utils.Database, meeting_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM meetings WHERE id = ?", [meeting_id]))
    if not rows:
        return None
    row = rows[0]
    row["match_ids"] = [r[0] for r in db.execute(
        "SELECT match_id FROM meeting_matches WHERE meeting_id = ? ORDER BY match_id",
        [meeting_id])]
    row["topic_ids"] = [r[0] for r in db.execute(
        "SELECT topic_id FROM meeting_topics WHERE meeting_id = ? ORDER BY topic_id",
        [meeting_id])]
    return row


def meetings_in_year(db: sqlite_utils.Database, year_id: int) -> list[dict]:
    """One row per meeting and match of the year (a group meeting gives a row per mentee),
    with names and the meeting's topics as a comma list."""
    return list(
        db.query(
            "SELECT g.*, mm.match_id, x.student_id, s.local_id AS student_local_id, "
            "s.first_name AS student_first_name, s.last_name AS student_last_name, "
            "s.preferred_name AS student_preferred_name, "
            "m.first_name AS mentor_first_name, m.last_name AS mentor_last_name, "
            "(SELECT group_concat(t.name, ', ') FROM meeting_topics mt "
            " JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = g.id) AS topics "
            "FROM meetings g JOIN meeting_matches mm ON mm.meeting_id = g.id "
            "JOIN matches x ON x.id = mm.match_id JOIN students s ON s.id = x.student_id "
            "JOIN mentors m ON m.id = g.mentor_id "
            "WHERE x.year_id = ? ORDER BY g.met_on DESC, g.id DESC",
            [year_id],
        )
    )


def meeting_dates_by_match(db: sqlite_utils.Database, year_id: int) -> dict[int, list[dict]]:
    """For the rhythm rules: each match's meetings (id, date, outcome, kind), oldest first.

    A group meeting appears under each of its matches, with the same id."""
    by_match: dict[int, list[dict]] = {}
    for match_id, meeting_id, met_on, outcome, kind in db.execute(
        "SELECT mm.match_id, g.id, g.met_on, g.outcome, g.kind FROM meetings g "
        "JOIN meeting_matches mm ON mm.meeting_id = g.id JOIN matches x ON x.id = mm.match_id "
        "WHERE x.year_id = ? ORDER BY g.met_on, g.id",
        [year_id],
    ):
        by_match.setdefault(match_id, []).append(
            {"id": meeting_id, "met_on": met_on, "outcome": outcome, "kind": kind})
    return by_match


def last_held_by_student(db: sqlite_utils.Database, year_id: int) -> dict[int, str]:
    """Each student's latest held meeting date in a year (students with none are left out)."""
    return dict(
        db.execute(
            "SELECT x.student_id, max(g.met_on) FROM meetings g "
            "JOIN meeting_matches mm ON mm.meeting_id = g.id JOIN matches x ON x.id = mm.match_id "
            "WHERE x.year_id = ? AND g.outcome = 'held' GROUP BY x.student_id",
            [year_id],
        ).fetchall()
    )


def meetings_of_student(db: sqlite_utils.Database, student_id: int) -> list[dict]:
    """A student's meetings, every year, newest first, with the mentor's name and the topics."""
    return list(
        db.query(
            "SELECT g.*, mm.match_id, x.year_id, m.first_name AS mentor_first_name, "
            "m.last_name AS mentor_last_name, "
            "(SELECT group_concat(t.name, ', ') FROM meeting_topics mt "
            " JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = g.id) AS topics, "
            "(SELECT count(*) FROM meeting_matches o WHERE o.meeting_id = g.id) AS mentees "
            "FROM meetings g JOIN meeting_matches mm ON mm.meeting_id = g.id "
            "JOIN matches x ON x.id = mm.match_id JOIN mentors m ON m.id = g.mentor_id "
            "WHERE x.student_id = ? ORDER BY g.met_on DESC, g.id DESC",
            [student_id],
        )
    )


def meetings_of_match(db: sqlite_utils.Database, match_id: int) -> list[dict]:
    """One match's meetings, newest first, with the topics and how many students were there."""
    return list(
        db.query(
            "SELECT g.*, "
            "(SELECT group_concat(t.name, ', ') FROM meeting_topics mt "
            " JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = g.id) AS topics, "
            "(SELECT count(*) FROM meeting_matches o WHERE o.meeting_id = g.id) AS mentees "
            "FROM meetings g JOIN meeting_matches mm ON mm.meeting_id = g.id "
            "WHERE mm.match_id = ? ORDER BY g.met_on DESC, g.id DESC",
            [match_id],
        )
    )
