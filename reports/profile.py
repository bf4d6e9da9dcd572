"""The one-page mentee profile a mentor keeps: interests, when the student is free, the match,
goals, attendance with its weekday pattern ("misses Thursdays most"), and recent meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlite_utils

from analysis import attendance as attendance_analysis
from program.attendance import tier_for
from program.vocabulary import grade_words, person_name
from reports.formats import date_words
from reports.words import (
    GOAL_STATUSES,
    MEETING_KINDS,
    MEETING_OUTCOMES,
    TIER_WORDS,
    WEEKDAYS,
    join_words,
    time_words,
    word,
)
from storage import availability, clock, goals, matches, meetings, settings, students, years

RECENT_MEETINGS = 5
MOST_GOALS = 4
LONGEST_NOTE = 90


@dataclass(frozen=True)
class ProfileGoal:
    text: str
    status: str
    set_on: dt.date
    latest_note: str


@dataclass(frozen=True)
class ProfileMeeting:
    met_on: dt.date
    kind: str
    outcome: str
    topics: str
    notes: str


@dataclass(frozen=True)
class MenteeProfile:
    """Everything on the page, already in words."""

    school_name: str
    year_name: str
    as_of: dt.date
    name: str
    grade: int | None
    homeroom: str
    interests: list[str]
    free_times: list[str]
    mentor: str
    matched_since: dt.date | None
    usual_time: str
    absence_rate: float | None
    tier: str | None
    days_enrolled: float
    days_absent: float
    pattern: str  # "Misses Thursdays most." or why there is none
    advice: str  # "Meet on Wednesday, the school day before." or ""
    months: list[tuple[str, float | None, str | None]]  # (month, rate, tier of the month)
    goals: list[ProfileGoal] = field(default_factory=list)
    recent_meetings: list[ProfileMeeting] = field(default_factory=list)


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= LONGEST_NOTE else text[: LONGEST_NOTE - 1] + "…"


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def mentee_profile(db: sqlite_utils.Database, student_id: int, year_id: int, *,
                   as_of: dt.date | None = None) -> MenteeProfile:
    """The profile of one student in one school year, as of a date (default today)."""
    as_of = as_of or clock.today()
    student = students.student(db, student_id)
    if student is None:
        raise ValueError(f"no student {student_id}")
    year = years.year_by_id(db, year_id)
    enrollment = students.enrollment(db, student_id, year_id) or {}
    record = attendance_analysis.student_detail(db, student_id, year_id, as_of)

    year_matches = [m for m in matches.matches_of_student(db, student_id)
                    if m["year_id"] == year_id and m["started_on"] <= as_of.isoformat()]
    current = next((m for m in year_matches if not m["ended_on"]
                    or m["ended_on"] > as_of.isoformat()), None)
    shown_match = current or (year_matches[0] if year_matches else None)

    pattern, advice = _pattern_words(record)
    minimum = 1  # a month's colour only: the tier words of its own rate
    months = [(dt.date(month.year, month.month, 1).strftime("%b"), month.rate,
               tier_for(month.days_absent, month.days_enrolled, minimum))
              for month in (record.months or ())] if record else []

    goal_rows = [goal for goal in goals.goals_of(db, student_id) if goal["status"] != "set_aside"]
    goal_rows.sort(key=lambda goal: (goal["status"] != "working", goal["set_on"]), reverse=False)
    profile_goals = [ProfileGoal(_short(goal["text"]), word(GOAL_STATUSES, goal["status"]),
                                 _day(goal["set_on"]),
                                 _short(goal["notes"][-1]["note"]) if goal["notes"] else "")
                     for goal in goal_rows[:MOST_GOALS]]

    seen: set[int] = set()
    recent = []
    for row in meetings.meetings_in_year(db, year_id):  # newest first
        if row["student_id"] != student_id or row["id"] in seen \
                or row["met_on"] > as_of.isoformat():
            continue
        seen.add(row["id"])
        recent.append(ProfileMeeting(_day(row["met_on"]), word(MEETING_KINDS, row["kind"]),
                                     word(MEETING_OUTCOMES, row["outcome"]), row["topics"] or "",
                                     _short(row["notes"])))
        if len(recent) == RECENT_MEETINGS:
            break

    return MenteeProfile(
        school_name=settings.get(db, "school_name"),
        year_name=year["name"] if year else "",
        as_of=as_of,
        name=person_name(student),
        grade=enrollment.get("grade"),
        homeroom=enrollment.get("homeroom") or "",
        interests=[tag.strip() for tag in (student["interests"] or "").split(",") if tag.strip()],
        free_times=[time_words(day, slot)
                    for day, slot in sorted(availability.get(db, "student", student_id))],
        mentor=person_name(shown_match, "mentor_") if shown_match else "",
        matched_since=_day(shown_match["started_on"]) if shown_match else None,
        usual_time=(time_words(shown_match["usual_weekday"], shown_match["usual_slot"])
                    if shown_match else ""),
        absence_rate=record.absence_rate if record else None,
        tier=record.tier if record else None,
        days_enrolled=record.days_enrolled if record else 0,
        days_absent=record.days_absent if record else 0,
        pattern=pattern,
        advice=advice,
        months=months,
        goals=profile_goals,
        recent_meetings=recent,
    )


def _pattern_words(record) -> tuple[str, str]:
    """("Misses Thursdays most.", "Meet on Wednesday, the school day before.") or why not."""
    if record is None:
        return "Not enrolled this year.", ""
    if record.source == "none":
        return "No attendance has been imported for this student yet.", ""
    if record.weekdays is None:
        return "The school sent totals only, so weekdays cannot be seen.", ""
    days = record.pattern_weekdays
    if not days:
        return "No weekday stands out.", ""
    pattern = f"Misses {join_words([WEEKDAYS[day] + 's' for day in days])} most."
    advice = ""
    if record.advice is not None:  # the one advice (program.meeting_advice)
        advice = f"Meet on {WEEKDAYS[record.advice.weekday]}, the school day before."
    return pattern, advice


def profile_html(profile: MenteeProfile) -> str:
    """The page's content (the header and footer come from :mod:`reports.pdf`)."""
    from reports import html

    esc = html.esc
    facts = [grade_words(profile.grade, long=True) or "Grade not known"]
    if profile.homeroom:
        facts.append(f"homeroom {profile.homeroom}")
    parts = [f'<h1 style="margin-bottom: 0">{esc(profile.name)}</h1>',
             html.paragraph(f"{', '.join(facts)} · school year {profile.year_name} · as of "
                            f"{date_words(profile.as_of)}", muted=True)]
    match_line = "Not matched with a mentor yet."
    if profile.mentor:
        match_line = f"Mentor: {profile.mentor}"
        if profile.matched_since:
            match_line += f", since {date_words(profile.matched_since)}"
        if profile.usual_time:
            match_line += f". Usually meets {profile.usual_time}"
        match_line += "."
    rate = "not known yet"
    if profile.absence_rate is not None:
        rate = (f"{profile.absence_rate * 100:.1f}% of days missed "
                f"({profile.days_absent:g} of {profile.days_enrolled:g})")
    rows = [
        ["Interests", ", ".join(profile.interests) or "none noted yet"],
        ["Free to meet", ", ".join(profile.free_times) or "not noted yet"],
        ["Match", match_line],
        ["Attendance", f"{rate}; tier: {TIER_WORDS.get(profile.tier, 'none yet').lower()}"],
        ["Pattern", " ".join(part for part in (profile.pattern, profile.advice) if part)],
    ]
    parts.append(html.key_values(rows))
    if profile.months:
        parts.append(html.heading("Month by month", 3))
        parts.append('<p><img src="chart:months" width="430"></p>')
    parts.append(html.heading("Goals", 3))
    goals_table = html.table(["Goal", "Status", "Set", "Latest progress"],
                             [[g.text, g.status, g.set_on, g.latest_note] for g in profile.goals],
                             ["wrap", "text", "date", "wrap"], widths=[40, 11, 13, 36],
                             empty_text="No goals set yet.")
    parts.append(f'<div style="font-size: 9pt">{goals_table}</div>')
    parts.append(html.heading("Recent meetings", 3))
    meetings_table = html.table(["Date", "Kind", "Outcome", "Topics", "Notes"],
                                [[m.met_on, m.kind, m.outcome, m.topics, m.notes]
                                 for m in profile.recent_meetings],
                                ["date", "text", "text", "text", "wrap"],
                                widths=[14, 13, 11, 18, 44], empty_text="No meetings logged yet.")
    parts.append(f'<div style="font-size: 9pt">{meetings_table}</div>')
    return "".join(parts)


def profile_document(profile: MenteeProfile):
    """The profile as a printable QTextDocument on one page (Letter or A4), with its chart.

    When everything would not fit, the oldest meetings, then goals, are left off the page.
    """
    from dataclasses import replace

    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QImage

    from reports import charts
    from reports.document import new_document
    from reports.pdf import body_size_px

    images = {}
    if profile.months:
        figure = charts.student_months_chart([m[0] for m in profile.months],
                                             [m[1] for m in profile.months],
                                             [m[2] for m in profile.months],
                                             width=4.5, height=1.6)
        images["chart:months"] = QImage.fromData(charts.figure_png(figure, 300))
    page = body_size_px()
    shown = profile
    while True:
        document = new_document(profile_html(shown), title=f"Mentee profile: {profile.name}",
                                images=images)
        document.setPageSize(page)
        if document.pageCount() <= 1:
            break
        if len(shown.recent_meetings) > 1:
            shown = replace(shown, recent_meetings=shown.recent_meetings[:-1])
        elif len(shown.goals) > 1:
            shown = replace(shown, goals=shown.goals[:-1])
        else:
            break
    document.setPageSize(QSizeF())  # laid out again for the printer or the screen
    return document
