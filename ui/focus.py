"""Where the keyboard goes: after a file opens (the demo too), after an import, after a dialog
closes, and when someone types while a list has the keyboard.

Qt on its own left the keyboard on the School year drop-down after a file opened (the first
control in the window: typing changed the year), nowhere after some dialogs closed, and in a
list typing a letter silently moved the selection to another student ("type-ahead").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit, QWidget


def usable(widget: QWidget | None) -> bool:
    """A widget the keyboard can sensibly be on: shown, enabled, taking focus."""
    return (widget is not None and widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() != Qt.FocusPolicy.NoFocus)


def land_on_screen(window) -> None:
    """Put the keyboard where the screen on view starts: its list (This week: the first list
    with rows), else its search box, else the screen itself; and bring the window forward."""
    screen = window.current_screen()
    window.activateWindow()
    if screen is None:
        return
    first = getattr(screen, "focus_first_list", None)
    if first is not None:
        first()
        return
    table = getattr(screen, "table", None)
    if usable(table) and table.model() is not None and table.model().rowCount():
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    search = getattr(screen, "search", None)
    if usable(search):
        search.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    screen.setFocus(Qt.FocusReason.OtherFocusReason)


class TypingGoesToSearch(QObject):
    """On a list, typed letters go to a search box (the list's own, else the window's Find),
    instead of silently moving the selection to the next row starting with that letter."""

    def __init__(self, view: QAbstractItemView,
                 search: Callable[[], QLineEdit | None] | None = None) -> None:
        super().__init__(view)
        self.view = view
        self.search = search  # the list's own search box (asked each time: made later)
        view.installEventFilter(self)

    def target(self) -> QLineEdit | None:
        own = self.search() if self.search is not None else None
        if usable(own):
            return own
        window = self.view.window()
        found = getattr(window, "search", None)
        return found if isinstance(found, QLineEdit) and usable(found) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier
                                          | Qt.KeyboardModifier.KeypadModifier)
        text = event.text()
        if modifiers or not text or not text.isprintable() or text.isspace():
            return False  # arrows, Enter, Tab, shortcuts: the list's own
        search = self.target()
        if search is None:
            return True  # no type-ahead: the selection never jumps unseen
        search.setFocus(Qt.FocusReason.OtherFocusReason)
        search.insert(text)
        search.textEdited.emit(search.text())  # the window's Find box searches as typed
        return True


class DialogFocusKeeper(QObject):
    """When a dialog of the window closes, the keyboard goes back to where it was; when that
    place is gone (hidden, disabled, or nowhere), to the screen's list."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.Hide and isinstance(watched, QDialog)
                and watched.isModal() and watched.parentWidget() is not None
                and watched.parentWidget().window() is self.window):
            QTimer.singleShot(0, self.restore)
        return False

    def restore(self) -> None:
        if QApplication.activeModalWidget() is not None or not self.window.isVisible():
            return  # another dialog is still open
        self.window.activateWindow()
        focused = self.window.focusWidget()
        if usable(focused) and focused is not self.window.year_combo:
            focused.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            return
        land_on_screen(self.window)

    def forget(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
