"""Edit > Undo and Redo: they name the change they would take back or make again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actions import undo as undo_actions
from ui.operations import perform

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def undo(window: MainWindow) -> None:
    """Take back the last change whole (Ctrl+Z)."""
    if window.desk.is_open and undo_actions.undo_title(window.desk.db):
        perform(window, window.desk, undo_actions.undo)


def redo(window: MainWindow) -> None:
    """Make again the change Undo took back last."""
    if window.desk.is_open and undo_actions.redo_title(window.desk.db):
        perform(window, window.desk, undo_actions.redo)


def name_undo_and_redo(window: MainWindow) -> None:
    """"Undo Log a meeting with Ana Peña": the entries say what they would do, or wait."""
    desk = window.desk
    undo_title = undo_actions.undo_title(desk.db) if desk.is_open else None
    redo_title = undo_actions.redo_title(desk.db) if desk.is_open else None
    window.undo_action.setEnabled(undo_title is not None)
    window.undo_action.setText(f"&Undo {_menu_text(undo_title)}" if undo_title else "&Undo")
    window.undo_action.setStatusTip(f"Take back: {undo_title}" if undo_title
                                    else "Nothing to undo")
    window.redo_action.setEnabled(redo_title is not None)
    window.redo_action.setText(f"&Redo {_menu_text(redo_title)}" if redo_title else "&Redo")
    window.redo_action.setStatusTip(f"Make again: {redo_title}" if redo_title
                                    else "Nothing to redo")


def _menu_text(title: str) -> str:
    # A menu shows & as a shortcut mark; long names are cut so the menu stays narrow.
    text = title.replace("&", "&&")
    return text if len(text) <= 60 else text[:57].rstrip() + "…"
