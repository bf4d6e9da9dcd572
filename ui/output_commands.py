"""File > Print, Export, the mentor roster, a mentee's profile and the nomination sheet: what
the window prints or saves (each off the UI thread where it takes time)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from storage import clock
from ui import printing
from ui.loading import read_file

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def save_nomination_sheet(window: MainWindow) -> None:
    """The blank nomination sheet for teachers, saved where the facilitator says."""
    path = printing.ask_save_path(window, "Save a blank nomination sheet",
                                  "Nomination sheet.xlsx", printing.EXCEL_FILTER)
    if path is None:
        return

    def write() -> Path:
        from importing.template import write_nomination_template

        return write_nomination_template(path)

    printing.save_in_background(window, "Saving the nomination sheet…", write,
                                partial(_saved_file, window))


def print_list(window: MainWindow) -> None:
    """Print (or save as PDF) the list on screen, as filtered and sorted."""
    shown = _shown_list(window)
    if shown is None:
        return
    from reports.list_print import needs_landscape, table_document
    from reports.pdf import decor_for

    decor = decor_for(window.desk.db, shown.title)
    decor.landscape = needs_landscape(shown.headers, shown.rows, shown.formats)
    # The texts as shown, with the column formats only lining figures up on the right.
    _print_or_save(window, lambda: table_document(shown.title, shown.headers, shown.rows,
                                               shown.formats),
                        decor, shown.title)


def export_list(window: MainWindow) -> None:
    """Save the list on screen, as filtered and sorted, as an Excel workbook."""
    shown = _shown_list(window)
    if shown is None:
        return
    printing.export_list(window, shown.title, shown.headers,
                         shown.values if shown.values is not None else shown.rows,
                         partial(_saved_file, window), school_name=window.desk.school_name(),
                         column_formats=shown.formats)


def print_roster(window: MainWindow) -> None:
    """The mentor roster (each mentor with mentees, usual times, contacts), to print or
    save as PDF."""
    if not window.desk.is_open or window.desk.year is None:
        return
    from reports.pdf import decor_for

    data_path, year_id = window.desk.data.path, window.desk.year_id

    def document():
        return read_file(data_path, lambda db: printing.roster_pages(db, year_id)[1])

    _print_or_save(window, document, decor_for(window.desk.db, "Mentor roster"), "Mentor roster")


def export_roster(window: MainWindow) -> None:
    """The mentor roster as an Excel workbook."""
    if not window.desk.is_open or window.desk.year is None:
        return
    path = printing.ask_save_path(window, "Export the mentor roster", printing.file_name(
        f"Mentor roster {window.desk.year['name']}", ".xlsx"), printing.EXCEL_FILTER)
    if path is None:
        return
    data_path, year_id = window.desk.data.path, window.desk.year_id

    def write() -> Path:
        from reports.roster import export_roster, mentor_roster

        return read_file(data_path,
                         lambda db: export_roster(mentor_roster(db, year_id), path))

    printing.save_in_background(window, "Saving the roster…", write, partial(_saved_file, window))


def print_profile(window: MainWindow, student_id: int) -> None:
    """A mentee's one-page profile for their mentor, to print or save as PDF."""
    if not window.desk.is_open or window.desk.year is None:
        return
    from reports.pdf import decor_for

    data_path, year_id = window.desk.data.path, window.desk.year_id

    def document():
        return read_file(data_path,
                         lambda db: printing.profile_pages(db, student_id, year_id)[1])

    _print_or_save(window, document, decor_for(window.desk.db, "Mentee profile"),
                        "Mentee profile")


def print_sign_in_sheet(window: MainWindow, training_id: int) -> None:
    """A training session's sign-in sheet (every active mentor, a line to sign on), to print
    or save as PDF."""
    if not window.desk.is_open:
        return
    from reports.pdf import decor_for

    data_path = window.desk.data.path

    def document():
        from reports.sign_in import sign_in_document, sign_in_sheet

        return read_file(data_path,
                         lambda db: sign_in_document(sign_in_sheet(db, training_id)))

    _print_or_save(window, document, decor_for(window.desk.db, "Sign-in sheet"), "Sign-in sheet")


def ask_print_or_pdf(window: MainWindow, title: str) -> str | None:
    """Print, or save as a PDF? ("print", "pdf", or None for neither.)"""
    box = QMessageBox(window)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Print “{title}”, or save it as a PDF file?")
    print_button = box.addButton("Print…", QMessageBox.ButtonRole.AcceptRole)
    pdf_button = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(print_button)
    box.exec()
    clicked = box.clickedButton()
    return "print" if clicked is print_button else "pdf" if clicked is pdf_button else None


def _print_or_save(window: MainWindow, make_document, decor, title: str) -> None:
    how = ask_print_or_pdf(window, title)
    if how == "print":
        printing.print_document(window, make_document(), decor)
    elif how == "pdf":
        suggested = printing.file_name(f"{title} {clock.today().isoformat()}", ".pdf")
        printing.save_document_as_pdf(window, make_document, decor, suggested,
                                      partial(_saved_file, window))


def _shown_list(window: MainWindow):
    screen = window.current_screen()
    shown = screen.shown_list() if screen is not None else None
    if shown is None:
        QMessageBox.information(window, "MentorDesk", "This screen has no list to print. "
                                "Go to Students, Mentors, Matches or Meetings first.")
    return shown


def _saved_file(window: MainWindow, path: Path) -> None:
    QMessageBox.information(window, "Saved", f"Saved {Path(path).name} in:\n"
                            f"{Path(path).parent}")
