"""Export any on-screen list to Excel exactly as it is filtered and sorted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reports.formats import ColumnFormats, date_words
from reports.workbook_style import add_table_sheet, new_workbook, save_workbook
from storage import clock


def export_table(
    path: Path | str,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    column_formats: ColumnFormats = None,
    *,
    subtitle: str | None = None,
    school_name: str = "",
    notes: Sequence[str] = (),
) -> Path:
    """Write one list as a formatted Excel table in a new workbook at ``path`` (atomically).

    ``column_formats`` names a format per column (by index, header or as a list): text,
    integer, decimal, number, percent (fractions), date or wrap; unnamed ones are guessed.
    """
    if subtitle is None:
        parts = [school_name, f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}",
                 f"exported {date_words(clock.today())}"]
        subtitle = " · ".join(part for part in parts if part)
    workbook = new_workbook(title)
    add_table_sheet(workbook, title, title, headers, rows, column_formats, subtitle=subtitle,
                    notes=notes, page_header=school_name)
    return save_workbook(workbook, path)
