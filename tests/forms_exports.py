"""Response files as Microsoft Forms and Google Forms export them, made by the tests.

Microsoft Forms (Responses > Open in Excel): one sheet "Sheet1"; the columns ID, Start time,
Completion time, Email, Name (and, in newer exports, Last modified time) with real date-time
cells, then a column per question headed by its words; several choices ticked are written
"A;B;" (with a trailing semicolon); a form open to anyone has "anonymous" for Email.

Google Forms: "Download responses (.csv)" writes Timestamp as "2026/11/24 8:03:12 AM EST" and
"Email Address" when the form collects emails; several choices are written "A, B". Opened in
Google Sheets and downloaded as .xlsx, the sheet is "Form Responses 1" and the timestamps
are date-time cells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.spreadsheets import csv_file, xlsx


def microsoft_forms(path: Path, questions: Sequence[str], responses: Sequence[dict[str, Any]],
                    *, modified_column: bool = False) -> Path:
    """``responses``: dicts with "at" (a datetime), "email", "name", and answers by question."""
    headers = ["ID", "Start time", "Completion time", "Email", "Name"]
    if modified_column:
        headers.append("Last modified time")
    rows: list[list[Any]] = [headers + list(questions)]
    for number, response in enumerate(responses, start=1):
        at: dt.datetime = response["at"]
        row: list[Any] = [number, at - dt.timedelta(minutes=3), at,
                          response.get("email", "anonymous"), response.get("name", "")]
        if modified_column:
            row.append(None)
        for question in questions:
            answer = response.get(question)
            if isinstance(answer, list):
                answer = "".join(f"{part};" for part in answer)
            row.append(answer)
        rows.append(row)
    return xlsx(path, {"Sheet1": rows})


def google_forms_csv(path: Path, questions: Sequence[str],
                     responses: Sequence[dict[str, Any]], *, emails: bool = True) -> Path:
    """The CSV Google Forms' own "Download responses" writes."""
    headers = ["Timestamp"] + (["Email Address"] if emails else []) + list(questions)
    rows: list[list[Any]] = [headers]
    for response in responses:
        at: dt.datetime = response["at"]
        half = "AM" if at.hour < 12 else "PM"
        stamp = f"{at:%Y/%m/%d} {at.hour % 12 or 12}:{at:%M:%S} {half} EST"
        row: list[Any] = [stamp] + ([response.get("email", "")] if emails else [])
        for question in questions:
            answer = response.get(question)
            if isinstance(answer, list):
                answer = ", ".join(answer)
            row.append(answer)
        rows.append(row)
    return csv_file(path, rows)


def google_sheets_xlsx(path: Path, questions: Sequence[str],
                       responses: Sequence[dict[str, Any]], *, emails: bool = True) -> Path:
    """The responses sheet downloaded from Google Sheets as .xlsx."""
    headers = ["Timestamp"] + (["Email Address"] if emails else []) + list(questions)
    rows: list[list[Any]] = [headers]
    for response in responses:
        row: list[Any] = [response["at"]] + ([response.get("email", "")] if emails else [])
        for question in questions:
            answer = response.get(question)
            if isinstance(answer, list):
                answer = ", ".join(answer)
            row.append(answer)
        rows.append(row)
    return xlsx(path, {"Form Responses 1": rows})
