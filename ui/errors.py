"""Two kinds of error: the world's get a plain message; bugs get a crash dialog and a log file."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from storage.crash_log import write_crash_report
from storage.errors import explain


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """Show ``error`` the right way: its sentence if the world caused it (a known problem, a
    full disk, a folder not writable), a crash report if it is a bug."""
    known = explain(error)
    if known is not None:
        QMessageBox.warning(parent, "MentorDesk", known.message)
    else:
        show_crash(parent, error)


def show_crash(parent: QWidget | None, error: BaseException) -> None:
    log = write_crash_report(error)
    where = (f"The details were saved to:\n{log}" if log is not None
             else "The details could not be saved (the disk may be full or not writable).")
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("MentorDesk ran into a problem")
    box.setText("Something went wrong inside MentorDesk. This is not your mistake, and your "
                "data file is safe: every change is saved as you make it.")
    box.setInformativeText(where + "\n\nPlease send that file to whoever supports MentorDesk.")
    box.setDetailedText("".join(traceback.format_exception(type(error), error,
                                                           error.__traceback__)))
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions on the UI thread to the crash dialog instead of a dead window."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        error.__traceback__ = tb
        show_error(QApplication.activeWindow(), error)

    sys.excepthook = hook
