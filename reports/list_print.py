"""Any on-screen list as a printable document (title, date, the table; page numbers come from
:mod:`reports.pdf` when it is printed or saved)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QTextDocument

from reports import html
from reports.document import new_document
from reports.formats import ColumnFormats, date_words, resolve_formats


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
    printed_on = printed_on or dt.date.today()
    count = f"{len(rows)} {'row' if len(rows) == 1 else 'rows'}"
    line = " · ".join(part for part in (subtitle, count, f"printed {date_words(printed_on)}")
                      if part)
    body = (html.heading(title, 1) + html.paragraph(line, muted=True)
            + html.table(headers, rows, formats))
    return new_document(body, title=title)
