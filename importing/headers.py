"""Find the table on a sheet and what each column means.

Teachers put titles, notes and merged banners above the column names, and "Thank you!" below
the last row; exports repeat the header on every page. :func:`find_table` finds the header row
under the title rows, maps each column to a field by its name (the guess the import window
shows and lets the facilitator change), and :meth:`Table.data_rows` gives only the rows that
hold data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from importing.fields import Field
from importing.sheets import Sheet
from importing.values import date_in_text, grade_from_sheet_name, is_blank, text_of

# Title and note rows sit above the header; nobody puts fifty.
HEADER_SEARCH_ROWS = 40
_NOTE_WORDS = re.compile(
    r"^\s*(thank|thanks|note|notes|total|totals|please|signed|signature|page|end of|prepared|"
    r"printed|generated|report|source|\*|—|-{2,}|count)\b",
    re.IGNORECASE,
)

Mapping = dict[int, str]  # column index -> field key


def normalize_header(value: Any) -> str:
    """"[1]Student_Number" -> "student number"; "givenName" -> "given name"; "ID #" -> "id"."""
    text = text_of(value)
    text = re.sub(r"^\s*\[[^\]]*\]\s*", "", text)  # PowerSchool's [1]Student_Number
    text = re.sub(r"^(?:students?|stu|att|attendance)\.(?=[A-Za-z])", "", text, flags=re.I)
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)  # camelCase, LastFirst
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)  # DOBDate -> DOB Date
    text = text.replace("#", " ")
    text = re.sub(r"[^0-9a-zA-Z]+", " ", text).lower()
    return " ".join(text.split())


def header_signature(headers: Sequence[Any]) -> str:
    """The key a remembered mapping is stored under: the normalized headers, in order."""
    return "|".join(normalize_header(header) for header in headers)


def match_score(header: str, spec: Field) -> int:
    """How well a normalized header names ``spec``: 0 not at all, higher is better."""
    if not header:
        return 0
    for rank, alias in enumerate(spec.aliases):
        if header == alias:
            return 1000 - rank - spec.behind
    words = f" {header} "
    for rank, alias in enumerate(spec.aliases):
        # A longer header that holds a multi-word alias: "Student ID (7 digits)".
        if " " in alias and f" {alias} " in words:
            return max(1, 500 - rank - spec.behind)
    return 0


def guess_mapping(headers: Sequence[Any], fields: Sequence[Field]) -> Mapping:
    """Each column's most likely field; a field goes to one column at most."""
    normalized = [normalize_header(header) for header in headers]
    candidates: list[tuple[int, int, str]] = []  # (score, column, key)
    for column, header in enumerate(normalized):
        for spec in fields:
            score = match_score(header, spec)
            if score:
                candidates.append((score, -column, spec.key))
    mapping: Mapping = {}
    used_fields: set[str] = set()
    for _score, negative_column, key in sorted(candidates, reverse=True):
        column = -negative_column
        # A field goes to one column; columns MentorDesk does not keep may be many.
        if column in mapping or (key in used_fields and not key.startswith("ignore")):
            continue
        mapping[column] = key
        used_fields.add(key)
    return dict(sorted(mapping.items()))


def header_row_score(row: Sequence[Any], fields: Sequence[Field]) -> int:
    """How many cells of ``row`` are column names MentorDesk knows."""
    score = 0
    for cell in row:
        if isinstance(cell, str) and cell.strip():
            header = normalize_header(cell)
            if any(match_score(header, spec) for spec in fields):
                score += 1
    return score


def find_header_row(sheet: Sheet, fields: Sequence[Field]) -> int | None:
    """The index in ``sheet.rows`` of the row of column names, or None when there is none."""
    best_index, best_score = None, 0
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        filled = [cell for cell in row if not is_blank(cell)]
        if not filled:
            continue
        # A banner merged across the sheet is a title, whatever it says.
        if len(filled) == 1 and any(
            width > 1 for (r, _), width in sheet.merged.items() if r == index
        ):
            continue
        score = header_row_score(row, fields)
        if len(filled) == 1 and score == 1 and len(row) > 1:
            score = 0.5  # a lone word above a wide table is more likely a title
        if score > best_score:
            best_index, best_score = index, score
    return best_index


