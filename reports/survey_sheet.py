"""A sheet to type paper survey answers into: one row per form handed back, a column per
question headed by its words, so the filled-in sheet imports as survey answers with no
questions asked (File > Import, Survey answers)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from program.surveys import AGREEMENT, PHASE_WORDS, STUDENT_ID_QUESTION
from reports.saving import write_atomically

HEADER_ROW = 3
FILLED_ROWS = 400


def sheet_name(audience: str, phase: str) -> str:
    """The file name the window offers ("... (start).xlsx"): its words say when."""
    who = "students" if audience == "mentee" else "mentors"
    return f"Survey answers from paper, {who} ({PHASE_WORDS[phase]}).xlsx"


def write_answer_sheet(path: Path | str, audience: str, phase: str,
                       questions: Sequence[dict]) -> Path:
    """Save the sheet as an .xlsx at ``path``."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    who = "students" if audience == "mentee" else "mentors"
    identity = [(STUDENT_ID_QUESTION, 16)] if audience == "mentee" else [("Name", 22),
                                                                          ("Email", 26)]
    columns = [("Date", 12), *identity, *[(q["text"], 22 if q["kind"] == "agreement" else 40)
                                          for q in questions]]
    book = Workbook()
    sheet = book.active
    sheet.title = f"Answers ({PHASE_WORDS[phase]})"
    sheet["A1"] = (f"Survey answers from paper: {who}, {PHASE_WORDS[phase]} of mentoring")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = ("One row per form handed back. Pick each answer from the list (or type 1 to "
                   "4, 1 being strongly disagree). Leave a box empty when the question was "
                   "not answered. Keep the column headings as they are.")
    sheet["A2"].font = Font(italic=True, color="52606D")
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                          end_column=min(len(columns), 8))
    fill = PatternFill("solid", fgColor="DCE6F0")
    line = Side(style="thin", color="C3CCD6")
    for column, (title, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=column, value=title)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(left=line, right=line, top=line, bottom=line)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.row_dimensions[HEADER_ROW].height = 62
    for row in range(HEADER_ROW + 1, HEADER_ROW + 1 + FILLED_ROWS):
        sheet.cell(row=row, column=1).number_format = "m/d/yyyy"
        sheet.cell(row=row, column=2).number_format = "@"  # IDs keep their leading zeros
    choices = DataValidation(type="list", formula1='"' + ",".join(AGREEMENT) + '"',
                             allow_blank=True, showErrorMessage=False)
    sheet.add_data_validation(choices)
    for column, question in enumerate(questions, start=len(identity) + 2):
        if question["kind"] == "agreement":
            letter = sheet.cell(row=HEADER_ROW, column=column).column_letter
            choices.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + FILLED_ROWS}")
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=len(identity) + 2)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    path = Path(path).expanduser()
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    return write_atomically(path, lambda temporary: book.save(temporary))
