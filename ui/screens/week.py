"""This week: the home screen. Every list of who needs attention, each with its count, each
row opening its student or mentor, each saying plainly when all is well; the weekly notes for
mentors are one click away."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from actions import matches as match_actions
from analysis.week import LIST_NAMES, LIST_WORDS, Week, this_week
from program.vocabulary import day_words, plural
from storage import clock
from ui.desk import EVERYTHING, Desk
from ui.loading import Loader
from ui.models.table import FilterProxy
from ui.models.week import MENTOR, STUDENT, WIDTHS, WeekListModel, week_rows
from ui.operations import perform
from ui.screens.base import Screen, ShownList, button, make_table, set_column_widths, title_label
from ui.widgets.detail_pane import scrolling, section_title

MOST_ROWS_SHOWN = 8  # a longer list scrolls inside its box
TWO_COLUMNS_FROM = 1000  # the screen's width (logical pixels) from which the lists sit side by side


def day_on_screen(year: dict, today: dt.date) -> tuple[dt.date | None, str]:
    """The day the lists are worked out for, for a school year on screen: today when the year
    holds it, its last day for a year that is over; None (with why) for a year to come."""
    first, last = dt.date.fromisoformat(year["first_day"]), dt.date.fromisoformat(year["last_day"])
    if today < first:
        return None, (f"The school year {year['name']} starts on {day_words(first)}: this "
                      "screen fills up once it has begun.")
    if today > last:
        return last, (f"The school year {year['name']} ended on {day_words(last)}: these are "
                      "the lists of its last week.")
    return today, ""


class WeekList(QFrame):
    """One list: its heading with the count, the table, or a sentence that all is well."""

    opened = Signal(str, int)  # "student" or "mentor", internal id
    close_requested = Signal(dict)  # a row of "left the school": close its match

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("pane")
        heading, self.calm_words = LIST_WORDS[name]
        self.heading_words = heading
        self.heading = section_title(heading)
        self.heading.setAccessibleName(heading)
        self.model = WeekListModel(name, self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(heading, f"{heading}: double-click a row (or press Enter) to "
                                "open it", self.proxy)
        # A list fits its box: no sideways scrolling; a long value is shortened with "…" and
        # shows whole in its tip.
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        set_column_widths(self.table, WIDTHS[name])
        header = self.table.horizontalHeader()
        self.wanted_widths = [header.sectionSize(c) for c in range(header.count())]
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.heading.setBuddy(self.table)
        self.calm = QLabel("")
        self.calm.setObjectName("hint")
        self.calm.setWordWrap(True)
        self.calm.setAccessibleName(f"{heading}: all is well")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.calm)
        layout.addStretch(1)  # beside a longer list, this one stays at the top of its box
        self.set_rows([])

    def set_rows(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        self.heading.setText(f"{self.heading_words} ({len(rows)})")
        self.calm.setText(f"All is well: {self.calm_words}.")
        self.calm.setVisible(not rows)
        self.table.setVisible(bool(rows))
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus if rows else Qt.FocusPolicy.NoFocus)
        shown = min(len(rows), MOST_ROWS_SHOWN)
        height = (self.table.horizontalHeader().sizeHint().height()
                  + shown * self.table.verticalHeader().defaultSectionSize()
                  + 2 * self.table.frameWidth() + 2)
        self.table.setFixedHeight(height)
        if self.name == "left_school_still_matched":
            self._add_close_buttons()

    def fit_columns(self) -> None:
        """The starting widths when they fit the box; else each narrowed in proportion."""
        room = self.table.viewport().width()
        if room <= 0:
            return
        wanted = sum(self.wanted_widths)
        share = min(1.0, room / wanted) if wanted else 1.0
        for column, width in enumerate(self.wanted_widths[:-1]):
            self.table.setColumnWidth(column, int(width * share))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def _add_close_buttons(self) -> None:
        column = len(self.model.COLUMNS) - 1
        for row in range(self.proxy.rowCount()):
            record = self.proxy.row_at(row)
            close = QPushButton("Close: student moved")
            close.setToolTip(f"End {record['student']}'s match with {record['mentor']} on "
                             f"{day_words(record['last_day'])}, their last school day, with "
                             "the reason \"student moved\"")
            close.setAccessibleName(f"Close the match of {record['student']}: student moved")
            close.clicked.connect(partial(self.close_requested.emit, record))
            self.table.setIndexWidget(self.proxy.index(row, column), close)

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.proxy.row_at(index.row())
        if row.get("id") is not None:
            self.opened.emit(row["opens"], row["id"])

    def shown_list(self, title: str) -> ShownList:
        return ShownList.of(title, self.proxy)


class WeekScreen(Screen):
    """Who needs attention this week, for the school year on screen."""

    KEY = "this_week"
    TITLE = "This week"
    CHANGES = EVERYTHING

    notes_requested = Signal(object)  # a mentor id (or None): the weekly notes dialog

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.loader = Loader(self)
        self.week: Week | None = None
        self.day: dt.date | None = None
        self.chosen_mentor: int | None = None
        self._focus_when_loaded = False
        self._columns = 0
        self.when = QLabel("")
        self.when.setObjectName("count")
        self.when.setWordWrap(True)
        self.note = QLabel("")
        self.note.setObjectName("banner")
        self.note.setWordWrap(True)
        self.note.hide()
        self.notes_button = button("Weekly &notes for mentors…", "Each mentor's note for the "
                                   "week: their mentees' absences, meetings, goals, referrals "
                                   "and the best day to meet. Print it, copy it or email it.",
                                   lambda: self.notes_requested.emit(self.chosen_mentor),
                                   primary=True)
        self.lists: dict[str, WeekList] = {}
        for name in LIST_NAMES:
            section = WeekList(name)
            section.opened.connect(self._opened)
            section.close_requested.connect(self._close_for_student_moved)
            section.table.selectionModel().currentRowChanged.connect(
                partial(self._row_chosen, section))
            self.lists[name] = section
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(10)
        page = QWidget()
        body = QVBoxLayout(page)
        body.setContentsMargins(0, 0, 4, 0)
        body.addWidget(self.note)
        body.addLayout(self.grid)
        body.addStretch(1)
        self.scroll = scrolling(page)
        top = QHBoxLayout()
        top.addWidget(title_label(self.TITLE))
        top.addWidget(self.when, 1, Qt.AlignmentFlag.AlignBottom)
        top.addWidget(self.notes_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self._arrange(1)
        chain = [self.notes_button] + [self.lists[name].table for name in LIST_NAMES]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # Layout ------------------------------------------------------------------------------------

    def _arrange(self, columns: int) -> None:
        """The lists in one column (narrow windows, large text) or two side by side."""
        if columns == self._columns:
            return
        self._columns = columns
        for section in self.lists.values():
            self.grid.removeWidget(section)
        for position, name in enumerate(LIST_NAMES):
            self.grid.addWidget(self.lists[name], position // columns, position % columns)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(2 if self.width() >= TWO_COLUMNS_FROM else 1)

    # Loading -----------------------------------------------------------------------------------

    def load(self) -> None:
        day, why = day_on_screen(self.desk.year, clock.today())
        self.day = day
        self.note.setText(why)
        self.note.setVisible(bool(why))
        if day is None:
            self.clear()
            self.note.setText(why)
            self.note.show()
            return
        self.when.setText("Loading…")
        year_id = self.desk.year_id
        self.loader.load(self.desk.data.path, lambda db: this_week(db, day, year_id),
                         self._loaded)

    def _loaded(self, week: Week) -> None:
        self.week = week
        rows = week_rows(week)
        for name, section in self.lists.items():
            section.set_rows(rows[name])
        waiting = sum(len(rows[name]) for name in LIST_NAMES if name != "meeting_days")
        if self._focus_when_loaded and (self.focusWidget() in (None, self.notes_button)
                                        or not self.isAncestorOf(self.window().focusWidget())):
            self._focus_when_loaded = False
            if self.isVisible():
                self.focus_first_list()
        self.when.setText(
            f"{day_words(week.week_from, with_weekday=True)} to "
            f"{day_words(week.day, with_weekday=True)} · {week.year_name} · "
            + (f"{plural(waiting, 'thing')} to look at" if waiting else "all is well"))
        self.loaded.emit()

    def clear(self) -> None:
        self.loader.forget()
        self.week = None
        for section in self.lists.values():
            section.set_rows([])
        self.when.setText("")

    # Acting ------------------------------------------------------------------------------------

    def _opened(self, kind: str, record_id: int) -> None:
        if kind == STUDENT:
            self.student_requested.emit(record_id)
        elif kind == MENTOR:
            self.mentor_requested.emit(record_id)

    def _row_chosen(self, section: WeekList, current: QModelIndex, _previous) -> None:
        if current.isValid():
            self.chosen_mentor = section.proxy.row_at(current.row()).get("mentor_id")

    def _close_for_student_moved(self, row: dict) -> None:
        note = f"Left the school (exit date on the roster: {row['left']})."
        perform(self, self.desk, partial(match_actions.close_match, match_id=row["match_id"],
                                         last_day=row["last_day"], reason="student_moved",
                                         note=note))

    def rows_shown(self) -> int:
        """Every list's rows together."""
        return sum(section.model.rowCount() for section in self.lists.values())

    def focused_list(self) -> WeekList | None:
        """The list the keyboard is in (or was last in), if any."""
        widget = self.focusWidget()
        for section in self.lists.values():
            if widget is section.table or section.isAncestorOf(widget):
                return section
        return None

    def focus_first_list(self) -> None:
        """Put the keyboard in the first list that has rows (else on the notes button); while
        the lists load, once they have."""
        self._focus_when_loaded = self.loader.busy or self.week is None
        for name in LIST_NAMES:
            table: QTableView = self.lists[name].table
            if self.lists[name].model.rowCount():
                table.setFocus(Qt.FocusReason.OtherFocusReason)
                if not table.currentIndex().isValid():
                    table.setCurrentIndex(table.model().index(0, 0))
                table.scrollTo(table.currentIndex(), QAbstractItemView.ScrollHint.EnsureVisible)
                return
        self.notes_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def shown_list(self) -> ShownList | None:
        section = self.focused_list()
        if section is None or not section.model.rowCount():
            return None
        year = f" — {self.week.year_name}" if self.week else ""
        return section.shown_list(f"{section.heading_words}{year}")
