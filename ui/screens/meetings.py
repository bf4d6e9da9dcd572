"""The Meetings screen: every meeting of the year, by month and mentor; edit, delete, undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from storage import meetings, mentors
from ui import window_state
from ui.desk import GOALS, MATCHES, MEETINGS, MENTORS, STUDENTS, Desk
from ui.loading import Loader
from ui.models.meetings import MeetingFilter, MeetingsModel, load_rows
from ui.models.table import FilterProxy
from ui.screens.base import (
    Screen,
    ShownList,
    button,
    labelled,
    make_combo,
    make_table,
    select_row,
    set_column_widths,
    title_label,
)
from ui.words import day_words, plural


class MeetingsScreen(Screen):
    """All meetings of the year: filter by month and mentor, edit one, delete with undo."""

    KEY = "meetings"
    TITLE = "Meetings"
    CHANGES = frozenset({MEETINGS, MATCHES, STUDENTS, MENTORS, GOALS})

    meeting_requested = Signal(int)  # student id (0: anyone) - the window opens Log a meeting
    undo_offered = Signal(str, object)  # what was done, and how to take it back

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.model = MeetingsModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_predicate(MeetingFilter())
        self.loader = Loader(self)
        self._wanted: int | None = None

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name, topic or word in the notes")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("x" * 30))
        self.search.setAccessibleName("Find in the meetings list")
        self.search.setToolTip("Shows only meetings whose students, mentor, topics or notes "
                               "contain what you type")
        timer = QTimer(self, singleShot=True, interval=150)
        timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _: timer.start())
        self.month = make_combo("Month", "Show one month's meetings", [("Every month", None)],
                                self.apply_filters)
        self.mentor = make_combo("Mentor", "Show one mentor's meetings", [("Every mentor", None)],
                                 self.apply_filters)
        self.log_button = button("&Log a meeting…", "Record a meeting (Ctrl+M from anywhere)",
                                 lambda: self.meeting_requested.emit(0), primary=True)
        self.edit_button = button("&Edit…", "Change the chosen meeting", self.edit_meeting)
        self.delete_button = button("&Delete", "Delete the chosen meeting (you can undo it)",
                                    self.delete_meeting)
        self.count = QLabel("")
        self.count.setObjectName("count")
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("What just happened")
        self.banner.linkActivated.connect(lambda _: self.undo())
        self.banner.hide()
        self._undo: dict | None = None
        self.table = make_table("Meetings list", "Double-click a meeting to change it; click a "
                                "column title to sort", self.proxy)
        set_column_widths(self.table, [15, 22, 16, 12, 12, 5, 22, 30])
        self.table.doubleClicked.connect(lambda *_: self.edit_meeting())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        header = QHBoxLayout()
        header.addWidget(title_label("Meetings"))
        header.addWidget(self.count, 1, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self.log_button)
        filters = QHBoxLayout()
        filters.addWidget(self.search)
        filters.addWidget(labelled("Mon&th", self.month))
        filters.addWidget(labelled("Me&ntor", self.mentor))
        filters.addStretch(1)
        filters.addWidget(self.edit_button)
        filters.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(filters)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        for first, second in ((self.log_button, self.search), (self.search, self.month),
                              (self.month, self.mentor), (self.mentor, self.edit_button),
                              (self.edit_button, self.delete_button),
                              (self.delete_button, self.table)):
            QWidget.setTabOrder(first, second)
        self._update_buttons()

    # Loading ---------------------------------------------------------------------------------

    def load(self) -> None:
        year_id = self.desk.year_id
        self.count.setText("Loading…")
        self.loader.load(self.desk.data.path, lambda db: load_rows(db, year_id), self._loaded)
        self._fill_mentors()

    def _loaded(self, rows: list[dict]) -> None:
        wanted, self._wanted = self._wanted, None
        keep = wanted or self.current_meeting_id()
        self._fill_months(rows)
        self.model.set_rows(rows)
        self.proxy.resort()
        self._update_count()
        row = self.proxy.proxy_row_of(lambda r: r["id"] == keep) if keep else None
        if row is None and wanted is not None:
            self._clear_filters()
            row = self.proxy.proxy_row_of(lambda r: r["id"] == keep)
        select_row(self.table, row)
        self._update_buttons()
        self.loaded.emit()

    def clear(self) -> None:
        self.loader.forget()
        self.model.set_rows([])
        self.count.setText("")
        self.banner.hide()
        self._undo = None

    def _fill_months(self, rows: list[dict]) -> None:
        wanted = self.month.currentData()
        months = sorted({row["month"] for row in rows}, reverse=True)
        self.month.blockSignals(True)
        self.month.clear()
        self.month.addItem("Every month", None)
        for month in months:
            self.month.addItem(f"{dt.date.fromisoformat(month + '-01'):%B %Y}", month)
        self.month.setCurrentIndex(max(0, self.month.findData(wanted)) if wanted else 0)
        self.month.blockSignals(False)

    def _fill_mentors(self) -> None:
        wanted = self.mentor.currentData()
        self.mentor.blockSignals(True)
        self.mentor.clear()
        self.mentor.addItem("Every mentor", None)
        for row in mentors.all_mentors(self.desk.db):
            self.mentor.addItem(f"{row['first_name']} {row['last_name']}", row["id"])
        self.mentor.setCurrentIndex(max(0, self.mentor.findData(wanted)))
        self.mentor.blockSignals(False)

    # Filters ---------------------------------------------------------------------------------

    def apply_filters(self) -> None:
        keep = self.current_meeting_id()
        self.proxy.set_predicate(MeetingFilter(self.month.currentData(),
                                               self.mentor.currentData(), self.search.text()))
        self._update_count()
        row = self.proxy.proxy_row_of(lambda r: r["id"] == keep) if keep else None
        select_row(self.table, row)
        self._update_buttons()

    def _clear_filters(self) -> None:
        for combo in (self.month, self.mentor):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filters()

    def _update_count(self) -> None:
        rows = self.proxy.visible_rows()
        held = sum(1 for row in rows if row["outcome"] == "held")
        self.count.setText(f"{plural(len(rows), 'meeting')} shown, {held} held")

    def _update_buttons(self) -> None:
        chosen = self.current_meeting_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def current_meeting_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.proxy.row_at(index.row())["id"]

    def show_meeting(self, meeting_id: int) -> None:
        self._wanted = meeting_id
        if not self.loader.busy and not self._dirty:
            self._loaded(self.model.rows())

    # Actions ---------------------------------------------------------------------------------

    def edit_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        from ui.dialogs.log_meeting import LogMeetingDialog, describe

        dialog = LogMeetingDialog(self.desk, self, meeting_id=meeting_id)
        if dialog.exec():
            self._wanted = meeting_id
            self.status_message.emit(describe(dialog))

    def delete_meeting(self) -> None:
        """Delete the chosen meeting at once; Undo (here or Ctrl+Z) puts it back."""
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        row = self.proxy.row_at(self.table.currentIndex().row())
        saved = meetings.delete_meeting(self.desk.db, meeting_id)
        who = ", ".join(row["student_names"])
        description = f"Deleted the meeting of {day_words(row['met_on'])} with {who}."
        self.desk.log("delete_meeting", description, meeting=saved)
        self._undo = saved
        self.banner.setText(f"{description} <a href='undo'>Undo</a>")
        self.banner.show()
        self.undo_offered.emit(description, self.undo)
        self.desk.notify(MEETINGS)

    def undo(self) -> None:
        """Put back the meeting deleted last (with its topics, students and goal notes)."""
        if self._undo is None:
            return
        saved, self._undo = self._undo, None
        meeting_id = meetings.restore_meeting(self.desk.db, saved)
        self.desk.log("undo", f"Put back the meeting of {day_words(saved['met_on'])}",
                      meeting_id=meeting_id)
        self.banner.hide()
        self._wanted = meeting_id
        self.status_message.emit("The meeting is back.")
        self.desk.notify(MEETINGS)

    # Output and layout -----------------------------------------------------------------------

    def shown_list(self) -> ShownList:
        title = f"Meetings — {self.desk.year['name']}" if self.desk.year else "Meetings"
        month = self.month.currentData()
        if month:
            title += f", {self.month.currentText()}"
        return ShownList.of(title, self.proxy)

    def save_state(self, settings: QSettings) -> None:
        window_state.save_header(settings, "meetings", self.table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        window_state.restore_header(settings, "meetings", self.table.horizontalHeader())