@dataclass
class Table:
    """The table found on one sheet: where its header is and what each column means."""

    sheet: Sheet
    header_index: int
    headers: list[str]
    mapping: Mapping
    remembered: bool = False
    titles: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.sheet.name

    @property
    def signature(self) -> str:
        return header_signature(self.headers)

    @property
    def sheet_grade(self) -> int | None:
        """The grade a sheet name like "Gr 7" gives, used when there is no grade column."""
        return grade_from_sheet_name(self.sheet.name)

    @property
    def title_date(self):
        """A date written in the title rows ("Attendance as of 3/14/2026"), or None."""
        for title in self.titles:
            day = date_in_text(title)
            if day:
                return day
        return None

    def column_of(self, key: str) -> int | None:
        for column, mapped in self.mapping.items():
            if mapped == key:
                return column
        return None

    def header_of(self, key: str) -> str | None:
        column = self.column_of(key)
        return self.headers[column] if column is not None else None

    def has(self, *keys: str) -> bool:
        mapped = set(self.mapping.values())
        return all(key in mapped for key in keys)

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(spreadsheet row number, cells) of every row under the header that holds data."""
        rows = self.sheet.rows
        header_key = [normalize_header(cell) for cell in rows[self.header_index]]
        mapped_columns = set(self.mapping)
        wide = len(mapped_columns) >= 2
        merged_rows = {r for (r, _), width in self.sheet.merged.items() if width > 1}
        for index in range(self.header_index + 1, len(rows)):
            row = rows[index]
            filled = [(column, cell) for column, cell in enumerate(row) if not is_blank(cell)]
            if not filled:
                continue
            if len(filled) == 1 and wide:
                column, cell = filled[0]
                if index in merged_rows or column not in mapped_columns or _looks_like_note(cell):
                    continue
            # Exports repeat the header at the top of every printed page.
            if len(filled) > 1 and [normalize_header(cell) for cell in row] == header_key:
                continue
            yield self.sheet.row_number(index), row


def data_row_count(table: Table) -> int:
    """How many rows of data a table has (what every page of the import window counts)."""
    return sum(1 for _ in table.data_rows())


def _looks_like_note(cell: Any) -> bool:
    if not isinstance(cell, str):
        return False
    text = cell.strip()
    return (len(text) > 40 or "!" in text or text.endswith(":") or bool(_NOTE_WORDS.match(text)))


def find_table(sheet: Sheet, fields: Sequence[Field], *,
               remembered: dict[str, str] | None = None) -> Table | None:
    """The table on ``sheet`` with its columns guessed (or as remembered), or None."""
    index = find_header_row(sheet, fields)
    if index is None:
        return None
    raw_headers = sheet.rows[index]
    headers = [text_of(cell) for cell in raw_headers]
    titles = [" ".join(text_of(cell) for cell in row if not is_blank(cell))
              for row in sheet.rows[:index]]
    table = Table(sheet, index, headers, guess_mapping(headers, fields), titles=titles)
    if remembered is not None:
        known = {spec.key for spec in fields}
        table.mapping = mapping_from_saved(headers, remembered, known)
        table.remembered = True
    return table


def saved_form(table: Table) -> dict[str, str]:
    """A mapping as remembered: normalized header -> field key ("" for ignored columns)."""
    return {normalize_header(header): table.mapping.get(column, "")
            for column, header in enumerate(table.headers) if header}


def mapping_from_saved(headers: Sequence[str], saved: dict[str, str],
                       known_fields: set[str]) -> Mapping:
    mapping: Mapping = {}
    for column, header in enumerate(headers):
        key = saved.get(normalize_header(header), "")
        if key and key in known_fields and key not in mapping.values():
            mapping[column] = key
    return mapping


def sample_values(table: Table, column: int, count: int = 3) -> list[str]:
    """A few of a column's values, for the mapping page."""
    samples: list[str] = []
    for _, row in table.data_rows():
        if column < len(row) and not is_blank(row[column]):
            samples.append(text_of(row[column]))
            if len(samples) >= count:
                break
    return samples
