"""Driving modal dialogs from a test: act on the dialog once it is open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_dialog_opens(kind: type, act: Callable[[QWidget], None], *, tries: int = 200) -> list:
    """Run ``act(dialog)`` as soon as a modal dialog of ``kind`` is showing.

    Returns a list that receives the dialog (so the test can check that it was seen).
    """
    seen: list = []

    def poll(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        elif left > 0:
            QTimer.singleShot(25, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return seen
