"""The printable mentor roster: each active mentor with their current mentees, the usual
meeting time of each match, and how to reach the mentor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from program.vocabulary import grade_words, person_name
from reports.formats import date_words
from reports.words import plural, time_words
from storage import availability, clock, matches, mentors, students, years

ROSTER_HEADERS = ["Mentor", "Role", "Email", "Phone", "Mentees / capacity", "Student",
                  "Grade", "Homeroom", "Usual time", "Matched since"]
ROSTER_FORMATS = ["text", "text", "text", "text", "text", "text", "text", "text", "text",
                  "date"]


@dataclass(frozen=True)
class RosterMentee:
    name: str
    grade: int | None
    homeroom: str
    usual_time: str
    since: dt.date


@dataclass(frozen=True)
class RosterMentor:
    name: str
    role: str
    email: str
    phone: str
    capacity: int
    free_times: str
    mentees: list[RosterMentee] = field(default_factory=list)


@dataclass(frozen=True)
class Roster:
    school_name: str
    year_name: str
    as_of: dt.date
    mentors: list[RosterMentor]

    @property
    def mentee_count(self) -> int:
        return sum(len(mentor.mentees) for mentor in self.mentors)


def mentor_roster(db: sqlite_utils.Database, year_id: int, *,
                  as_of: dt.date | None = None) -> Roster:
    """Every active mentor (and any inactive one still matched) with their open matches."""
    from storage import settings

    as_of = as_of or clock.today()
    year = years.year_by_id(db, year_id)
    enrolled = {row["id"]: row for row in students.students_in_year(db, year_id)}
    open_by_mentor: dict[int, list[dict]] = {}
    for match in matches.matches_in_year(db, year_id):
        started = dt.date.fromisoformat(match["started_on"])
        ended = dt.date.fromisoformat(match["ended_on"]) if match["ended_on"] else None
        if started <= as_of and (ended is None or ended > as_of):
            open_by_mentor.setdefault(match["mentor_id"], []).append(match)
    grids = availability.get_all(db, "mentor")
    roster = []
    for mentor in mentors.all_mentors(db):
        current = open_by_mentor.get(mentor["id"], [])
        if not mentor["active"] and not current:
            continue
        mentees = []
        for match in sorted(current, key=lambda m: (m["student_last_name"].lower(),
                                                    m["student_first_name"].lower())):
            enrollment = enrolled.get(match["student_id"], {})
            mentees.append(RosterMentee(
                name=person_name(match, "student_"),
                grade=enrollment.get("grade"),
                homeroom=enrollment.get("homeroom") or "",
                usual_time=time_words(match["usual_weekday"], match["usual_slot"]),
                since=dt.date.fromisoformat(match["started_on"]),
            ))
        free = sorted(grids.get(mentor["id"], set()))
        roster.append(RosterMentor(
            name=person_name(mentor),
            role=mentor["role"] or "",
            email=mentor["email"],
            phone=mentor["phone"],
            capacity=mentor["capacity"],
            free_times=", ".join(time_words(day, slot) for day, slot in free),
            mentees=mentees,
        ))
    return Roster(settings.get(db, "school_name"), year["name"] if year else "", as_of, roster)


def roster_rows(roster: Roster) -> list[list]:
    """One row per mentor and mentee (a mentor without mentees gets one row), for Excel."""
    rows = []
    for mentor in roster.mentors:
        load = f"{len(mentor.mentees)} / {mentor.capacity}"
        head = [mentor.name, mentor.role, mentor.email, mentor.phone, load]
        if not mentor.mentees:
            rows.append(head + ["", "", "", "", None])
        for mentee in mentor.mentees:
            rows.append(head + [mentee.name, grade_words(mentee.grade, long=True),
                                mentee.homeroom, mentee.usual_time, mentee.since])
    return rows


def roster_html(roster: Roster) -> str:
    """The roster's page content: a block per mentor, their mentees in a small table."""
    from reports import html

    parts = [html.heading("Mentor roster", 1),
             html.paragraph(f"{roster.school_name + ' · ' if roster.school_name else ''}"
                            f"School year {roster.year_name} · matches on "
                            f"{date_words(roster.as_of)} · "
                            f"{plural(len(roster.mentors), 'mentor')}, "
                            f"{plural(roster.mentee_count, 'mentee')}", muted=True)]
    for mentor in roster.mentors:
        contact = " · ".join(part for part in (mentor.role, mentor.email, mentor.phone) if part)
        parts.append(f'<h3 style="margin-bottom: 0">{html.esc(mentor.name)} '
                     f'<span style="font-weight: normal; color: {html.MUTED}">'
                     f"({len(mentor.mentees)} of {mentor.capacity})</span></h3>")
        if contact:
            parts.append(f'<p style="margin: 0">{html.esc(contact)}</p>')
        if mentor.free_times:
            parts.append(f'<p style="margin: 0; color: {html.MUTED}; font-size: 9pt">Free: '
                         f"{html.esc(mentor.free_times)}</p>")
        rows = [[m.name, grade_words(m.grade, long=True), m.homeroom,
                 m.usual_time, m.since] for m in mentor.mentees]
        parts.append(html.table(["Student", "Grade", "Homeroom", "Usual time", "Since"], rows,
                                ["text", "text", "text", "text", "date"],
                                widths=[34, 14, 14, 22, 16], empty_text="No mentees yet."))
    return "".join(parts)


def roster_document(roster: Roster):
    """The roster as a printable QTextDocument (for :func:`reports.pdf.save_pdf`)."""
    from reports.document import new_document

    return new_document(roster_html(roster), title="Mentor roster")


def export_roster(roster: Roster, path: Path | str) -> Path:
    """The roster as a one-table Excel workbook (one row per mentor and mentee)."""
    from reports.list_export import export_table

    subtitle = " · ".join(part for part in (
        roster.school_name, f"School year {roster.year_name}",
        f"matches on {date_words(roster.as_of)}",
        f"{plural(len(roster.mentors), 'mentor')}, {plural(roster.mentee_count, 'mentee')}")
        if part)
    return export_table(path, "Mentor roster", ROSTER_HEADERS, roster_rows(roster),
                        ROSTER_FORMATS, school_name=roster.school_name, subtitle=subtitle)
