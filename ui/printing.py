"""Print and save from the Reports screen and the student's page: the end-of-year report, the
mentor roster, a mentee's one-page profile, and File > Export this list. The pages themselves
come from reports/.

Writing files runs off the UI thread behind a progress dialog; the print dialog and the
"Save as" dialogs are Qt's own (tests patch their static methods).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QPagedPaintDevice, QTextDocument
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from storage import clock
from ui.progress import run_with_progress

if TYPE_CHECKING:
    # Qt's print system loads when something is printed: on Linux it asks CUPS for printers,
    # which the window's start does without.
    from PySide6.QtPrintSupport import QPrinter

PDF_FILTER = "PDF (*.pdf)"
EXCEL_FILTER = "Excel workbook (*.xlsx)"


def documents_folder() -> Path:
    """Where "Save as" starts: the user's Documents folder (or home)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def file_name(text: str, suffix: str) -> str:
    """A safe file name from a title: "Students – grade 7" -> "Students - grade 7.xlsx"."""
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text).replace("–", "-")
    return " ".join(cleaned.split())[:120] + suffix


def ask_save_path(parent: QWidget | None, caption: str, suggested: str,
                  file_filter: str) -> Path | None:
    """Qt's Save dialog; None when the person cancels. The right ending is added if missing."""
    name, _ = QFileDialog.getSaveFileName(parent, caption, str(documents_folder() / suggested),
                                          file_filter)
    if not name:
        return None
    path = Path(name)
    wanted = ".pdf" if file_filter == PDF_FILTER else ".xlsx"
    return path if path.suffix.lower() == wanted else path.with_name(path.name + wanted)


def new_printer(paper: str | None = None) -> QPrinter:
    """A printer set to Letter or A4 with MentorDesk's margins."""
    from PySide6.QtPrintSupport import QPrinter

    from reports.pdf import default_paper, page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper or default_paper()))
    return printer


def print_pages(parent: QWidget | None, draw: Callable[[QPagedPaintDevice], Any], *,
                printer: QPrinter | None = None, paper: str | None = None) -> bool:
    """Ask which printer (unless one is given), then draw the pages on it; False if cancelled."""
    from PySide6.QtPrintSupport import QPrintDialog

    if printer is None:
        printer = new_printer(paper)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    draw(printer)
    return True


def print_document(parent: QWidget | None, document: QTextDocument, decor, *,
                   printer: QPrinter | None = None, paper: str | None = None) -> bool:
    """Print a document made by reports/ (page numbers, school name and logo on each page)."""
    from PySide6.QtPrintSupport import QPrintDialog

    from reports.pdf import default_paper, page_layout, render

    if printer is None and getattr(decor, "landscape", False):
        # The print dialog starts from a landscape page for a wide list.
        printer = new_printer(paper)
        printer.setPageLayout(page_layout(paper or default_paper(), landscape=True))
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle("Print")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    return print_pages(parent, lambda device: render(document, device, decor), printer=printer,
                       paper=paper)


def save_in_background(parent: QWidget | None, label: str, write: Callable[[], Path],
                       on_saved: Callable[[Path], None]) -> None:
    """Write a file off the UI thread behind a progress dialog; ``on_saved(path)`` after."""
    run_with_progress(parent, label, lambda progress: write(), on_saved)


def save_document_as_pdf(parent: QWidget | None, document_maker: Callable[[], QTextDocument],
                         decor, suggested: str, on_saved: Callable[[Path], None], *,
                         paper: str | None = None) -> Path | None:
    """Ask where, then save a document as a PDF (it is built in the background, by
    ``document_maker``, since a document belongs to the thread that made it)."""
    from reports.pdf import save_pdf

    path = ask_save_path(parent, "Save as PDF", suggested, PDF_FILTER)
    if path is None:
        return None
    save_in_background(parent, "Saving the PDF…",
                       lambda: save_pdf(document_maker(), path, decor, paper=paper), on_saved)
    return path


# Lists as shown --------------------------------------------------------------------------------


def export_list(parent: QWidget | None, title: str, headers: Sequence[str],
                rows: Sequence[Sequence[Any]], on_saved: Callable[[Path], None], *,
                school_name: str = "", column_formats=None) -> Path | None:
    """File > Export this list: the rows as shown (filtered, sorted) into a new workbook."""
    from reports.list_export import export_table

    suggested = file_name(f"{title} {clock.today().isoformat()}", ".xlsx")
    path = ask_save_path(parent, "Export this list to Excel", suggested, EXCEL_FILTER)
    if path is None:
        return None
    headers, rows = list(headers), [list(row) for row in rows]
    save_in_background(parent, "Exporting the list…",
                       lambda: export_table(path, title, headers, rows, column_formats,
                                            school_name=school_name), on_saved)
    return path


# The mentor roster and the mentee profile ---------------------------------------------------------


def roster_pages(db, year_id: int, *, as_of: dt.date | None = None):
    """(roster, document, decor) of the year's mentor roster."""
    from reports.pdf import decor_for
    from reports.roster import mentor_roster, roster_document

    roster = mentor_roster(db, year_id, as_of=as_of)
    return roster, roster_document(roster), decor_for(db, "Mentor roster")


def profile_pages(db, student_id: int, year_id: int, *, as_of: dt.date | None = None):
    """(profile, document, decor) of one mentee's one-page profile."""
    from reports.pdf import decor_for
    from reports.profile import mentee_profile, profile_document

    profile = mentee_profile(db, student_id, year_id, as_of=as_of)
    return profile, profile_document(profile), decor_for(db, "Mentee profile")


def print_profile(parent: QWidget | None, db, student_id: int, year_id: int, *,
                  printer: QPrinter | None = None) -> bool:
    """Print a mentee's one-page profile (from the student's page)."""
    _, document, decor = profile_pages(db, student_id, year_id)
    return print_document(parent, document, decor, printer=printer)
