"""What the import window's pages share: labels, words for counts, the warning colour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

THINGS = {"students": ("student", "students"), "mentors": ("mentor", "mentors"),
          "matches": ("match", "matches"), "meetings": ("meeting", "meetings"),
          "attendance": ("student-day of attendance", "student-days of attendance"),
          "calendar": ("day without school", "days without school"),
          "surveys": ("survey response", "survey responses")}
WARNING_STYLE = "color: #8a1c1c;"


def label(text: str = "", *, name: str | None = None, rich: bool = False) -> QLabel:
    """A wrapping label (rich text only where the page builds it itself)."""
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    return widget


def things(kind: str, count: int) -> str:
    """"3 students", "1 day without school"."""
    singular, plural = THINGS[kind]
    return f"{count} {singular if count == 1 else plural}"


def rows_words(count: int) -> str:
    return f"{count} {'row' if count == 1 else 'rows'}"


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Page(QWidget):
    """One page of the import window: what the window's main button says and does on it."""

    completeChanged = Signal()  # noqa: N815 - the name QWizardPage uses
    # The main button's words on this page ("&Import", "&Show the summary").
    primary_text = "&Next"

    def enter(self) -> None:
        """The page is shown (again)."""

    def is_complete(self) -> bool:
        """Whether the main button may be pressed."""
        return True
