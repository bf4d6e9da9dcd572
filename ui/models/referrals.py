"""The referrals list: each referral of the year with its student, to whom, status and dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlite_utils
from PySide6.QtGui import QColor

from program.vocabulary import REFERRAL_KINDS, REFERRAL_STATUSES, label, list_name
from storage import referrals
from ui.models.students import fold
from ui.models.table import Column, RowsModel
from ui.words import day_words

STUDENT, KIND, NEED, STATUS, OPENED, FOLLOW_UP, RAISED_BY = range(7)
# What the Show filter offers.
OPEN, DUE, RESOLVED, ALL = "open", "due", "resolved", "all"
_STATUS_ORDER = {code: number for number, code in enumerate(REFERRAL_STATUSES)}


def load_rows(db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
    """The year's referrals with their notes, and whether each is due for follow-up (reads
    only; any thread)."""
    rows = referrals.referrals_in_year(db, year_id)
    notes = referrals.notes_by_referral(db, year_id=year_id)
    today = as_of.isoformat()
    for row in rows:
        row["notes"] = notes.get(row["id"], [])
        row["due"] = (row["status"] != "resolved" and row["follow_up_on"] is not None
                      and row["follow_up_on"] <= today)
        row["search_text"] = fold(f"{row['student_first_name']} {row['student_last_name']} "
                                  f"{row['student_preferred_name']} {row['student_local_id'] or ''}"
                                  f" {row['need']} {row['raised_by']}")
    return rows


class ReferralsModel(RowsModel):
    """Referrals: student, to whom, the need, status, opened, follow-up, raised by."""

    COLUMNS = (
        Column("student", "Student", "The student the referral is about"),
        Column("kind", "To", "Who the need was passed to"),
        Column("need", "Need", "What the student needs help with"),
        Column("status", "Status", "Open, in progress or resolved"),
        Column("opened_on", "Raised", "The day it was raised"),
        Column("follow_up_on", "Follow up", "The day to check on it (orange: today or past)"),
        Column("raised_by", "Raised by", "The mentor or person who raised it"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        if column == STUDENT:
            return list_name(row, "student_")
        if column == KIND:
            return label(REFERRAL_KINDS, row["kind"])
        if column == STATUS:
            return label(REFERRAL_STATUSES, row["status"])
        if column == OPENED:
            return day_words(row["opened_on"])
        if column == FOLLOW_UP:
            if row["status"] == "resolved":
                return f"resolved {day_words(row['resolved_on'])}".strip()
            return day_words(row["follow_up_on"]) or "—"
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if column == STUDENT:
            return fold(f"{row['student_last_name']} {row['student_first_name']}")
        if column == STATUS:
            return _STATUS_ORDER.get(row["status"], 9)
        if column == FOLLOW_UP:
            return row["resolved_on"] if row["status"] == "resolved" else row["follow_up_on"]
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if column == FOLLOW_UP and row["due"]:
            return QColor("#fde2c8"), QColor("#7a3300")
        if row["status"] == "resolved":
            return QColor("#f1f3f5"), QColor("#52606d")
        return None

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if column == FOLLOW_UP and row["due"]:
            return "Due for follow-up: check on it and note what happened (Update…)"
        return None


class ReferralFilter:
    """The referrals list's filters as one predicate."""

    def __init__(self, text: str = "", show: str = OPEN, kind: str | None = None) -> None:
        self.tokens = fold(text).split()
        self.show = show
        self.kind = kind

    def __call__(self, row: dict) -> bool:
        if self.show == OPEN and row["status"] == "resolved":
            return False
        if self.show == DUE and not row["due"]:
            return False
        if self.show == RESOLVED and row["status"] != "resolved":
            return False
        if self.kind is not None and row["kind"] != self.kind:
            return False
        return all(token in row["search_text"] for token in self.tokens)
