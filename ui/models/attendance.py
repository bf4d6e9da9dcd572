"""Lists on the Attendance screen: students flagged (early warning, chronic) and the code table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from analysis import attendance as attendance_figures
from analysis.years import calendar_check
from program.attendance import TIERS as TIER_ORDER
from program.vocabulary import ATTENDANCE_STATUSES, WEEKDAYS, label, plural, tier_words
from storage import attendance, students
from ui.models.students import fold
from ui.models.table import Column, RowsModel
from ui.style import tier_colours
from ui.words import grade_words, percent, student_name

NAME, GRADE, RATE, TIER, DETAIL = range(5)


def load_overview(db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> dict:
    """The school's attendance as the rules see it, with names for the lists (any thread)."""
    overview = attendance_figures.school_overview(db, year_id, as_of)
    people = {row["id"]: row for row in students.students_in_year(db, year_id)}

    def rows(records, detail) -> list[dict]:
        listed = []
        for record in records:
            person = people.get(record.student_id)
            if person is None:
                continue
            listed.append({"id": record.student_id, "name": student_name(person),
                           "sort_name": fold(f"{person['last_name']} {person['first_name']}"),
                           "grade": person["grade"], "absence_rate": record.absence_rate,
                           "tier": record.tier, "detail": detail(record),
                           "archived": person["archived"]})
        return listed

    def warning_words(record) -> str:
        warning = record.early_warning
        return f"missed {plural(warning.missed, 'day')} of the first {warning.window}"

    def pattern_words(record) -> str:
        if record.pattern_weekdays:
            return "most missed: " + ", ".join(WEEKDAYS[d] for d in record.pattern_weekdays)
        return ""

    return {
        "overview": overview,
        "early_warning": rows(overview.early_warning, warning_words),
        "chronic": rows(overview.chronic, pattern_words),
        "codes": attendance.codes(db),
        "calendar": calendar_check(db, year_id),
    }


class FlaggedModel(RowsModel):
    """Students on a watch list: name, grade, absence rate, tier, and why."""

    COLUMNS = (
        Column("name", "Student", "Double-click to open the student"),
        Column("grade", "Grade", "Grade this year", numeric=True),
        Column("absence_rate", "Absent", "Share of enrolled days missed", numeric=True),
        Column("tier", "Tier", "Attendance tier"),
        Column("detail", "Why listed", "What the rule found"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == GRADE:
            return grade_words(row["grade"])
        if column == RATE:
            return percent(row["absence_rate"])
        if column == TIER:
            return tier_words(row["tier"])
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == NAME:
            return row["sort_name"]
        if column == TIER:
            return TIER_ORDER.index(row["tier"]) if row["tier"] in TIER_ORDER else None
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == TIER and row["tier"]:
            return tier_colours(row["tier"])
        return None


class CodesModel(RowsModel):
    """The school's attendance codes and what each means."""

    COLUMNS = (
        Column("code", "Code", "The code in the office's export"),
        Column("status", "Means", "How MentorDesk counts it"),
        Column("label", "Label", "The school's own words for it"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == 1:
            return label(ATTENDANCE_STATUSES, row["status"])
        return super().cell_text(row, column)
