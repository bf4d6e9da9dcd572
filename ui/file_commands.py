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

    wizard = ImportWizard(window, window.desk.data.path,
                          lambda *_: window.desk.notify(*EVERYTHING))
    wizard.exec()


def open_import_history(window: MainWindow) -> None:
    """File > Import history…: the imports made into this file, each undoable as a whole."""
    if not window.desk.is_open:
        return
    from ui.dialogs.import_history import ImportHistoryDialog

    dialog = ImportHistoryDialog(window, window.desk.data.path,
                                 on_changed=lambda *_: window.desk.notify(*EVERYTHING))
    dialog.exec()
