"""What exports from a forms tool share (Microsoft Forms, Google Forms): a column per question
headed by the question's words, and the tool's own columns before them (Timestamp, or ID, Start
time and Completion time; Email; Name)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from importing.headers import Table, normalize_header
from importing.kinds.base import Row
from importing.values import Unreadable, parse_date, text_of

# The columns each tool puts before the questions, normalized.
TOOL_COLUMNS = {
    "timestamp": "submitted_at", "completion time": "submitted_at", "id": "response_number",
    "start time": "", "last modified time": "", "email": "email", "email address": "email",
    "name": "full_name", "score": "", "total points": "", "quiz feedback": "",
}
_TIME = re.compile(r"(?:(?<=\s)|(?<=T))(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                   r"(?:\s*([ap])\.?m\.?)?", re.IGNORECASE)
_ZONE = re.compile(r"\s+(?:(?!AM$|PM$)[A-Z]{2,5}|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?"
                   r"|[+-]\d{2}:?\d{2})$")


def question_columns(table: Table, texts: dict[str, Any]) -> dict[int, Any]:
    """column -> what ``texts`` (normalized question words -> anything) gives for the
    column's header, for every column headed by one of the questions."""
    found = {}
    for column, header in enumerate(table.headers):
        key = normalize_header(header)
        if key and key in texts:
            found[column] = texts[key]
    return found


def looks_like_form_export(table: Table) -> bool:
    """True when the table starts as a forms tool's export does (Timestamp, or ID and
    Completion time)."""
    headers = {normalize_header(header) for header in table.headers}
    return "timestamp" in headers or {"id", "completion time"} <= headers


def map_tool_columns(table: Table, *, name_key: str = "full_name",
                     email_key: str = "email") -> None:
    """Give the tool's own columns their meaning (an "ID" column is the response's number,
    the Name and Email those of the person who answered)."""
    for column, header in enumerate(table.headers):
        meaning = TOOL_COLUMNS.get(normalize_header(header))
        if meaning is None:
            continue
        if meaning == "full_name":
            meaning = name_key
        elif meaning == "email":
            meaning = email_key
        table.mapping = {c: k for c, k in table.mapping.items()
                         if c != column and (k != meaning or not meaning)}
        if meaning:
            table.mapping[column] = meaning


def timestamp_of(value: Any) -> dt.datetime:
    """A forms tool's timestamp as a moment: a real date-time cell, or text such as
    "11/24/2026 8:03:12" (Google Sheets, US), "2026/11/24 8:03:12 AM EST" (Google Forms'
    own download) or "2026-11-24 08:03:12". A time zone written after it is left aside: the
    moment is the one the school's clock showed."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        day = parse_date(value)
        fraction = float(value) % 1 if isinstance(value, (int, float)) else 0.0
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=round(fraction * 86400))
    text = _ZONE.sub("", " ".join(text_of(value).split()))
    match = _TIME.search(text)
    if match is None:
        return dt.datetime.combine(parse_date(text), dt.time())
    day = parse_date((text[:match.start()] + text[match.end():]).strip(" T,"))
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    try:
        return dt.datetime.combine(day, dt.time(hour, minute, second))
    except ValueError:
        raise Unreadable(f'"{text}" is not a time of day MentorDesk can read.') from None


class Aliased:
    """A row read through other field names (``{"mentor_email": "email"}``), so that the
    finders of students and mentors can read a form's own columns."""

    __slots__ = ("names", "row")

    def __init__(self, row: Row, names: dict[str, str]) -> None:
        self.row = row
        self.names = names

    def get(self, key: str) -> Any:
        return self.row.get(self.names.get(key, key))

    def column(self, key: str) -> str | None:
        return self.row.column(self.names.get(key, key))

    @property
    def number(self) -> int:
        return self.row.number

    @property
    def sheet(self) -> str:
        return self.row.sheet

    @property
    def table(self) -> Table:
        return self.row.table
