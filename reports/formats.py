"""Column formats shared by the Excel and print versions of a table.

A format is a short name: ``text``, ``integer``, ``decimal`` (one place), ``number`` (up to two
places), ``percent`` (a fraction shown as 12.5%), ``date`` or ``wrap`` (long text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

FORMATS = ("text", "integer", "decimal", "number", "percent", "date", "wrap")

EXCEL_NUMBER_FORMATS = {
    "integer": "#,##0",
    "decimal": "#,##0.0",
    "number": "#,##0.##",
    "percent": "0.0%",
    "date": "d mmm yyyy",
}

ColumnFormats = Mapping[int, str] | Mapping[str, str] | Sequence[str | None] | None


@dataclass(frozen=True)
class Formatted:
    """A value with its own format, overriding its column's (a summary's mixed figures)."""

    value: Any
    format: str


def unwrap(value: Any, column_format: str) -> tuple[Any, str]:
    """(value, format) for a cell: a :class:`Formatted` value brings its own format."""
    if isinstance(value, Formatted):
        return value.value, value.format
    return value, column_format


def resolve_formats(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                    column_formats: ColumnFormats = None) -> list[str]:
    """One format per column: the ones given (by index or header), the rest guessed from values."""
    given: dict[int, str] = {}
    if isinstance(column_formats, Mapping):
        for key, name in column_formats.items():
            index = headers.index(key) if isinstance(key, str) else int(key)
            given[index] = name
    elif column_formats is not None:
        given = {index: name for index, name in enumerate(column_formats) if name}
    formats = []
    for index in range(len(headers)):
        name = given.get(index) or guess_format(row[index] for row in rows if index < len(row))
        if name not in FORMATS:
            raise ValueError(f"unknown column format {name!r}; use one of {FORMATS}")
        formats.append(name)
    return formats


def guess_format(values) -> str:
    """The format that suits a column's values (numbers, dates or text)."""
    kinds = set()
    longest = 0
    for value in values:
        if isinstance(value, Formatted):
            value = value.value
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            kinds.add("text")
        elif isinstance(value, int):
            kinds.add("integer")
        elif isinstance(value, float):
            kinds.add("number")
        elif isinstance(value, (dt.date, dt.datetime)):
            kinds.add("date")
        else:
            kinds.add("text")
            longest = max(longest, len(str(value)))
    if kinds == {"integer"}:
        return "integer"
    if kinds and kinds <= {"integer", "number"}:
        return "number"
    if kinds == {"date"}:
        return "date"
    return "wrap" if longest > 60 else "text"


def display_text(value: Any, fmt: str = "text") -> str:
    """A value as printed on paper in a column of format ``fmt``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, (int, float)):
        if fmt == "percent":
            return f"{value * 100:.1f}%"
        if fmt == "integer":
            return f"{round(value):,}"
        if fmt == "decimal":
            return f"{value:,.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def date_words(day: dt.date) -> str:
    """A date as people write it: 12 January 2026."""
    return f"{day.day} {day:%B %Y}"
