"""Lists written as formatted Excel tables: a title, a real Excel table (filters, banded rows),
a frozen header, column widths, number formats and a page set up for printing.

Every cell value passes through :func:`reports.excel_safety.safe_cell_value`. Workbooks are
saved atomically (:func:`save_workbook`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from reports.excel_safety import safe_cell_value
from reports.formats import (
    EXCEL_NUMBER_FORMATS,
    ColumnFormats,
    display_text,
    resolve_formats,
    unwrap,
)
from reports.saving import write_atomically

TABLE_STYLE = "TableStyleMedium2"
# Named on every font we set: a font without a name prints in a serif fallback in LibreOffice.
FONT_NAME = "Calibri"
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True, color="1F2933")
SUBTITLE_FONT = Font(name=FONT_NAME, size=10, color="52606D")
NOTE_FONT = Font(name=FONT_NAME, size=9, italic=True, color="52606D")
# The header is styled in its cells as well as by the table style: LibreOffice and some
# printers ignore table styles, and a plain header reads as one more row of figures.
HEADER_FONT = Font(name=FONT_NAME, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5F99")
LARGE_FONT = Font(name=FONT_NAME, size=14, bold=True, color="1F5F99")
# Points per line of 11-point text, and of the large figures.
_LINE_HEIGHT = 15.0
_LARGE_LINE_HEIGHT = 22.0
# Rows above the table: title, subtitle, a blank line; the table's header is row 4.
HEADER_ROW = 4
EMPTY_TABLE_TEXT = "(none)"
_WIDEST_COLUMN = 60
_NARROWEST_COLUMN = 8
# Wider than this many characters in all, a sheet prints landscape.
_LANDSCAPE_FROM = 110
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
NUMBER_FORMATS = {"integer", "decimal", "number", "percent"}


def new_workbook(title: str = "") -> Workbook:
    """An empty workbook (no default sheet) marked as made by MentorDesk."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.creator = "MentorDesk"
    workbook.properties.title = str(safe_cell_value(title))[:200]
    return workbook


def sheet_name(workbook: Workbook, wanted: str) -> str:
    """A sheet name Excel accepts (no []:*?/\\, at most 31 characters), unique in the workbook."""
    base = _SHEET_NAME_FORBIDDEN.sub(" ", wanted).strip().strip("'")[:31] or "Sheet"
    name, number = base, 2
    taken = {existing.lower() for existing in workbook.sheetnames}
    while name.lower() in taken:
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    return name


def table_name(workbook: Workbook, sheet: str) -> str:
    """A unique table name that can never look like a cell reference (letters, digits, _)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "_", sheet).strip("_") or "List"
    taken = {name.lower() for ws in workbook.worksheets for name in ws.tables}
    name, number = f"tbl_{slug}", 2
    while name.lower() in taken:
        name = f"tbl_{slug}_{number}"
        number += 1
    return name


def clean_headers(headers: Sequence[str]) -> list[str]:
    """Table headers Excel accepts: non-empty, one line, unique (case-insensitively)."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for index, header in enumerate(headers, start=1):
        text = " ".join(str(header or "").split()) or f"Column {index}"
        text = str(safe_cell_value(text))[:255]
        candidate, number = text, 2
        while candidate.lower() in seen:
            candidate = f"{text} ({number})"
            number += 1
        seen.add(candidate.lower())
        cleaned.append(candidate)
    return cleaned


