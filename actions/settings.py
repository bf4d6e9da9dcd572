"""The school's settings and attendance codes."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from actions.changes import ATTENDANCE, EVERYTHING, SETTINGS, YEARS
from actions.core import Outcome, change
from program.vocabulary import ATTENDANCE_STATUSES, label
from storage import attendance, settings, years
from storage.errors import InvalidInput

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
    kinds = {SETTINGS} | ({YEARS} if key == "current_year" else set()) | (
        set(EVERYTHING) if key in _WIDE else set())
    with change(db, f"Change \u201c{declared.label}\u201d", kinds, code="setting") as step:
        if key == "current_year":
            value = years.use_year(db, value)["name"]
        else:
            settings.set_value(db, key, value)
        step.note(f"{declared.label} set to {value!r}", key=key, value=value)
        step.done(f"{declared.label} is now {value!r}.", value)
    return step.outcome


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
