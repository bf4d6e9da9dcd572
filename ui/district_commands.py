"""File > Save for the district… and File > District roll-up…: this school's figures for the
district's program office, and several schools' files combined into the district's workbook
or PDF (no data file needed for that)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from storage import clock, settings
from ui import printing
from ui.dialogs.surveys import saved_with_notices
from ui.loading import read_file
from ui.operations import perform

if TYPE_CHECKING:
    from ui.main_window import MainWindow

DISTRICT_FILTER = "District file (*.mentordesk-district)"
ROLLUP_FILTERS = f"{printing.EXCEL_FILTER};;{printing.PDF_FILTER}"


def save_for_district(window: MainWindow) -> None:
    """This school's figures for the year on screen, as a district file."""
    from reports.district import NOTICE, SUFFIX, district_document, save_district_file

    desk = window.desk
    if not desk.is_open or desk.year is None or not _school_known(window):
        return
    year = desk.year
    school = settings.get(desk.db, "school_name")
    suggested = printing.file_name(f"{school} {year['name']}", SUFFIX)
    name, _ = QFileDialog.getSaveFileName(window, "Save for the district",
                                          str(printing.documents_folder() / suggested),
                                          DISTRICT_FILTER)
    if not name:
        return
    path = Path(name)
    data_path, year_id = desk.data.path, desk.year_id
    # The year so far: today, or the year's last day when it is over (its first day at least).
    as_of = max(_day(year["first_day"]), min(clock.today(), _day(year["last_day"])))

    def write() -> Path:
        document = read_file(data_path, lambda db: district_document(db, year_id, as_of))
        return save_district_file(document, path)

    printing.save_in_background(window, "Saving the district file…", write,
                                partial(_saved, window, notices=[NOTICE]))


def _school_known(window: MainWindow) -> bool:
    """The school's name and ID are set (asked for now when not): the district tells schools
    apart by them."""
    from actions.settings import change_setting

    desk = window.desk
    for key, question in (("school_name", "The school's name:"),
                          ("school_id", "The school's state or district school ID (the "
                                        "district tells schools apart by it):")):
        if settings.get(desk.db, key).strip():
            continue
        text, ok = QInputDialog.getText(window, "Save for the district", question)
        if not ok or not text.strip():
            return False
        if perform(window, desk, partial(change_setting, key=key, value=text)) is None:
            return False
    return True


def district_rollup(window: QWidget) -> None:
    """Choose the schools' district files, then where the district's workbook or PDF goes."""
    from reports.rollup import combine
    from reports.rollup_model import publish
    from reports.rollup_outputs import save_rollup

    names, _ = QFileDialog.getOpenFileNames(window, "Choose the schools' district files",
                                            str(printing.documents_folder()), DISTRICT_FILTER)
    if not names:
        return
    try:
        rollup = combine([Path(name) for name in names])
    except Exception as error:  # a refusal gets its sentence, a bug the crash dialog
        from ui.errors import show_error

        show_error(window, error)
        return
    suggested = printing.file_name(f"District roll-up {rollup.year['name']}", ".xlsx")
    name, chosen = QFileDialog.getSaveFileName(window, "Save the district roll-up",
                                               str(printing.documents_folder() / suggested),
                                               ROLLUP_FILTERS)
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() not in (".xlsx", ".pdf"):
        path = path.with_name(path.name + (".pdf" if chosen == printing.PDF_FILTER
                                           else ".xlsx"))
    schools = len(rollup.schools)
    notes = [f"{schools} {'school' if schools == 1 else 'schools'} counted, school year "
             f"{rollup.year['name']}.", *rollup.notes,
             "Small counts are not shown (fewer than 5), nor any figure they could be worked "
             "out from."]
    printing.save_in_background(window, "Making the district roll-up…",
                                lambda: save_rollup(publish(rollup), path),
                                partial(_saved, window, notices=notes))


def _saved(window: QWidget, path: Path, *, notices: list[str]) -> None:
    saved_with_notices(window, path, notices)


def _day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)

