"""The school's settings and attendance codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlite_utils

from actions.changes import ATTENDANCE, EVERYTHING, SETTINGS, YEARS
from actions.core import Outcome, change
from program.vocabulary import ATTENDANCE_STATUSES, grade_words, label
from storage import attendance, day_types, settings, years
from storage.errors import InvalidInput

# Pictures a report's page header can print.
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")

# Settings whose change alters figures on every screen, not only the settings themselves.
_WIDE = {"in_school_suspension_counts_absent", "minimum_enrolled_days",
         "meeting_target_per_month", "overdue_after_school_days"}


def change_setting(db: sqlite_utils.Database, key: str, value: Any) -> Outcome:
    """Set one declared setting to a value of its type (text is read as the user typed it)."""
    declared = settings.SETTINGS_BY_KEY.get(key)
    if declared is None:
        settings.parse_value(key, "")  # raises the sentence that lists the settings
    if isinstance(value, str) and declared.kind is not str:
        value = settings.parse_value(key, value)
    elif isinstance(value, str):
        value = value.strip()
    elif declared.kind in (int, float) and not isinstance(value, bool):
        value = settings.parse_value(key, str(value))  # the same limits as typed text
    _check_together(db, key, value)
    kinds = {SETTINGS} | ({YEARS} if key == "current_year" else set()) | (
        set(EVERYTHING) if key in _WIDE else set())
    with change(db, f"Change \u201c{declared.label}\u201d", kinds, code="setting") as step:
        if key == "current_year":
            value = years.use_year(db, value)["name"]
        else:
            settings.set_value(db, key, value)
        step.note(f"{declared.label} set to {value_words(declared, value)}", key=key,
                  value=value)
        step.done(f"{declared.label} is now {value_words(declared, value)}.", value)
    return step.outcome


def value_words(declared: settings.Setting, value: Any) -> str:
    """A setting's value as a sentence says it: on / off, a grade, a quoted name."""
    if declared.kind is bool:
        return "on" if value else "off"
    if declared.key in ("lowest_grade", "top_grade"):
        return grade_words(value, long=True)
    if declared.kind is str:
        return f"\u201c{value}\u201d" if value else "empty"
    return str(value)


def _check_together(db: sqlite_utils.Database, key: str, value: Any) -> None:
    """Rules that join two settings, or a setting and the world (a logo must be a file)."""
    if key in ("lowest_grade", "top_grade"):
        lowest = value if key == "lowest_grade" else settings.get(db, "lowest_grade")
        top = value if key == "top_grade" else settings.get(db, "top_grade")
        if lowest > top:
            raise InvalidInput(f"The lowest grade ({grade_words(lowest, long=True)}) cannot be "
                               f"above the top grade ({grade_words(top, long=True)}). Change "
                               "the other one first.")
    if key == "school_logo" and value:
        path = Path(value).expanduser()
        if not path.is_file():
            raise InvalidInput(f"There is no picture file at {value}. Choose the logo again.")
        if path.suffix.lower() not in LOGO_SUFFIXES:
            raise InvalidInput(f"{path.name} is not a picture MentorDesk can print. Use a PNG "
                               "or JPEG file.")


def set_attendance_codes(db: sqlite_utils.Database, meanings: dict[str, str],
                         labels: dict[str, str] | None = None) -> Outcome:
    """Say what attendance codes from the student system mean (present, absent, ...), together:
    the headless `codes set` gives one, the import window the codes a file brought."""
    labels = labels or {}
    meanings = {code: attendance.normal_status(status) for code, status in meanings.items()}
    for status in meanings.values():
        if status not in ATTENDANCE_STATUSES:
            known = ", ".join(ATTENDANCE_STATUSES)
            raise InvalidInput(f'"{status}" is not an attendance status. Use one of: {known}.')
    if not meanings:
        raise InvalidInput("Choose what each code means first.")
    shown = [code.strip() or "(blank)" for code in meanings]
    if len(meanings) == 1:
        ((code, status),) = meanings.items()
        title = f"Make the code {shown[0]} mean {label(ATTENDANCE_STATUSES, status).lower()}"
        message = f"The code {shown[0]} now means {label(ATTENDANCE_STATUSES, status).lower()}."
    else:
        title = f"Explain the attendance codes {', '.join(sorted(shown))}"
        message = f"Saved what the codes {', '.join(sorted(shown))} mean."
    with change(db, title, {ATTENDANCE, SETTINGS}, code="codes") as step:
        for code, status in meanings.items():
            attendance.set_code(db, code, status, labels.get(code) or "")
        step.note(f"Attendance codes explained: {', '.join(sorted(shown))}", codes=meanings)
        step.done(message)
    return step.outcome


def set_attendance_code(db: sqlite_utils.Database, code: str, status: str,
                        label_text: str | None = None) -> Outcome:
    """Say what one attendance code from the student system means."""
    return set_attendance_codes(db, {code: status}, {code: label_text} if label_text else None)


def set_day_types(db: sqlite_utils.Database, meanings: dict[str, bool]) -> Outcome:
    """Say whether students are in school on kinds of day a calendar file names ("Spirit day":
    school; "Snow day": no school): the headless `day-types set` gives one, the import window
    the words a file brought."""
    meanings = {word.strip(): school for word, school in meanings.items() if word.strip()}
    if not meanings:
        raise InvalidInput("Name the kind of day first, such as \"Spirit day\".")
    said = [f"{word}: {'school' if school else 'no school'}" for word, school in
            sorted(meanings.items())]
    title = f"Say whether there is school on {', '.join(sorted(meanings))}"
    with change(db, title, {YEARS, ATTENDANCE, SETTINGS}, code="day_types") as step:
        for word, school in meanings.items():
            day_types.set_day_type(db, word, school)
        step.note(f"Kinds of day explained: {'; '.join(said)}", day_types=meanings)
        step.done(f"Saved: {'; '.join(said)}.")
    return step.outcome
