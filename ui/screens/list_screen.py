"""What the list screens share: the year's rows loaded off the UI thread, a search box and
filters, a count, the table, and the chosen row's details beside or below it.

A screen says what is its own: which rows to read (:meth:`ListScreen.read_rows`), the filter
(:meth:`ListScreen.current_filter`), how to show the chosen row (:meth:`ListScreen.show_detail`),
how to widen the filters so a wanted row shows (:meth:`ListScreen.reveal`), and the count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from storage import clock, mentors
from ui import window_state
from ui.desk import Desk
from ui.loading import Loader
from ui.models.table import FilterProxy, RowsModel
from ui.screens.base import (
    Screen,
    ShownList,
    make_table,
    select_row,
    set_column_widths,
    title_label,
)

_STALE = object()  # "the detail pane shows nothing current": the next row shown is shown fresh

# An item of a header or filter row: a widget, (widget, stretch), or None for a stretch.
RowItem = QWidget | tuple[QWidget, int] | None


def mentor_choices(db: sqlite_utils.Database) -> list[tuple[str, Any]]:
    """"Every mentor", then each mentor by name: a filter's choices."""
    return [("Every mentor", None)] + [(f"{row['first_name']} {row['last_name']}", row["id"])
                                       for row in mentors.all_mentors(db)]


