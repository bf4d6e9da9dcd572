"""Small-group suppression for the report's breakdowns (by grade, by mentor role, ...).

A count of 1 to 4 students is shown as "fewer than 5", and so is every count of a group of
fewer than 5 students (its other figures show "not shown"). Then *complementary* suppression
hides more cells, so that a hidden count cannot be worked out by subtracting the shown ones
from a total: in every sum the table shows (a row's parts adding up to its total, a column
adding up to the Total row) either no cell is hidden or at least two are. Percentages and
rates of a hidden group, or of a hidden count, are hidden too. A zero is shown: it names no one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

THRESHOLD = 5
SMALL_TEXT = "fewer than 5"
COMPLEMENT_TEXT = "not shown"

# Column kinds.
COUNT = "count"  # a number of students: additive, suppressed when 1-4
NUMBER = "number"  # another quantity of the group (meetings, days): hidden with its group
RATE = "rate"  # a rate or share of the group: hidden with the group or its parts
STAFF = "staff"  # a number of staff, not students: always shown

Key = tuple[int, str]  # (row index, column key); row index -1 is the Total row


@dataclass(frozen=True)
class Column:
    """One column of a breakdown: its key, heading, kind, and for a share its two counts."""

    key: str
    label: str
    kind: str = COUNT
    share_of: tuple[str, str] | None = None  # (numerator, denominator) column keys
    format: str = ""  # the display format (see reports.formats); by kind when empty

    @property
    def display_format(self) -> str:
        if self.format:
            return self.format
        return {COUNT: "integer", STAFF: "integer", RATE: "percent"}.get(self.kind, "decimal")


@dataclass(frozen=True)
class GroupTable:
    """A breakdown by group before suppression.

    ``size`` is the column holding each group's number of students; ``sums`` lists, for every
    row, which count is the sum of which others (``("mentees", ("improved", "same", ...))``).
    ``total`` is the Total row (also published elsewhere in the report, so never hidden).
    """

    title: str
    group_label: str
    columns: Sequence[Column]
    rows: Sequence[tuple[str, Mapping[str, Any]]]
    size: str
    sums: Sequence[tuple[str, Sequence[str]]] = ()
    total: Mapping[str, Any] | None = None
    notes: Sequence[str] = ()


@dataclass(frozen=True)
class Cell:
    """One figure as the report may show it."""

    value: Any
    hidden: str = ""  # "", "small" (a count under 5: "fewer than 5") or "hidden" ("not shown")

    @property
    def shown(self) -> Any:
        """The value, or the words that stand in for it."""
        if self.hidden == "small":
            return SMALL_TEXT
        if self.hidden == "hidden":
            return COMPLEMENT_TEXT
        return self.value


@dataclass
class ProtectedTable:
    """A breakdown after suppression: what each cell may show."""

    source: GroupTable
    cells: dict[Key, Cell] = field(default_factory=dict)

    @property
    def columns(self) -> Sequence[Column]:
        return self.source.columns

    def row(self, index: int) -> list[Cell]:
        """The cells of one group (index -1: the Total row), in column order."""
        return [self.cells[(index, column.key)] for column in self.columns]

    def rows_shown(self, *, with_total: bool = True) -> list[list[Any]]:
        """Each row as displayed: the group's label, then every column (words where hidden)."""
        shown = [[label] + [cell.shown for cell in self.row(index)]
                 for index, (label, _) in enumerate(self.source.rows)]
        if with_total and self.source.total is not None:
            shown.append(["Total"] + [cell.shown for cell in self.row(-1)])
        return shown

    def headers(self) -> list[str]:
        return [self.source.group_label] + [column.label for column in self.columns]

    def formats(self) -> list[str]:
        return ["text"] + [column.display_format for column in self.columns]

    @property
    def any_hidden(self) -> bool:
        return any(cell.hidden for cell in self.cells.values())

    def hidden_keys(self) -> set[Key]:
        return {key for key, cell in self.cells.items() if cell.hidden}


