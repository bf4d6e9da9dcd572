"""What every kind of import shares: its fields, the plan it makes, and the rows it reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing.fields import Field
from importing.headers import Table
from importing.problems import ImportRefused, Problem
from importing.values import Unreadable, is_blank
from storage import clock

Progress = Callable[[int, int], None]


@dataclass
class Options:
    """Choices the facilitator makes beyond the file itself."""

    absences_only: bool = False
    covers_from: dt.date | None = None
    through: dt.date | None = None
    close_matches: bool = False
    today: dt.date | None = None
    # Survey answers: from the start ("pre") or the end ("post") of mentoring; None: the
    # file's name says which.
    survey_phase: str | None = None

    @property
    def on(self) -> dt.date:
        return self.today or clock.today()


@dataclass
class Context:
    """What a kind needs to plan: this thread's connection, the school year, the options."""

    db: sqlite_utils.Database
    year: dict | None
    options: Options
    file_name: str
    progress: Progress | None = None
    # True when the facilitator named the year (--year), not just the current one.
    year_given: bool = False
    # Set by a kind when the file cannot go in until something is fixed (unknown codes).
    stopped: str | None = None
    # Where rows that are surely new may be sent ahead while the file is read (see apply).
    stream: Any = None

    def require_year(self, what: str) -> dict:
        if self.year is None:
            raise ImportRefused(
                f"{what} go into a school year, and this data file has none yet. Add the school "
                "year first (in the app: Add the school year, on the first page; headless: "
                "year add 2025-2026 --first-day 2025-09-02 --last-day 2026-06-12), then import "
                f"{self.file_name} again."
            )
        return self.year

    def report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)


@dataclass
class KindPlan:
    """What importing the rows would do; ``actions`` is for the kind's own ``write``."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    actions: Any = None
    year_id: int | None = None
    attendance_mode: str | None = None
    covers_from: str | None = None
    covers_through: str | None = None
    # Changes that wait for the facilitator's yes (matches to close for students who moved).
    to_confirm: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """One kind of import: its words, its fields and how it plans and writes."""

    name: str
    label: str
    fields: tuple[Field, ...]
    # Any one of these sets of fields, all mapped, is enough to read the file.
    required: tuple[frozenset[str], ...]
    plan: Callable[[Context, list[Table]], KindPlan]
    write: Callable[..., None]
    # A sentence naming the columns it needs, for when they are missing.
    needs: str
    # Corrects the guessed columns of a table where a format gives a header another meaning
    # (OneRoster's "phone" is the person's own, not a guardian's).
    refine: Callable[[Table], None] | None = None
    # What becomes of the columns no field takes, in the import window's summary words.
    other_columns: str = "Not imported"

    def field(self, key: str) -> Field | None:
        for spec in self.fields:
            if spec.key == key:
                return spec
        return None

    def missing(self, table: Table) -> bool:
        mapped = set(table.mapping.values())
        return not any(option <= mapped for option in self.required)


class Row:
    """One data row of a table, read by field: ``row.get("grade")``; blank cells give None."""

    __slots__ = ("cells", "number", "table")

    def __init__(self, table: Table, number: int, cells: list[Any]) -> None:
        self.table = table
        self.number = number
        self.cells = cells

    def get(self, key: str) -> Any:
        column = self.table.column_of(key)
        if column is None or column >= len(self.cells):
            return None
        value = self.cells[column]
        return None if is_blank(value) else value

    def column(self, key: str) -> str | None:
        return self.table.header_of(key)

    @property
    def sheet(self) -> str:
        return self.table.name


def rows_of(tables: list[Table]) -> Iterator[Row]:
    for table in tables:
        for number, cells in table.data_rows():
            yield Row(table, number, cells)


class Problems:
    """Collects problems; grouped ones ("37 rows for 3 students not on the roster") at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._groups: dict[str, dict] = {}

    def add(self, row: Row | None, key: str | None, message: str, *, stops: bool = False,
            sheet: str | None = None) -> None:
        self.items.append(Problem(
            sheet=row.sheet if row else (sheet or ""),
            row=row.number if row else None,
            column=row.column(key) if row and key else None,
            message=message,
            stops=stops,
        ))

    def unreadable(self, row: Row, key: str, error: Unreadable, consequence: str) -> None:
        self.add(row, key, f"{error} {consequence}".strip())

    def group(self, name: str, row: Row, key: str | None, item: str,
              sentence: Callable[[int, list[str]], str]) -> None:
        """Count ``row`` under the group ``name``; ``sentence(rows, items)`` words it at the end."""
        group = self._groups.setdefault(
            name, {"rows": 0, "items": [], "seen": set(), "first": row, "key": key,
                   "sentence": sentence})
        group["rows"] += 1
        if item not in group["seen"]:
            group["seen"].add(item)
            group["items"].append(item)

    def finished(self) -> list[Problem]:
        problems = list(self.items)
        for group in self._groups.values():
            first: Row = group["first"]
            problems.append(Problem(
                sheet=first.sheet, row=first.number,
                column=first.column(group["key"]) if group["key"] else None,
                message=group["sentence"](group["rows"], group["items"]),
            ))
        return problems


def listed(items: list[str], limit: int = 5) -> str:
    """"1, 2 and 3"; "1, 2, 3, 4, 5 and 7 more"."""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) > 1:
        return ", ".join(items[:-1]) + " and " + items[-1]
    return items[0] if items else ""


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural_word or word + 's'}"


def verb(count: int, singular: str, plural_form: str) -> str:
    """The verb that agrees with ``count``: verb(1, "was", "were") -> "was"."""
    return singular if count == 1 else plural_form


def day_words(day: dt.date | str | None) -> str:
    if day is None:
        return ""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {day:%b %Y}"
