"""Starting the MentorDesk window: the QApplication, the data file, the first-run welcome."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from storage.database import DataFile, open_data_file
from storage.errors import KnownProblem, ReadOnlyFile
from storage.paths import data_folder, default_data_file, is_on_network_share
from ui.errors import install_excepthook, show_error

DEMO_FILE_NAME = "demo-school.sqlite"


def demo_file_path() -> Path:
    """Where the demo school lives: beside the real data file, never instead of it."""
    return data_folder() / DEMO_FILE_NAME


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, with MentorDesk's names and look."""
    from ui import refcount_guard

    refcount_guard.install()
    QCoreApplication.setOrganizationName("MentorDesk")
    QCoreApplication.setApplicationName("MentorDesk")
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    from ui.icons import app_icon
    from ui.style import apply_style

    apply_style(app)
    app.setWindowIcon(app_icon())
    return app


def open_for_window(path: Path, *, create: bool) -> DataFile:
    """Open a file for the window: the writer's lock and the checks that refuse a foreign or
    newer file. The whole-file check and the day's backup follow once the window is up
    (ui.file_checks); the day's copy is brought up to date again when the window closes.

    A read-only file opens read-only (and checked whole at once, as nothing is written to it):
    everything can be looked at, and a change is refused with a sentence that says the file is
    read-only (its permissions stay as they are).
    """
    try:
        data = open_data_file(path, write=True, create=create, full_check=False)
    except ReadOnlyFile:
        return open_data_file(path, write=False)
    data.backup_on_close = True
    return data


def warn_if_network_share(parent, path: Path) -> None:
    if is_on_network_share(path):
        QMessageBox.warning(
            parent,
            "MentorDesk",
            f"{path.name} is on a network drive. MentorDesk works best with its data file on "
            "this computer: a dropped network connection can damage the file. Consider moving "
            "it to your Documents folder (File > Back up now first).",
        )


def run(db_path: str | None = None, *, open_demo: bool = False, self_test: bool = False) -> int:
    """Open the MentorDesk window; returns the exit code.

    ``self_test``: open the file (the demo school when none is named), wait until the first
    screen's rows are painted, visit every screen, close, and exit 0 when all went well.
    """
    from storage.crash_log import enable_hard_crash_log

    # A segmentation fault inside Qt kills the process before any Python handler runs.
    enable_hard_crash_log()
    app = make_application()
    if self_test:
        from ui.self_test import SelfTest

        checker = SelfTest(app)
    else:
        install_excepthook()
    from ui.main_window import MainWindow

    window = MainWindow()
    if self_test:
        checker.watch(window)
        open_demo = open_demo or db_path is None
    if not open_first_file(window, db_path, open_demo=open_demo):
        return 1
    window.show()
    code = app.exec()
    return checker.result(code) if self_test else code


def open_first_file(window, db_path: str | None, *, open_demo: bool = False) -> bool:
    """Open the file MentorDesk starts on; False when there is nothing to open (say why first).

    No --db: the default data file, and on the very first run the choice of the demo school.
    A --db naming a file that does not exist: ask before making a new, empty one there.
    """
    if open_demo:
        window.open_demo_school()
        return True
    path = Path(db_path).expanduser() if db_path else default_data_file()
    create = db_path is None
    if db_path is None and not path.exists() and ask_for_demo_on_first_run(window):
        window.open_demo_school()
        return True
    if db_path is not None and not path.exists():
        answer = QMessageBox.question(
            None, "MentorDesk",
            f"There is no MentorDesk data file at {path}.\n\nMake a new, empty one there?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        create = True
    try:
        window.open_file(path, create=create)
    except KnownProblem as problem:
        show_error(None, problem)
        return False
    return True


def ask_for_demo_on_first_run(parent) -> bool:
    """The welcome: try the demo school, or start the school's own file."""
    box = QMessageBox(parent)
    box.setWindowTitle("Welcome to MentorDesk")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText("Welcome to MentorDesk.")
    box.setInformativeText(
        "Would you like to look around a demo school first? It is filled with made-up students "
        "and mentors, kept in a separate file, so you can try everything safely.\n\n"
        "You can open it any time later from File > Open demo school."
    )
    demo = box.addButton("Open the demo school", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Start with my own school", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    box.exec()
    return box.clickedButton() is demo
