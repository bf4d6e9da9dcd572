"""Every setting declared once: key, type, default, label. Stored as text in ``settings``.

Missing settings are filled with their defaults when a file is opened; a value the user set is
never overwritten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from storage.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    """One declared setting."""

    key: str
    kind: type
    default: Any
    label: str
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("school_name", str, "", "School name",
            "Shown in the title bar and on every report."),
    Setting("school_logo", str, "", "School logo",
            "A picture file printed at the top of reports (leave empty for none)."),
    Setting("school_id", str, "", "State or district school ID",
            "The number your state or district gives the school. The district roll-up tells "
            "schools apart by it."),
    Setting("current_year", str, "", "Current school year",
            "The school year MentorDesk opens on, such as 2025-2026."),
    Setting("in_school_suspension_counts_absent", bool, False,
            "Count in-school suspension as absent",
            "Off: a student in in-school suspension is in the building and counts as present."),
    Setting("minimum_enrolled_days", int, 10, "Fewest days enrolled to be rated",
            "Students enrolled fewer school days than this get no attendance tier yet.",
            minimum=1, maximum=200),
    Setting("attendance.period_absent_share", float, 0.5,
            "Periods missed for an absent day",
            "With class-period attendance, a day counts as absent when the student missed at "
            "least this share of the periods recorded for them that day: 0.5 is half of them.",
            minimum=0.01, maximum=1.0),
    Setting("periods_per_day", int, 6, "Class periods a day",
            "Used when a class-period file lists only the periods missed: a day is taken to "
            "have this many periods.", minimum=1, maximum=20),
    Setting("meeting_target_per_month", int, 2, "Meetings a month per match",
            "How often each mentor aims to meet each mentee.", minimum=1, maximum=31),
    Setting("overdue_after_school_days", int, 10, "Overdue after this many school days",
            "A match with no meeting held for longer than this shows as overdue.",
            minimum=1, maximum=100),
    Setting("change_days_before", int, 20, "School days before a match to judge a change",
            "A mentee's attendance change (improved, same, worse) is judged only with at least "
            "this many school days enrolled before the match (or in the same part of the year "
            "before); the others are \"too early to tell\".", minimum=1, maximum=200),
    Setting("change_days_after", int, 20, "School days after a match to judge a change",
            "A mentee's change is judged only with at least this many school days enrolled "
            "since the match began (and enough before it); the others are \"too early to "
            "tell\".",
            minimum=1, maximum=200),
    Setting("default_mentor_capacity", int, 2, "Mentees per mentor (usual)",
            "The capacity a new mentor starts with.", minimum=0, maximum=30),
    Setting("lowest_grade", int, 6, "Lowest grade in the school",
            "The grade of the youngest students (kindergarten counts as 0, pre-kindergarten "
            "as -1).", minimum=-1, maximum=12),
    Setting("top_grade", int, 8, "Top grade in the school",
            "Students in this grade leave at the end of the year.", minimum=-1, maximum=13),
)

SETTINGS_BY_KEY = {setting.key: setting for setting in SETTINGS}

_TRUE_WORDS = {"1", "true", "yes", "y", "on"}
_FALSE_WORDS = {"0", "false", "no", "n", "off"}


def _to_text(setting: Setting, value: Any) -> str:
    if setting.kind is bool:
        return "1" if value else "0"
    if setting.kind is dt.date:
        return value.isoformat() if value else ""
    return str(value)


def _from_text(setting: Setting, text: str) -> Any:
    if setting.kind is bool:
        return text == "1"
    if setting.kind is int:
        return int(text)
    if setting.kind is float:
        return float(text)
    return text


def parse_value(key: str, typed: str) -> Any:
    """Turn text the user typed into the setting's value, or raise :class:`InvalidInput`."""
    setting = _declared(key)
    typed = typed.strip()
    if setting.kind is bool:
        if typed.lower() in _TRUE_WORDS:
            return True
        if typed.lower() in _FALSE_WORDS:
            return False
        raise InvalidInput(f'"{setting.label}" takes yes or no, not "{typed}".')
    if setting.kind in (int, float):
        try:
            number = setting.kind(typed)
        except ValueError:
            raise InvalidInput(f'"{setting.label}" takes a number, not "{typed}".') from None
        if setting.minimum is not None and number < setting.minimum:
            raise InvalidInput(f'"{setting.label}" must be at least {setting.minimum:g}.')
        if setting.maximum is not None and number > setting.maximum:
            raise InvalidInput(f'"{setting.label}" must be at most {setting.maximum:g}.')
        return number
    return typed


def _declared(key: str) -> Setting:
    try:
        return SETTINGS_BY_KEY[key]
    except KeyError:
        known = ", ".join(SETTINGS_BY_KEY)
        raise InvalidInput(
            f'There is no setting called "{key}". The settings are: {known}.'
        ) from None


def fill_missing(db: sqlite_utils.Database) -> None:
    """Store the default of every declared setting the file does not have yet."""
    for setting in SETTINGS:
        db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
            [setting.key, _to_text(setting, setting.default)],
        )


def grade_name(grade: int) -> str:
    """A grade as the settings' help words say it (pre-K and K by name)."""
    return {-1: "pre-K", 0: "K"}.get(grade, str(grade))


def _refuse_grades_upside_down(db: sqlite_utils.Database, key: str, value: Any) -> None:
    if key not in ("lowest_grade", "top_grade"):
        return
    lowest = value if key == "lowest_grade" else get(db, "lowest_grade")
    top = value if key == "top_grade" else get(db, "top_grade")
    if lowest > top:
        raise InvalidInput(
            f"The lowest grade ({grade_name(lowest)}) would be above the top grade "
            f"({grade_name(top)}). Change the top grade first, or choose a lower grade. "
            "Nothing was changed.")


def get(db: sqlite_utils.Database, key: str) -> Any:
    """The setting's value (its default when the file does not hold one)."""
    setting = _declared(key)
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is None:
        return setting.default
    try:
        return _from_text(setting, row[0])
    except ValueError:
        return setting.default


def set_value(db: sqlite_utils.Database, key: str, value: Any) -> None:
    """Store a setting's value (already of the setting's type)."""
    setting = _declared(key)
    _refuse_grades_upside_down(db, key, value)
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, _to_text(setting, value)],
    )


def all_values(db: sqlite_utils.Database) -> dict[str, Any]:
    """Every declared setting with its current value, in declaration order."""
    return {setting.key: get(db, setting.key) for setting in SETTINGS}
