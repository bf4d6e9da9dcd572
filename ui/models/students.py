"""The students list: one row per student enrolled in the year on screen."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from program.attendance import TIERS as TIER_ORDER
from program.vocabulary import NOMINATION_REASONS, TIER_EXPLANATIONS, label, tier_words
from program.waiting import is_waiting
from storage import clock, matches, meetings, nominations, students
from ui.models.table import Column, RowsModel
from ui.style import tier_colours
from ui.words import day_words, grade_words, percent, student_name

# Attendance and the teachers' concern come first: they are what a facilitator scans for, and
# they stay in view beside the student's details on a 1440-wide screen; the last meeting and
# the homeroom follow (the Matches screen and the student's details show them too).
NAME, ID, GRADE, MENTOR, RATE, TIER, REASONS, LAST_MEETING, HOMEROOM = range(9)

# Who a student is, in the "mentor" filter.
MATCHED, UNMATCHED, WAITING = "matched", "unmatched", "waiting"


def fold(text: str) -> str:
    """Text for finding: no accents, no case ("Peña" is found by "pena")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def load_rows(db: sqlite_utils.Database, year_id: int,
              as_of: dt.date | None = None, *, attendance: bool = True) -> list[dict]:
    """Every student of the year with what the list shows (reads only; any thread).

    Attendance (rate, tier, early warning) is the attendance rules' own, as of ``as_of``. It
    takes most of the time (a year of days for every student): with ``attendance=False`` the
    rows come without it (``attendance_pending``), for a list that shows names first.
    """
    rows = students.students_in_year(db, year_id)
    records = {}
    if attendance:
        from analysis import attendance as attendance_figures

        records = attendance_figures.by_student(
            attendance_figures.year_attendance(db, year_id, as_of))
    current: dict[int, dict] = {}
    for match in matches.matches_in_year(db, year_id):
        if match["ended_on"] is None:
            current[match["student_id"]] = match
    reasons: dict[int, set[str]] = {}
    nominated: dict[int, str] = {}
    statuses: dict[int, list[str]] = {}
    for nomination in nominations.nominations_in_year(db, year_id):
        student_id = nomination["student_id"]
        reasons.setdefault(student_id, set()).update(nomination["reasons"])
        statuses.setdefault(student_id, []).append(nomination["status"])
        # The most hopeful status wins when a student was nominated twice.
        if nomination["status"] != "declined" or student_id not in nominated:
            nominated[student_id] = nomination["status"]
    last_held = meetings.last_held_by_student(db, year_id)
    for row in rows:
        match = current.get(row["id"])
        row["match_id"] = match["id"] if match else None
        row["mentor_id"] = match["mentor_id"] if match else None
        row["mentor_name"] = (f"{match['mentor_first_name']} {match['mentor_last_name']}"
                              if match else "")
        row["reasons"] = sorted(reasons.get(row["id"], ()))
        row["nomination_status"] = nominated.get(row["id"])
        row["waiting"] = is_waiting(statuses.get(row["id"], ()), matched_now=match is not None,
                                    archived=bool(row.get("archived")),
                                    exit_date=row.get("exit_date"), on=as_of or clock.today())
        row["last_meeting"] = last_held.get(row["id"])
        record = records.get(row["id"])
        has_data = record is not None and record.source != "none"
        row["absence_rate"] = record.absence_rate if has_data else None
        row["tier"] = record.tier if has_data else None
        row["rated"] = has_data  # attendance known; tier None then means "too few days"
        row["early_warning"] = bool(has_data and record.early_warning is not None)
        row["pattern_weekdays"] = record.pattern_weekdays if has_data else ()
        row["attendance_pending"] = not attendance
        row["search_text"] = fold(" ".join(str(row.get(key) or "") for key in (
            "first_name", "last_name", "preferred_name", "local_id", "homeroom")))
    return rows


def waiting(row: dict) -> bool:
    """Waiting for a mentor (program.waiting's one definition, worked out when loaded)."""
    return row["waiting"]