def add_table_sheet(
    workbook: Workbook,
    name: str,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    column_formats: ColumnFormats = None,
    *,
    subtitle: str = "",
    notes: Sequence[str] = (),
    page_header: str = "",
    large_columns: Sequence[int] = (),
    empty_text: str = EMPTY_TABLE_TEXT,
) -> Worksheet:
    """Add a sheet holding ``rows`` as one formatted Excel table under a title; returns it.

    ``large_columns`` (0-based) are printed in large bold type: a summary's headline figures.
    """
    formats = resolve_formats(list(headers), rows, column_formats)
    sheet = workbook.create_sheet(sheet_name(workbook, name))
    sheet.cell(row=1, column=1, value=safe_cell_value(title)).font = TITLE_FONT
    sheet.row_dimensions[1].height = 21
    if subtitle:
        sheet.cell(row=2, column=1, value=safe_cell_value(subtitle)).font = SUBTITLE_FONT
    header_texts = clean_headers(headers)
    for column, (header, fmt) in enumerate(zip(header_texts, formats, strict=True), start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        # A number's heading sits over the number (right), and may take two lines.
        number = fmt in NUMBER_FORMATS
        cell.alignment = Alignment(horizontal="right" if number else "left",
                                   vertical="bottom", wrap_text=True, indent=1)
    # An Excel table needs a row: an empty list says so in words.
    body = list(rows) or [[empty_text] + [None] * (len(headers) - 1)]
    # Beside a large figure, a row's words sit in the middle of the row, level with it.
    vertical = "center" if large_columns else "top"
    for row_offset, row in enumerate(body, start=1):
        for column, column_format in enumerate(formats, start=1):
            value, fmt = unwrap(row[column - 1] if column - 1 < len(row) else None,
                                column_format)
            cell = sheet.cell(row=HEADER_ROW + row_offset, column=column,
                              value=safe_cell_value(_excel_value(value)))
            if fmt in EXCEL_NUMBER_FORMATS and not isinstance(cell.value, str):
                cell.number_format = EXCEL_NUMBER_FORMATS[fmt]
            if fmt == "wrap":
                cell.alignment = Alignment(wrap_text=True, vertical=vertical, indent=1)
            elif fmt in NUMBER_FORMATS or (isinstance(cell.value, str)
                                           and fmt in EXCEL_NUMBER_FORMATS):
                # Right, with a little room before the next column's text; "fewer than 5" in
                # a column of numbers lines up with them.
                cell.alignment = Alignment(horizontal="right", vertical=vertical, indent=1)
            else:
                # Dates too sit left, like the words they are read as ("2 Sep 2026").
                cell.alignment = Alignment(horizontal="left", vertical=vertical, indent=1)
            if column - 1 in large_columns:
                cell.font = LARGE_FONT
    last_row = HEADER_ROW + len(body)
    last_column = get_column_letter(len(headers))
    table = Table(displayName=table_name(workbook, sheet.title),
                  ref=f"A{HEADER_ROW}:{last_column}{last_row}")
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True,
                                          showColumnStripes=False, showFirstColumn=False,
                                          showLastColumn=False)
    sheet.add_table(table)
    for offset, note in enumerate(notes, start=2):
        cell = sheet.cell(row=last_row + offset, column=1, value=safe_cell_value(note))
        cell.font = NOTE_FONT
    widths = _set_widths(sheet, header_texts, body, formats, large_columns)
    _set_heights(sheet, header_texts, body, formats, widths, large_columns)
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    set_print_layout(sheet, title=title, page_header=page_header,
                     landscape=sum(widths) > _LANDSCAPE_FROM, title_rows=(HEADER_ROW, HEADER_ROW))
    return sheet


def _excel_value(value: Any) -> Any:
    """Values Excel can hold: dates as dates, everything unusual as its text."""
    if value is None or isinstance(value, (str, int, float, dt.date, dt.datetime)):
        return value
    return str(value)


def _set_widths(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                formats: Sequence[str], large_columns: Sequence[int] = ()) -> list[float]:
    widths = []
    for index, (header, fmt) in enumerate(zip(headers, formats, strict=True)):
        # A heading may wrap onto two lines; its longest word, and the filter button beside
        # it, must fit on one.
        words = header.split() or [""]
        longest = max(max(len(word) for word in words), math.ceil(len(header) / 2)) + 3
        for row in rows[:500]:
            if index < len(row):
                text = display_text(*unwrap(row[index], fmt))
                found = max((len(line) for line in text.splitlines()), default=0)
                if index in large_columns:
                    found = math.ceil(found * 1.6) + 2
                longest = max(longest, found + 2)  # the indent
        width = float(min(max(longest + 1, _NARROWEST_COLUMN), _WIDEST_COLUMN))
        if fmt == "wrap":
            width = float(_WIDEST_COLUMN)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        widths.append(width)
    return widths


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped in a column ``width`` characters wide."""
    room = max(1, int(width) - 1)
    return sum(max(1, len(textwrap.wrap(line, room))) for line in text.splitlines()) or 1


def _set_heights(sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]],
                 formats: Sequence[str], widths: Sequence[float],
                 large_columns: Sequence[int] = ()) -> None:
    """Row heights that show all of a wrapped cell: Excel and LibreOffice do not grow a row
    for text written by another program, so a long definition would be cut or overlap."""
    header_lines = max(_lines(header, width - 3) for header, width in zip(headers, widths,
                                                                          strict=True))
    sheet.row_dimensions[HEADER_ROW].height = _LINE_HEIGHT * header_lines + 3
    for offset, row in enumerate(rows[:2000], start=1):
        lines = 1
        for index, (fmt, width) in enumerate(zip(formats, widths, strict=True)):
            if fmt == "wrap" and index < len(row):
                lines = max(lines, _lines(display_text(*unwrap(row[index], fmt)), width))
        height = _LINE_HEIGHT * lines
        if large_columns:
            height = max(height, _LARGE_LINE_HEIGHT)
        if lines > 1 or large_columns:
            sheet.row_dimensions[HEADER_ROW + offset].height = height + 2


def set_print_layout(sheet: Worksheet, *, title: str, page_header: str = "",
                     landscape: bool = False, title_rows: tuple[int, int] | None = None) -> None:
    """Print on as many pages as it takes but one page wide, with page numbers and titles."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    if title_rows is not None:
        sheet.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"
    sheet.oddHeader.left.text = _header_footer_text(page_header)
    sheet.oddHeader.right.text = _header_footer_text(title)
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.oddFooter.right.text = "MentorDesk"


def _header_footer_text(text: str) -> str:
    # "&" starts a code in Excel's header language; a literal one is doubled.
    return str(safe_cell_value(" ".join(text.split())))[:120].replace("&", "&&")


def save_workbook(workbook: Workbook, path: Path | str) -> Path:
    """Save atomically (temporary file in the same folder, then replace); returns the path."""
    return write_atomically(path, lambda temporary: workbook.save(temporary))
