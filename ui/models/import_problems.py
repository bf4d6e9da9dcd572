"""The import preview's problems, and the list of past imports."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from importing.problems import Problem
from ui.models.table import Column, RowsModel
from ui.words import day_words

SHEET, ROW, COLUMN, MESSAGE = range(4)


def problem_rows(problems: list[Problem]) -> list[dict]:
    return [{"sheet": p.sheet, "row": p.row, "column": p.column or "", "message": p.message,
             "stops": p.stops} for p in problems]


class ProblemsModel(RowsModel):
    """Problems found in the file: where (sheet, row, column) and what, in plain words."""

    COLUMNS = (
        Column("sheet", "Sheet", "The sheet of the workbook"),
        Column("row", "Row", "The row number, as the spreadsheet shows it", numeric=True),
        Column("column", "Column", "The column's name in the file"),
        Column("message", "Problem", "What is wrong and what MentorDesk did about it"),
    )

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        return row["message"]

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if row["stops"]:
            return QColor("#fde8e8"), QColor("#8a1c1c")
        return None


class ImportsModel(RowsModel):
    """Past imports, newest first: when, what, which file, and what each did."""

    COLUMNS = (
        Column("batch", "No.", "The import's number", numeric=True),
        Column("when", "When", "When the import was made"),
        Column("kind", "What", "What the file held"),
        Column("file", "File", "The spreadsheet imported"),
        Column("result", "Result", "What the import added and changed"),
        Column("state", "Undone", "Whether the import was undone, and when"),
    )

    def cell_text(self, row: dict, column: int) -> str:
        key = self.COLUMNS[column].key
        if key == "when":
            return f"{day_words(row['imported_at'][:10])} {row['imported_at'][11:16]}"
        if key == "result":
            return f"{row['added']} added, {row['updated']} updated"
        if key == "kind":
            return str(row["kind"]).capitalize()
        if key == "state":
            return f"Undone {day_words(row['undone_at'][:10])}" if row["undone_at"] else ""
        return super().cell_text(row, column)

    def cell_sort_value(self, row: dict, column: int) -> Any:
        if self.COLUMNS[column].key == "when":
            return row["imported_at"]
        return super().cell_sort_value(row, column)

    def cell_colours(self, row: dict, column: int) -> tuple[QColor, QColor] | None:
        if row["undone_at"]:
            return QColor("#f1f3f5"), QColor("#7b8794")
        return None
