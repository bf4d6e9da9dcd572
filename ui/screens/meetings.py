"""The Meetings screen: every meeting of the year, by month and mentor; edit, delete, undo."""

from __future__ import annotations

import datetime as dt
from functools import partial

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from actions import meetings as meeting_actions
from actions.undo import undo_title
from program.vocabulary import plural
from storage import meetings
from ui.desk import GOALS, MATCHES, MEETINGS, MENTORS, STUDENTS, Desk
from ui.models.meetings import MeetingFilter, MeetingsModel, load_rows
from ui.operations import perform
from ui.screens.base import ShownList, button, labelled, make_combo, refill
from ui.screens.list_screen import ListScreen, mentor_choices
from ui.words import escaped


class MeetingsScreen(ListScreen):
    """All meetings of the year: filter by month and mentor, edit one, delete with undo."""

    KEY = "meetings"
    TITLE = "Meetings"
    NOUN = "meetings"
    CHANGES = frozenset({MEETINGS, MATCHES, STUDENTS, MENTORS, GOALS})

    meeting_requested = Signal(int)  # student id (0: anyone) - the window opens Log a meeting
    undo_requested = Signal()  # the banner's Undo: the window's Edit > Undo

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, MeetingsModel(), MeetingFilter(), parent)
        self.search = self.make_search(
            "Type a name, topic or word in the notes", "Find in the meetings list",
            "Shows only meetings whose students, mentor, topics or notes contain what you type",
            delay_ms=150)
        self.month = make_combo("Month", "Show one month's meetings", [("Every month", None)],
                                self.apply_filters)
        self.mentor = make_combo("Mentor", "Show one mentor's meetings", [("Every mentor", None)],
                                 self.apply_filters)
        self.log_button = button("&Log a meeting…", "Record a meeting (Ctrl+M from anywhere)",
                                 lambda: self.meeting_requested.emit(0), primary=True)
        self.edit_button = button("&Edit…", "Change the chosen meeting", self.edit_meeting)
        self.delete_button = button("&Delete", "Delete the chosen meeting (you can undo it)",
                                    self.delete_meeting)
        self.filter_controls(self.month, self.mentor, self.search)
        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setAccessibleName("What just happened")
        self.banner.linkActivated.connect(lambda _: self.undo_requested.emit())
        self.banner.hide()
        # The meeting deleted last and the name of its undo step, to choose it again once
        # Edit > Undo brought it back.
        self._deleted: tuple[int, str | None] | None = None
        desk.history_changed.connect(self._history_changed)
        self.make_list("Meetings list", "Double-click a meeting to change it; click a column "
                       "title to sort", [15, 20, 17, 15, 12, 5, 21, 30])
        self.table.doubleClicked.connect(lambda *_: self.edit_meeting())
        self.lay_out([self.log_button],
                     [self.search, labelled("Mon&th", self.month),
                      labelled("Me&ntor", self.mentor), None, self.edit_button,
                      self.delete_button],
                     above=[self.banner])
        self._update_buttons()

    # What the list is --------------------------------------------------------------------------

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id)

    def before_rows(self, rows: list[dict]) -> None:
        months = sorted({row["month"] for row in rows}, reverse=True)
        refill(self.month, [("Every month", None)]
               + [(f"{dt.date.fromisoformat(month + '-01'):%B %Y}", month) for month in months])
        refill(self.mentor, mentor_choices(self.desk.db))

    def current_filter(self) -> MeetingFilter:
        return MeetingFilter(self.month.currentData(), self.mentor.currentData(),
                             self.search.text())

    def show_detail(self, row: dict | None) -> None:
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self.banner.hide()
        self._deleted = None

    def empty_words(self, year: str) -> str:
        return (f"No meetings logged in {year} yet. After a mentor meets a student, log it "
                "with Log a meeting… (Ctrl+M from anywhere).")

    def update_count(self) -> None:
        rows = self.proxy.visible_rows()
        held = sum(1 for row in rows if row["outcome"] == "held")
        self.count.setText(f"{plural(len(rows), 'meeting')} shown, {held} held")

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def current_meeting_id(self) -> int | None:
        return self.current_id()

    def show_meeting(self, meeting_id: int) -> None:
        """Select a meeting (after the next load if one is on its way)."""
        self.show_id(meeting_id)

    # Actions ---------------------------------------------------------------------------------

    def edit_meeting(self) -> None:
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        from ui.dialogs.log_meeting import LogMeetingDialog

        dialog = LogMeetingDialog(self.desk, self, meeting_id=meeting_id)
        if dialog.exec():
            self._wanted = meeting_id

    def delete_meeting(self) -> None:
        """Delete the chosen meeting at once; Undo (here or Ctrl+Z) puts it back."""
        meeting_id = self.current_meeting_id()
        if meeting_id is None:
            return
        outcome = perform(self, self.desk,
                          partial(meeting_actions.delete_meeting, meeting_id=meeting_id))
        if outcome is None:
            return
        self._deleted = (meeting_id, undo_title(self.desk.db))
        self.banner.setText(f"{escaped(outcome.message)} <a href='undo'>Undo</a>")
        self.banner.show()

    def _history_changed(self) -> None:
        if self._deleted is None or not self.desk.is_open:
            return
        meeting_id, title = self._deleted
        if undo_title(self.desk.db) != title:
            # Undone (or another change came after): the banner's offer no longer stands.
            self.banner.hide()
            self._deleted = None
            if meetings.meeting(self.desk.db, meeting_id) is not None:
                self._wanted = meeting_id

    # Output ----------------------------------------------------------------------------------

    def shown_list(self) -> ShownList:
        shown = super().shown_list()
        if self.month.currentData():
            shown.title += f", {self.month.currentText()}"
        return shown