def _lines(table: GroupTable) -> list[list[Key]]:
    """Every published sum: each row's sums, and each count column over the groups + Total."""
    lines: list[list[Key]] = []
    indexes = range(len(table.rows))
    for whole, parts in table.sums:
        for index in indexes:
            lines.append([(index, whole)] + [(index, part) for part in parts])
        if table.total is not None:
            lines.append([(-1, whole)] + [(-1, part) for part in parts])
    if table.total is not None:
        for column in table.columns:
            if column.kind == COUNT:
                lines.append([(index, column.key) for index in indexes] + [(-1, column.key)])
    return lines


def protect(table: GroupTable, threshold: int = THRESHOLD) -> ProtectedTable:
    """Apply small-group and complementary suppression to a breakdown."""
    values: dict[Key, Any] = {}
    for index, (_, row) in enumerate(table.rows):
        for column in table.columns:
            values[(index, column.key)] = row.get(column.key)
    if table.total is not None:
        for column in table.columns:
            values[(-1, column.key)] = table.total.get(column.key)
    kinds = {column.key: column.kind for column in table.columns}

    small: set[Key] = set()
    for index, (_, row) in enumerate(table.rows):
        size = row.get(table.size) or 0
        if 0 < size < threshold:
            small.update((index, column.key) for column in table.columns
                         if column.kind != STAFF)
    for key, value in values.items():
        if key[0] != -1 and kinds[key[1]] == COUNT and _is_small(value, threshold):
            small.add(key)

    hidden = set(small)
    lines = _lines(table)
    complement: set[Key] = set()
    while True:
        before = len(complement)
        complement |= _complement(values, lines, hidden | complement, kinds)
        # A group whose size is hidden (either way) shows none of its figures.
        for index in range(len(table.rows)):
            if (index, table.size) in hidden | complement:
                complement.update((index, column.key) for column in table.columns
                                  if column.kind != STAFF and (index, column.key) not in hidden)
        if len(complement) == before:
            break
    # A rate or share is hidden with its group or either of its counts.
    for column in table.columns:
        if column.share_of is None:
            continue
        for index in [*range(len(table.rows)), -1]:
            key = (index, column.key)
            parts = {(index, part) for part in column.share_of}
            if key not in hidden and parts & (hidden | complement):
                complement.add(key)

    protected = ProtectedTable(table)
    for key, value in values.items():
        state = ""
        if key in hidden:
            # A count in a small group is under 5 too; its rates and other figures are not.
            state = "small" if kinds[key[1]] == COUNT else "hidden"
        elif key in complement:
            state = "hidden"
        protected.cells[key] = Cell(value, state)
    return protected


def _is_small(value: Any, threshold: int) -> bool:
    return isinstance(value, (int, float)) and 0 < value < threshold


def _complement(values: Mapping[Key, Any], lines: Iterable[list[Key]], already: set[Key],
                kinds: Mapping[str, str]) -> set[Key]:
    """Hide more cells until no published sum has exactly one hidden cell in it."""
    lines = list(lines)
    added: set[Key] = set()
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden_here = [key for key in line if key in already or key in added]
            if len(hidden_here) != 1:
                continue
            # The Total row is published elsewhere in the report: it cannot be hidden here.
            candidates = [key for key in line
                          if key not in already and key not in added and key[0] != -1
                          and kinds.get(key[1]) == COUNT]
            if not candidates:
                continue
            # The smallest non-zero count gives away least; hiding a zero protects nothing.
            pick = min(candidates, key=lambda key: (not values.get(key), values.get(key) or 0,
                                                    key[0], key[1]))
            added.add(pick)
            changed = True
    return added


def is_safe(protected: ProtectedTable, threshold: int = THRESHOLD) -> list[str]:
    """Why the table would give a small group away (empty when it is safe); for tests."""
    problems = []
    table = protected.source
    hidden = protected.hidden_keys()
    kinds = {column.key: column.kind for column in table.columns}
    for key, cell in protected.cells.items():
        if key[0] != -1 and kinds[key[1]] == COUNT and _is_small(cell.value, threshold) \
                and not cell.hidden:
            problems.append(f"{key} shows a count under {threshold}")
    for line in _lines(table):
        if sum(key in hidden for key in line) == 1:
            problems.append(f"the sum {line} has one hidden cell: it can be worked out")
    return problems
