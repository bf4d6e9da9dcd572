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


def set_attendance_code(db: sqlite_utils.Database, code: str, status: str,
                        label_text: str | None = None) -> Outcome:
    """Say what an attendance code from the student system means (present, absent, ...)."""
    if status not in ATTENDANCE_STATUSES:
        known = ", ".join(ATTENDANCE_STATUSES)
        raise InvalidInput(f'"{status}" is not an attendance status. Use one of: {known}.')
    shown = code.strip() or "(blank)"
    with change(db, f"Make the code {shown} mean {label(ATTENDANCE_STATUSES, status).lower()}",
                {ATTENDANCE, SETTINGS}, code="codes") as step:
        attendance.set_code(db, code, status, label_text)
        step.note(f"Attendance code {shown} now means {status}", code=code, status=status)
        step.done(f"The code {shown} now means "
                  f"{label(ATTENDANCE_STATUSES, status).lower()}.")
    return step.outcome
