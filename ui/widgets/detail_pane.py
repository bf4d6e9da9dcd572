"""The pane beside (or below) a list: the chosen record's title, facts and sections, or a hint
to choose one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QLabel,
    QLayout,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

Item = QWidget | QLayout | tuple[QWidget | QLayout, int]


def add_to(layout: QBoxLayout, *items: Item) -> None:
    """Add widgets and layouts in order; ``(item, stretch)`` gives one a stretch."""
    for item in items:
        thing, stretch = item if isinstance(item, tuple) else (item, 0)
        if isinstance(thing, QLayout):
            layout.addLayout(thing, stretch)
        else:
            layout.addWidget(thing, stretch)


def text_view(name: str, tooltip: str) -> QTextBrowser:
    """Read-only rich text for a pane's section; links are the pane's to handle."""
    view = QTextBrowser()
    view.setAccessibleName(name)
    view.setToolTip(tooltip)
    view.setOpenLinks(False)
    view.setFrameShape(QFrame.Shape.NoFrame)
    return view


def scrolling(page: QWidget, *, on_panel: bool = False) -> QScrollArea:
    """A page that scrolls when it is taller than its place (long notes, a small window);
    ``on_panel``: white like the pane or tab it sits in."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    if on_panel:
        area.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        page.setAutoFillBackground(False)
    return area


def section_title(text: str) -> QLabel:
    """A small bold heading inside a pane."""
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


class DetailPane(QFrame):
    """A framed pane; subclasses put ``title``, ``facts`` and their sections in ``content``
    (the ``page`` shown while a record is chosen)."""

    def __init__(self, what: str, hint: str, minimum_width: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pane")
        self.setAccessibleName(f"{what} details")
        self.setMinimumWidth(minimum_width)
        self.title = QLabel("")
        self.title.setObjectName("paneTitle")
        self.title.setWordWrap(True)
        self.facts = QLabel("")
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName(f"{what} summary")
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.page = QWidget()
        self.content = QVBoxLayout(self.page)
        self.content.setContentsMargins(0, 0, 0, 0)
        self.empty = QLabel(hint)
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.empty, 1)

    def comfortable_width(self) -> int:
        """The width at which nothing in the pane is squeezed (what the screen gives it first)."""
        return self.minimumWidth()

    def set_showing(self, showing: bool) -> None:
        """Show the record's sections, or (False) only the hint to choose one."""
        self.page.setVisible(showing)
        self.empty.setVisible(not showing)
