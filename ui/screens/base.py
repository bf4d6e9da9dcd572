"""What every screen shares: reloading when its records change, lists to print, saved layout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QWidget,
)

from ui.desk import Desk
from ui.models.table import FilterProxy


@dataclass
class ShownList:
    """A list as it is shown (filtered and sorted): what Print and Export write."""

    title: str
    headers: list[str]
    rows: list[list[str]]
    # For Excel: the same cells as numbers, fractions and dates where they are exactly that,
    # and a format per column (reports.formats); None: the texts, as shown.
    values: list[list[Any]] | None = None
    formats: list[str | None] | None = None

    @classmethod
    def of(cls, title: str, proxy: FilterProxy) -> ShownList:
        """The proxy's rows as shown, with their values for Excel."""
        headers, rows = proxy.visible_table()
        values, formats = proxy.visible_values()
        return cls(title, headers, rows, values, formats)


class Screen(QWidget):
    """A page of the window over the open data file and the year on screen."""

    KEY = ""
    TITLE = ""
    CHANGES: frozenset[str] = frozenset()  # kinds of change that make this screen reload

    loaded = Signal()  # the screen shows fresh data (tests wait for it)
    student_requested = Signal(int)  # "show me this student" (internal id)
    mentor_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._dirty = True
        desk.opened.connect(self.mark_dirty)
        desk.year_changed.connect(self.mark_dirty)
        desk.changed.connect(self._changed)

    def _changed(self, kinds: frozenset) -> None:
        if kinds & self.CHANGES:
            self.mark_dirty()

    def mark_dirty(self) -> None:
        """Reload now if on screen, else the next time it is shown."""
        self._dirty = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def reload(self) -> None:
        self._dirty = False
        if self.desk.is_open and self.desk.year is not None:
            self.load()
        else:
            self.clear()

    def load(self) -> None:
        """Read this screen's data (off the UI thread when it can take long)."""

    def clear(self) -> None:
        """No file or no year: show nothing."""

    def shown_list(self) -> ShownList | None:
        """The main list as shown, for File > Print / Export this list."""
        return None

    def rows_shown(self) -> int:
        """How many rows the screen shows now (its main list's, when it has one)."""
        proxy = getattr(self, "proxy", None)
        return proxy.rowCount() if proxy is not None else 0

    def save_state(self, settings: QSettings) -> None:
        """Remember splitters and column widths."""

    def restore_state(self, settings: QSettings) -> None:
        """Put splitters and column widths back."""


def make_table(name: str, tooltip: str, proxy: FilterProxy) -> QTableView:
    """A list view as every screen uses it: whole rows, sortable, alternating colours."""
    view = QTableView()
    view.setModel(proxy)
    view.setObjectName(name)
    view.setAccessibleName(name)
    view.setToolTip(tooltip)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control, as people expect
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSortIndicatorShown(True)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    from ui.focus import TypingGoesToSearch

    view.typing = TypingGoesToSearch(view)  # letters go to a search box, never type-ahead
    return view


def make_combo(label: str, tooltip: str, choices: list[tuple[str, Any]],
               on_change: Callable[[], None] | None = None) -> QComboBox:
    """A drop-down with words shown and values kept (``currentData()``)."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    combo.setAccessibleName(label)
    combo.setToolTip(tooltip)
    for text, value in choices:
        combo.addItem(text, value)
    if on_change is not None:
        combo.currentIndexChanged.connect(lambda _=None: on_change())
    return combo


def refill(combo: QComboBox, choices: list[tuple[str, Any]]) -> None:
    """Replace a drop-down's choices, keeping the chosen one when it is still offered (quietly:
    no change signal)."""
    wanted = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, value in choices:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(wanted)) if wanted is not None else 0)
    combo.blockSignals(False)


def labelled(text: str, widget: QWidget) -> QWidget:
    """A small label in front of a control, linked to it (Alt+letter moves focus there)."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    label = QLabel(text)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    box.setFocusProxy(widget)  # Tab order and focus go to the control itself
    return box


def button(text: str, tooltip: str, on_click: Callable[[], None], *,
           primary: bool = False) -> QPushButton:
    """A push button with its tooltip and accessible name set."""
    widget = QPushButton(text)
    # Never squeezed below its text: the pane around it grows instead.
    widget.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    widget.setToolTip(tooltip)
    widget.setAccessibleName(text.replace("&", "").rstrip("…").strip())
    if primary:
        widget.setObjectName("primary")
    widget.clicked.connect(lambda _=False: on_click())
    return widget


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    label.setAccessibleName(text)
    return label


def select_row(view: QTableView, row: int | None) -> None:
    """Select and show one row of a view (None: clear the selection)."""
    if row is None:
        view.clearSelection()
        return
    index = view.model().index(row, 0)
    view.setCurrentIndex(index)
    view.selectRow(row)
    view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)


def set_column_widths(view: QTableView, characters: list[int]) -> None:
    """Starting widths in characters, never narrower than the column's title (the person's own
    widths, once saved, win)."""
    width = view.fontMetrics().horizontalAdvance("n")
    header = view.horizontalHeader()
    bold = header.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    title_metrics = QFontMetrics(bold)
    model = view.model()
    for column, count in enumerate(characters):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        # Cell padding, and room for the title with the header's padding beside it.
        view.setColumnWidth(column, max(count * width + 12,
                                        title_metrics.horizontalAdvance(title) + 22))
