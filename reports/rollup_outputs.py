"""The district roll-up as published: an Excel workbook (Schools, Survey, About) or a PDF, a
row per school and the district's totals, small counts hidden as issue 12's engine decides."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reports import survey_section
from reports.formats import date_words
from reports.rollup import RollUp
from reports.rollup_model import ROW_COUNTS, ROW_FIGURES, Published
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT
from storage import clock

TITLE = "District mentoring roll-up"
SCHOOL_HEADERS = ["School", "School ID", "Data as of", "Mentors active",
                  *[words for _, _, words in ROW_COUNTS], *[words for _, words, *_ in ROW_FIGURES]]
SCHOOL_FORMATS = ["text", "text", "text", "integer", *["integer"] * len(ROW_COUNTS),
                  "integer", "percent", "percent", "percent", "decimal"]
SURVEY_HEADERS = survey_section.HEADERS
SURVEY_FORMATS = survey_section.FORMATS
HIDDEN_NOTE = (f"\u201c{SMALL_TEXT}\u201d: a count of 1 to 4 students (or of a school with "
               f"fewer than 5 mentees), hidden so that no student can be picked out. "
               f"\u201c{COMPLEMENT_TEXT}\u201d: hidden too, because a small count could be worked "
               "out from it and the figures beside it.")

def _school_rows(published: Published) -> list[list[Any]]:
    rows = []
    for row in [*(published.school_row(s) for s in published.rollup.schools),
                published.district_row()]:
        as_of = row["as_of"]
        rows.append([row["school"], row["school_id"],
                     date_words(_day(as_of)) if as_of else "", row["mentors_active"],
                     *[row[report_key] for _, report_key, _ in ROW_COUNTS],
                     *[_rounded(row[key]) for key, *_ in ROW_FIGURES]])
    return rows


def _survey_rows(published: Published) -> list[list[Any]]:
    return [[row["question"], row["mentees"], survey_section.shown_figure(row["average_start"]),
             survey_section.shown_figure(row["average_end"]),
             survey_section.shown_figure(row["change"]), row["higher"], row["same"],
             row["lower"]]
            for row in published.survey_rows()]


def _about(rollup: RollUp) -> list[str]:
    year = rollup.year
    lines = [
        f"School year {year['name']} ({date_words(_day(year['first_day']))} to "
        f"{date_words(_day(year['last_day']))}); {len(rollup.schools)} "
        f"{'school' if len(rollup.schools) == 1 else 'schools'}, each from the district file "
        "it saved with MentorDesk.",
        "Each figure means what it means in a school's own program report; the district "
        "total adds the schools up, and its rates pool the schools' school days.",
        "Mentees judged: those with enough school days before and after their match began to "
        "say whether their attendance improved.",
        "Survey averages: answers from 1 (strongly disagree) to 4 (strongly agree), of the "
        "mentees who answered a question at both the start and the end of mentoring.",
        HIDDEN_NOTE,
        *rollup.notes,
        f"Made with MentorDesk on {date_words(clock.today())}.",
    ]
    return lines


def save_rollup(published: Published, path: Path | str, *, paper: str | None = None) -> Path:
    """Write the roll-up as .xlsx or .pdf (by the path's ending)."""
    path = Path(path).expanduser()
    if path.suffix.lower() == ".xlsx":
        return save_rollup_workbook(published, path)
    return save_rollup_pdf(published, path, paper=paper)


def save_rollup_workbook(published: Published, path: Path | str) -> Path:
    """The roll-up as an Excel workbook: Schools, Survey, About."""
    from reports.workbook_style import add_table_sheet, new_workbook, save_workbook

    rollup = published.rollup
    subtitle = f"School year {rollup.year['name']} · {len(rollup.schools)} schools"
    book = new_workbook(TITLE)
    add_table_sheet(book, "Schools", TITLE, SCHOOL_HEADERS, _school_rows(published),
                    SCHOOL_FORMATS, subtitle=subtitle, notes=[HIDDEN_NOTE],
                    page_header=rollup.year["name"])
    add_table_sheet(book, "Survey", "How mentees' survey answers changed", SURVEY_HEADERS,
                    _survey_rows(published), SURVEY_FORMATS, subtitle=subtitle,
                    notes=[HIDDEN_NOTE], page_header=rollup.year["name"],
                    empty_text="No survey answers")
    add_table_sheet(book, "About", "About these figures", ["Note"],
                    [[line] for line in _about(rollup)], ["wrap"],
                    subtitle=subtitle, page_header=rollup.year["name"])
    return save_workbook(book, path)


# The PDF splits the schools' table in two, so that each fits across a page.
_PROGRAM_PARTS = (0, 1, 2, 3, 4, 5, 12)  # school, ID, as of, mentors, matched, served, meetings
_PROGRAM_WIDTHS = (30, 12, 15, 9, 11, 11, 12)
_ATTENDANCE_PARTS = (0, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16)
_ATTENDANCE_WIDTHS = (16, 8, 9, 8, 7, 10, 9, 9, 9, 9, 7)


def _part(rows: list[list[Any]], columns: tuple[int, ...]) -> list[list[Any]]:
    return [[row[column] for column in columns] for row in rows]


def rollup_document(published: Published):
    """The roll-up's pages, as a QTextDocument."""
    from reports import html
    from reports.document import new_document

    rollup = published.rollup
    rows = _school_rows(published)

    def table(columns: tuple[int, ...], widths: tuple[int, ...]) -> str:
        headers = [SCHOOL_HEADERS[column] for column in columns]
        formats = [SCHOOL_FORMATS[column] for column in columns]
        return ('<div style="font-size: 8pt">'
                + html.table(headers, _part(rows, columns), formats, widths=list(widths),
                             padding=3, no_wrap=[False, True, True]) + "</div>")

    body = [html.heading(TITLE, 1),
            html.paragraph(f"School year {rollup.year['name']} · {len(rollup.schools)} schools "
                           "· a row per school, then the district's total", muted=True),
            html.heading("The programs", 2),
            table(_PROGRAM_PARTS, _PROGRAM_WIDTHS),
            html.heading("Attendance", 2),
            table(_ATTENDANCE_PARTS, _ATTENDANCE_WIDTHS),
            html.paragraph(HIDDEN_NOTE, muted=True, small=True),
            html.heading("How mentees' survey answers changed", 2),
            '<div style="font-size: 8pt">',
            html.table(SURVEY_HEADERS, _survey_rows(published), SURVEY_FORMATS, padding=3,
                       widths=[32, 14, 9, 9, 9, 9, 9, 9],
                       empty_text="No survey answers in these schools' files."),
            "</div>",
            html.heading("About these figures", 2),
            html.bullet_list(_about(rollup))]
    return new_document("".join(body), title=TITLE)


def save_rollup_pdf(published: Published, path: Path | str, *, paper: str | None = None) -> Path:
    """The roll-up as a PDF, across the page (the schools' table is wide)."""
    from reports.pdf import PageDecor, save_pdf
    from reports.qt_app import ensure_gui_application

    ensure_gui_application()
    decor = PageDecor(title=TITLE, school_name=f"School year {published.rollup.year['name']}",
                      printed_on=clock.today(), landscape=True)
    return save_pdf(rollup_document(published), path, decor, paper=paper)


def _day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def _rounded(value: Any) -> Any:
    return round(value, 4) if isinstance(value, float) else value
