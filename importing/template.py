"""The blank nomination sheet for teachers: the right columns, a reasons drop-down, an example.

Its column names are ones the importer knows, so a filled-in sheet imports with no questions
about columns; the example row's student ID is "EXAMPLE", which the importer skips.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from importing.problems import ImportRefused
from storage import clock
from storage.safe_targets import refuse_overwriting_data

COLUMNS = (
    ("Student ID", 13), ("Last name", 18), ("First name", 16), ("Grade", 8),
    ("Nominated by", 20), ("Date", 12), ("Reason", 20), ("Notes", 40), ("When free", 28),
)
REASON_CHOICES = ("Attendance", "Behavior", "Academics", "Social-emotional", "Other")
EXAMPLE = ("EXAMPLE", "Rivera", "Ana", 7, "Ms. Example", None, "Attendance",
           "Quiet lately; has missed several Mondays", "Mon lunch, Wed after school")
HEADER_ROW = 3
FILLED_ROWS = 300
PRINTED_ROWS = 25


def write_nomination_template(path: Path | str, *, today: dt.date | None = None) -> Path:
    """Save the blank nomination sheet as an .xlsx at ``path`` (written whole, then moved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path).expanduser()
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    refuse_overwriting_data(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "Nominations"
    sheet["A1"] = "Mentoring program: students to nominate"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A2"] = ("One row per student. Pick a reason from the list (or type several, "
                   "separated by commas). The grey example row is skipped when imported.")
    sheet["A2"].font = Font(italic=True, color="52606D")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    header_fill = PatternFill("solid", fgColor="DCE6F0")
    line = Side(style="thin", color="C3CCD6")
    boxed = Border(left=line, right=line, top=line, bottom=line)
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
        cell.border = boxed
        sheet.column_dimensions[cell.column_letter].width = width
        # Ruled boxes for the first rows, so a printed sheet can be filled in by hand too.
        for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + PRINTED_ROWS):
            sheet.cell(row=row, column=column).border = boxed
            if title == "Grade":
                sheet.cell(row=row, column=column).alignment = Alignment(horizontal="center")
    example = list(EXAMPLE)
    example[5] = today or clock.today()
    for column, value in enumerate(example, start=1):
        cell = sheet.cell(row=HEADER_ROW + 1, column=column, value=value)
        cell.font = Font(italic=True, color="7B8794")
    sheet.cell(row=HEADER_ROW + 1, column=6).number_format = "m/d/yyyy"
    for row in range(HEADER_ROW + 2, HEADER_ROW + 2 + FILLED_ROWS):
        sheet.cell(row=row, column=6).number_format = "m/d/yyyy"
        sheet.cell(row=row, column=1).number_format = "@"  # IDs keep their leading zeros
    reasons = DataValidation(type="list", formula1='"' + ",".join(REASON_CHOICES) + '"',
                             allow_blank=True, showErrorMessage=False)
    reasons.promptTitle = "Reason"
    reasons.prompt = "Pick one, or type several separated by commas."
    reasons.showInputMessage = True
    sheet.add_data_validation(reasons)
    reason_column = sheet.cell(row=HEADER_ROW, column=7).column_letter
    reasons.add(f"{reason_column}{HEADER_ROW + 1}:{reason_column}{HEADER_ROW + 1 + FILLED_ROWS}")
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    temporary = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        book.save(temporary)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ImportRefused(
            f"MentorDesk could not save the nomination sheet to {path} ({error.strerror}). "
            "Choose another folder (your Documents folder, say), or close the file if it is "
            "open in Excel."
        ) from None
    return path