class ListScreen(Screen):
    """A screen around one list of the year's records (each row a dict with an ``id``)."""

    # The list's columns up to this one are kept in view beside the details when the screen is
    # first shown (None: the splitter's starting sizes as given); the person's own split, once
    # saved, wins.
    KEEP_IN_VIEW: int | None = None
    NOUN = "rows"  # what the list holds, in the plural ("students")

    def __init__(self, desk: Desk, model: RowsModel, predicate: Callable[[dict], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.model = model
        model.setParent(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.set_predicate(predicate)
        self.loader = Loader(self)
        self.count = QLabel("")
        self.count.setObjectName("count")
        self.count.setWordWrap(True)  # on a narrow window it wraps; the buttons beside it stay
        self.empty_note = QLabel("")
        self.empty_note.setObjectName("banner")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAccessibleName("Why the list is empty")
        self.empty_note.hide()
        self.table: QTableView | None = None
        self.detail: QWidget | None = None
        self.splitter: QSplitter | None = None
        self._wanted: int | None = None
        self._shown_id: object = _STALE
        self._filter_controls: list[QWidget] = []
        self._split_fitted = False

    # What each screen writes -------------------------------------------------------------------

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        """The list's rows (runs on a worker thread with its own connection: no widgets)."""
        raise NotImplementedError

    def current_filter(self) -> Callable[[dict], bool]:
        """The predicate the filters on screen make."""
        raise NotImplementedError

    def show_detail(self, row: dict | None) -> None:
        """Show the chosen row (None: nothing chosen)."""

    def reveal(self, row: dict) -> None:
        """Widen the filters so that ``row`` is shown (it was asked for by name)."""
        self.clear_filters()

    def empty_words(self, year: str) -> str:
        """What to say when the year has none of these at all: why, and what to do."""
        return f"There are no {self.NOUN} in {year} yet."

    def update_count(self) -> None:
        """Say how many rows there are and how many are shown."""

    def before_rows(self, rows: list[dict]) -> None:
        """Fill choices that come from the rows (grades, months) before they are shown."""

    # Building ----------------------------------------------------------------------------------

    def make_search(self, placeholder: str, name: str, tooltip: str, *,
                    width_chars: int = 30, delay_ms: int = 120) -> QLineEdit:
        """The list's search box: filters as the person types (after a short pause)."""
        search = QLineEdit()
        search.setPlaceholderText(placeholder)
        search.setClearButtonEnabled(True)
        # Wide enough for the whole hint (and the clear button), or ``width_chars``.
        metrics = search.fontMetrics()
        search.setMinimumWidth(max(metrics.horizontalAdvance("x" * width_chars),
                                   metrics.horizontalAdvance(placeholder) + 36))
        search.setAccessibleName(name)
        search.setToolTip(tooltip)
        timer = QTimer(self, singleShot=True, interval=delay_ms)
        timer.timeout.connect(self.apply_filters)
        search.textChanged.connect(lambda _: timer.start())
        return search

    def make_list(self, name: str, tooltip: str, widths: Sequence[int]) -> QTableView:
        """The table over the filtered rows; choosing a row shows its details."""
        self.table = make_table(name, tooltip, self.proxy)
        self.table.typing.search = lambda: getattr(self, "search", None)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        set_column_widths(self.table, list(widths))
        return self.table

    def lay_out(self, header: Sequence[RowItem], filters: Sequence[RowItem], *,
                above: Sequence[QWidget] = (), detail: QWidget | None = None,
                orientation: Qt.Orientation = Qt.Orientation.Horizontal,
                sizes: tuple[int, int] = (700, 420)) -> None:
        """The page: title and count with the header's buttons, the filter row, anything
        ``above`` the list, then the list (and the detail pane, in a splitter).

        Tab goes through the header's controls, the filters, the list, then the details.
        """
        top = QHBoxLayout()
        top.addWidget(title_label(self.TITLE))
        top.addWidget(self.count, 1, Qt.AlignmentFlag.AlignBottom)
        filter_row = QHBoxLayout()
        chain: list[QWidget] = []
        for row, items in ((top, header), (filter_row, filters)):
            for item in items:
                if item is None:
                    row.addStretch(1)
                    continue
                widget, stretch = item if isinstance(item, tuple) else (item, 0)
                row.addWidget(widget, stretch)
                chain.append(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filter_row)
        for widget in (*above, self.empty_note):
            layout.addWidget(widget)
        assert self.table is not None, "make_list() first"
        if detail is None:
            layout.addWidget(self.table, 1)
            chain.append(self.table)
        else:
            self.detail = detail
            self.splitter = QSplitter(orientation)
            self.splitter.setChildrenCollapsible(False)
            self.splitter.addWidget(self.table)
            self.splitter.addWidget(detail)
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 0)
            self.splitter.setSizes(list(sizes))
            layout.addWidget(self.splitter, 1)
            chain += [self.table, detail]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def filter_controls(self, *controls: QWidget) -> None:
        """The controls :meth:`clear_filters` puts back: combos to their first choice, tick
        boxes off, text boxes empty."""
        self._filter_controls = list(controls)

    # Loading -----------------------------------------------------------------------------------

    def load(self) -> None:
        year_id, as_of = self.desk.year_id, clock.today()
        self.count.setText("Loading…")
        self.loader.load(self.desk.data.path,
                         lambda db: self.read_rows(db, year_id, as_of), self._loaded)

    def _loaded(self, rows: list[dict]) -> None:
        wanted, self._wanted = self._wanted, None
        keep = wanted if wanted is not None else self.current_id()
        self.before_rows(rows)
        self.model.set_rows(rows)
        self.proxy.resort()
        self._counted()
        self._shown_id = _STALE  # the rows are new: show the chosen one afresh
        self.choose(keep, reveal=wanted is not None)
        self.loaded.emit()

    def clear(self) -> None:
        self.loader.forget()
        self._wanted = None
        self.model.set_rows([])
        self._show(None)
        self.count.setText("")
        self.empty_note.hide()

    # Filters -----------------------------------------------------------------------------------

    def apply_filters(self) -> None:
        """Filter the list; the chosen row stays chosen while it is shown."""
        keep = self.current_id()
        self.proxy.set_predicate(self.current_filter())
        self._counted()
        row = self._visible_row(keep)
        select_row(self.table, row)
        if row is None:
            self._show(None)

    def clear_filters(self, *, apply: bool = True) -> None:
        """Every filter back to "show all", then filter once (unless ``apply`` is False)."""
        for control in self._filter_controls:
            control.blockSignals(True)
            if isinstance(control, QComboBox):
                control.setCurrentIndex(0)
            elif isinstance(control, QAbstractButton):
                control.setChecked(False)
            elif isinstance(control, QLineEdit):
                control.clear()
            control.blockSignals(False)
        if apply:
            self.apply_filters()

    def _counted(self) -> None:
        """The count, and a plain note when the list is empty (why, and what to do)."""
        self.update_count()
        if self.model.rowCount() == 0:
            year = self.desk.year["name"] if self.desk.year else "this year"
            self.empty_note.setText(self.empty_words(year))
        elif self.proxy.rowCount() == 0:
            self.empty_note.setText(f"No {self.NOUN} match the search and filters above: "
                                    "clear them to see every one.")
        self.empty_note.setVisible(self.proxy.rowCount() == 0)

    def set_choice(self, combo: QComboBox, value: Any) -> None:
        """Choose ``value`` in a filter's drop-down without filtering yet."""
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.blockSignals(False)

    # The chosen row ----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        """The id of the chosen row (None when no row is chosen)."""
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.row_at(index.row())["id"]

    def current_row(self) -> dict | None:
        index = self.table.currentIndex()
        if self.current_id() is None:
            return None
        return self.proxy.row_at(index.row())

    def show_id(self, record_id: int) -> bool:
        """Choose a row by id, widening the filters if they hide it; after the next load when
        one is on its way. False when the year has no such row."""
        if self.loader.busy or self._dirty:
            self._wanted = record_id
            if self._dirty and self.isVisible():
                self.reload()
            return True
        self._wanted = None
        return self.choose(record_id, reveal=True)

    def choose(self, record_id: int | None, *, reveal: bool = False) -> bool:
        """Select the row with this id and show it (``reveal``: even if the filters hide it)."""
        row = self._visible_row(record_id)
        if row is None and reveal and record_id is not None:
            source = self.model.row_of(lambda r: r["id"] == record_id)
            if source is not None:
                self.reveal(self.model.row_at(source))
                row = self._visible_row(record_id)
        select_row(self.table, row)
        self._show(self.proxy.row_at(row) if row is not None else None)
        return row is not None

    def _visible_row(self, record_id: int | None) -> int | None:
        if record_id is None:
            return None
        return self.proxy.proxy_row_of(lambda r: r["id"] == record_id)

    def _current_changed(self, current, _previous) -> None:
        self._show(self.proxy.row_at(current.row()) if current.isValid() else None)

    def _show(self, row: dict | None) -> None:
        """Show a row's details, unless that row is already shown (a re-sort or filter)."""
        record_id = row["id"] if row is not None else None
        if record_id is not None and record_id == self._shown_id:
            return
        self._shown_id = record_id
        self.show_detail(row)

    # Output and layout -------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._split_fitted and self.KEEP_IN_VIEW is not None and self.splitter:
            QTimer.singleShot(0, self._fit_split)  # once the page has its size

    def _fit_split(self) -> None:
        """Give the list the room its first columns need; the details get the rest, never
        less than their own minimum."""
        total = self.splitter.width() - self.splitter.handleWidth()
        if self._split_fitted or total <= 0 or not self.isVisible():
            return
        self._split_fitted = True
        header = self.table.horizontalHeader()
        wanted = sum(header.sectionSize(column) for column in range(self.KEEP_IN_VIEW + 1))
        wanted += (self.table.verticalScrollBar().sizeHint().width()
                   + 2 * self.table.frameWidth() + 2)
        least = max(self.detail.minimumWidth(), self.detail.minimumSizeHint().width(),
                    getattr(self.detail, "comfortable_width", lambda: 0)())
        table = max(min(wanted, total - least), total // 2)
        self.splitter.setSizes([table, total - table])

    def shown_list(self) -> ShownList:
        title = f"{self.TITLE} — {self.desk.year['name']}" if self.desk.year else self.TITLE
        return ShownList.of(title, self.proxy)

    def save_state(self, settings: QSettings) -> None:
        if self.splitter is not None:
            window_state.save_splitter(settings, self.KEY, self.splitter)
        window_state.save_header(settings, self.KEY, self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        if self.splitter is not None and window_state.restore_splitter(settings, self.KEY,
                                                                       self.splitter):
            self._split_fitted = True  # the person's own split
        window_state.restore_header(settings, self.KEY, self.table.horizontalHeader())
