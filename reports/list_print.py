"""Any on-screen list as a printable document (title, date, the table; page numbers come from
:mod:`reports.pdf` when it is printed or saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QTextDocument

from reports import html
from reports.document import new_document
from reports.formats import ColumnFormats, date_words, display_text, resolve_formats, unwrap
from storage import clock

# Wider than this many characters in all (the columns' usual widths), a list prints landscape.
LANDSCAPE_FROM = 100
_LONGEST_COLUMN = 40
_ONE_LINE_UP_TO = 16


def column_room(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                formats: Sequence[str]) -> list[tuple[int, bool]]:
    """Each column's usual width in characters, and whether its cells stay on one line.

    A column gets room for its usual (not its longest) cell and its heading's longest word;
    short cells such as IDs, grades and dates are never broken."""
    room = []
    for index, (header, fmt) in enumerate(zip(headers, formats, strict=True)):
        lengths = sorted(len(display_text(*unwrap(row[index] if index < len(row) else None,
                                                  fmt)))
                         for row in rows[:1000]) or [0]
        # The usual filled cell: a column mostly empty (a mentor) still gets room for names.
        filled = [length for length in lengths if length] or [0]
        usual = filled[int(0.9 * (len(filled) - 1))]
        word = max((len(part) for part in str(header).split()), default=1)
        one_line = fmt != "wrap" and lengths[-1] <= _ONE_LINE_UP_TO
        width = max(word, lengths[-1] if one_line else min(usual, _LONGEST_COLUMN), 3)
        room.append((width, one_line))
    return room


def needs_landscape(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                    column_formats: ColumnFormats = None) -> bool:
    """True when the list is too wide to read on a portrait page."""
    formats = resolve_formats(list(headers), rows, column_formats)
    return sum(width + 2 for width, _ in column_room(headers, rows, formats)) > LANDSCAPE_FROM


def table_document(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    column_formats: ColumnFormats = None,
    *,
    subtitle: str | None = None,
    printed_on: dt.date | None = None,
) -> QTextDocument:
    """A document holding one list under its title, ready for :func:`reports.pdf.save_pdf`."""
    formats = resolve_formats(list(headers), rows, column_formats)
    printed_on = printed_on or clock.today()
    count = f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}"
    line = " · ".join(part for part in (subtitle, count, f"printed {date_words(printed_on)}")
                      if part)
    room = column_room(headers, rows, formats)
    total = sum(width + 2 for width, _ in room) or 1
    widths = [max(1, round(100 * (width + 2) / total)) for width, _ in room]
    body = (html.heading(title, 1) + html.paragraph(line, muted=True)
            + '<div style="font-size: 9pt">'
            + html.table(headers, rows, formats, widths=widths,
                         no_wrap=[one_line for _, one_line in room], padding=3, gutter=10)
            + "</div>")
    return new_document(body, title=title)
