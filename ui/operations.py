"""The window's one way to run an action: call it, then refresh, name the undo, or explain.

Small actions run on the UI thread's connection (each is one short transaction); long ones
(making the demo school, a new school year) run through ui.progress with their own connection.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils
from PySide6.QtWidgets import QWidget

from actions.core import Outcome
from ui.desk import Desk
from ui.errors import show_error


def perform(parent: QWidget | None, desk: Desk,
            action: Callable[[sqlite_utils.Database], Outcome]) -> Outcome | None:
    """Run ``action(db)``; a refusal or a bug is shown (and None returned), else the desk
    learns what changed."""
    try:
        outcome = action(desk.db)
    except Exception as error:  # a refusal gets its sentence, a bug the crash dialog
        show_error(parent, error)
        desk.history_changed.emit()  # a refused undo may have let the history go
        return None
    desk.applied(outcome)
    return outcome
