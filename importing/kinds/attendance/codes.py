"""Attendance codes as a file writes them -> (status, the code as kept); codes nobody mapped."""

from __future__ import annotations

import re
from typing import Any

import sqlite_utils

from importing.kinds.base import Context, Problems, Row, listed, plural
from importing.values import descriptor_word, is_blank, text_of
from storage import attendance as attendance_store
from storage import database

STATUS_CHOICES = ("present", "tardy", "absent_excused", "absent_unexcused", "suspension_in",
                  "suspension_out", "half_day", "partial")
# Ed-Fi attendance events come as descriptor URIs of this kind.
EVENT_DESCRIPTOR = "attendanceeventcategorydescriptor#"


class CodeBook:
    """The school's codes (and Ed-Fi's descriptors, known by the part after "#")."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.codes = attendance_store.code_map(db)
        self.events_file = False  # an Ed-Fi attendance events file: absences only

    def meaning(self, raw: Any) -> tuple[str, str] | None:
        """(status, the code as kept) for a cell, or None when nobody has mapped it."""
        code = "" if is_blank(raw) else text_of(raw)
        status = self.codes.get(code.upper())
        if status is None and "#" in code:
            status = self.codes.get(descriptor_word(code).upper())
            if status is not None and EVENT_DESCRIPTOR in code.lower():
                self.events_file = True
        if status is None:
            return None
        return status, code  # the whole value is kept as the source code


def stop_on_unknown_codes(unknown: dict[str, list[Row]], problems: Problems,
                          context: Context) -> None:
    """Nothing goes in until every code is mapped: the problems and the sentence saying how."""
    words = [f'"{code}" ({plural(len(rows), "row")})' for code, rows in unknown.items()]
    for code, rows in unknown.items():
        problems.add(rows[0], "code",
                     f'The attendance code "{code}" ({plural(len(rows), "row")}) is not in '
                     "MentorDesk's list of codes. Say what it means, then import again.",
                     stops=True)
    example = descriptor_word(next(iter(unknown)))
    context.stopped = (
        f"{context.file_name} uses attendance codes MentorDesk does not know: {listed(words)}. "
        "Nothing was imported. Say what each code means, in the import window or with a "
        f"command such as: {set_code_command(context.db, example, 'absent_excused')} "
        f"(a code means one of: {', '.join(STATUS_CHOICES)}), then import the file again.")


def set_code_command(db: sqlite_utils.Database, code: str, status: str) -> str:
    """The headless command that maps ``code``, ready to paste into a terminal."""
    path = database.file_path(db)
    where = f"--db {quoted(str(path))} " if path else ""
    return f"python main.py {where}codes set {quoted(code)} {status}"


def quoted(text: str) -> str:
    """``text`` as one argument on a command line: double quotes (which every shell reads)
    when it has spaces or other characters a shell would take apart."""
    if text and re.fullmatch(r"[A-Za-z0-9_.,:/@+=-]+", text):
        return text
    escaped = re.sub(r'(["\\$`])', r"\\\1", text)
    return f'"{escaped}"'