class StudentsModel(RowsModel):
    """Students of the year: name, ID, grade, homeroom, mentor, attendance, meetings, concerns."""

    COLUMNS = (
        Column("name", "Name", "Last name, first name (preferred name)"),
        Column("local_id", "ID", "The school's student ID"),
        Column("grade", "Grade", "Grade this school year", numeric=True),
        Column("mentor_name", "Mentor", "The student's mentor now (empty: not matched)"),
        Column("absence_rate", "Absent", "Share of enrolled school days missed this year",
               numeric=True),
        Column("tier", "Attendance", "Attendance tier: satisfactory, at risk, moderate or severe "
               "(moderate and severe are chronic absence), or an early warning"),
        Column("reasons", "Concern", "Why a teacher nominated the student"),
        Column("last_meeting", "Last meeting", "The latest meeting held with a mentor"),
        Column("homeroom", "Homeroom", "Homeroom this school year"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == NAME:
            text = student_name(row)
            return text + " (archived)" if row.get("archived") else text
        if column == GRADE:
            return grade_words(row["grade"])
        if column == RATE:
            return percent(row["absence_rate"])
        if column == TIER:
            if row.get("attendance_pending"):
                return "…"
            if row["tier"] is None:
                return tier_words(None) if row.get("rated") else ""
            text = tier_words(row["tier"])
            return text + ", early warning" if row.get("early_warning") else text
        if column == LAST_MEETING:
            return day_words(row["last_meeting"])
        if column == REASONS:
            return ", ".join(label(NOMINATION_REASONS, r) for r in row["reasons"])
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == NAME:
            return fold(f"{row['last_name']} {row['first_name']}")
        if column == TIER:
            return TIER_ORDER.index(row["tier"]) if row["tier"] in TIER_ORDER else None
        if column == REASONS:
            return ", ".join(row["reasons"])
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == TIER and row["tier"] is not None:
            return tier_colours(row["tier"])
        if column == NAME and row.get("archived"):
            return QColor("#f1f3f5"), QColor("#7b8794")
        return None

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column in (RATE, TIER) and row.get("attendance_pending"):
            return "Working out attendance…"
        if column == TIER and row["tier"] is None and row.get("rated"):
            return "Too few school days enrolled to rate attendance yet."
        if column == TIER and row["tier"] is not None:
            text = f"{tier_words(row['tier'])}: {TIER_EXPLANATIONS[row['tier']]}"
            if row.get("early_warning"):
                text += ". Early warning: missed several of the first school days of the year."
            return text
        if column == MENTOR and not row["mentor_name"]:
            return "Not matched" + (" (waiting for a mentor)" if waiting(row) else "")
        return None


CHRONIC = "chronic"  # the tier filter's "moderate or severe"
NOT_RATED = "not_rated"
EARLY_WARNING = "early_warning"


class StudentFilter:
    """The students list's filters, as one predicate over a row."""

    def __init__(self, *, text: str = "", grade: int | None = None, tier: str | None = None,
                 who: str | None = None, concern: str | None = None,
                 show_archived: bool = False) -> None:
        self.tokens = fold(text).split()
        self.grade = grade
        self.tier = tier
        self.who = who
        self.concern = concern
        self.show_archived = show_archived

    def is_empty(self) -> bool:
        return not (self.tokens or self.grade is not None or self.tier or self.who
                    or self.concern)

    def __call__(self, row: dict) -> bool:
        if row.get("archived") and not self.show_archived:
            return False
        if self.grade is not None and row["grade"] != self.grade:
            return False
        if self.tier and not self._tier_matches(row):
            return False
        if self.who == MATCHED and row["match_id"] is None:
            return False
        if self.who == UNMATCHED and row["match_id"] is not None:
            return False
        if self.who == WAITING and not waiting(row):
            return False
        if self.concern and self.concern not in row["reasons"]:
            return False
        return all(token in row["search_text"] for token in self.tokens)

    def _tier_matches(self, row: dict) -> bool:
        tier = row["tier"]
        if self.tier == EARLY_WARNING:
            return bool(row.get("early_warning"))
        if self.tier == CHRONIC:
            return tier in ("moderate", "severe")
        if self.tier == NOT_RATED:
            return tier is None and bool(row.get("rated"))
        return tier == self.tier
