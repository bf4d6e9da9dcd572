"""File > Open, Open demo school, Back up now, Import and Import history: the window's files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from actions.core import Outcome
from storage.errors import KnownProblem
from ui.desk import EVERYTHING
from ui.errors import show_error
from ui.loading import read_file

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def choose_and_open_file(window: MainWindow) -> None:
    """File > Open: another MentorDesk data file, in this window."""
    start = str(window.desk.data.path.parent) if window.desk.data else ""
    name, _ = QFileDialog.getOpenFileName(
        window, "Open a MentorDesk data file", start, "MentorDesk data (*.sqlite);;All files (*)"
    )
    if name:
        try:
            window.open_file(Path(name))
        except KnownProblem as problem:
            show_error(window, problem)


def open_demo_school(window: MainWindow) -> None:
    """Open the demo school, making it first (in the background) when it does not exist."""
    from ui.app import demo_file_path

    path = demo_file_path()
    if path.exists() and path.stat().st_size > 0:
        try:
            window.open_file(path)
        except KnownProblem as problem:
            show_error(window, problem)
        return
    from ui.progress import run_with_progress

    def work(progress):
        from actions.demo import make_demo_school
        from storage.database import open_data_file

        with open_data_file(path, write=True, create=True) as data:
            make_demo_school(data.db, file_name=path.name, progress=progress)
        return path

    def done(made: Path) -> None:
        try:
            window.open_file(made)
        except KnownProblem as problem:
            show_error(window, problem)

    def cancelled() -> None:
        path.unlink(missing_ok=True)
        QMessageBox.information(window, "MentorDesk", "The demo school was not made.")

    run_with_progress(window, "Making the demo school…", work, done, writes=True,
                      on_cancelled=cancelled)


def open_recent(window: MainWindow, path: Path) -> None:
    """File > Open recent: a file opened lately."""
    try:
        window.open_file(path)
    except KnownProblem as problem:
        show_error(window, problem)


def back_to_own_school(window: MainWindow) -> None:
    """From the demo, one click back to the school's own file (made if it does not exist yet:
    the start page then sets up the school year)."""
    from ui.recent_files import own_school

    path = own_school()
    try:
        window.open_file(path, create=not path.exists())
    except KnownProblem as problem:
        show_error(window, problem)


def fill_recent_menu(window: MainWindow) -> None:
    """The files opened lately, newest first, each with its folder in the tip."""
    from ui.recent_files import recent

    menu = window.recent_menu
    menu.clear()
    current = window.desk.data.path if window.desk.data else None
    shown = [path for path in recent() if current is None or path != current]
    for number, path in enumerate(shown, start=1):
        action = menu.addAction(f"&{number % 10} {path.name}")
        action.setStatusTip(str(path))
        action.setToolTip(str(path))
        action.triggered.connect(lambda _=False, p=path: open_recent(window, p))
    if not shown:
        none = menu.addAction("No other file opened lately")
        none.setEnabled(False)


def back_up_now(window: MainWindow) -> None:
    """A copy of the data file in its backups folder, made off the UI thread."""
    if not window.desk.is_open:
        return
    from ui.progress import run_with_progress

    path = window.desk.data.path

    def work(progress):
        from actions.backups import back_up_now as back_up

        return read_file(path, lambda db: back_up(db, path))

    def done(outcome: Outcome) -> None:
        window.desk.applied(outcome)
        copy = outcome.value
        QMessageBox.information(
            window, "Backed up",
            f"A copy of your data was saved as {copy.name} in the folder:\n{copy.parent}")

    run_with_progress(window, "Backing up…", work, done, writes=True)


def open_import_wizard(window: MainWindow) -> None:
    """File > Import…: the step-by-step import; every screen reloads after an import."""
    if not window.desk.is_open:
        return
    from ui.dialogs.import_wizard import ImportWizard

    def imported(kind: str, outcome) -> None:
        # Every screen reloads; the one that shows what came in is brought forward.
        window.desk.applied(outcome)
        window.show_screen(IMPORTED_ON.get(kind, "attendance"))

    ImportWizard(window, window.desk.data.path, imported).exec()
    from ui.focus import land_on_screen

    # After an import every list is new: the keyboard starts on the screen's list again.
    land_on_screen(window)


# The screen that shows each kind of import.
IMPORTED_ON = {"students": "students", "mentors": "mentors", "matches": "matches",
               "meetings": "meetings", "attendance": "attendance", "calendar": "attendance"}


def open_import_history(window: MainWindow) -> None:
    """File > Import history…: the imports made into this file, each undoable as a whole."""
    if not window.desk.is_open:
        return
    from ui.dialogs.import_history import ImportHistoryDialog

    dialog = ImportHistoryDialog(window, window.desk.data.path,
                                 on_changed=lambda *_: window.desk.notify(*EVERYTHING))
    dialog.exec()
