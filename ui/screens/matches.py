"""The Matches screen: every match of the year, how it is meeting, and its meetings."""

from __future__ import annotations

import datetime as dt

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from program.vocabulary import plural
from storage import matches, meetings
from ui.desk import MATCHES, MEETINGS, MENTORS, STUDENTS, Desk
from ui.models.matches import (
    ALL,
    ATTENTION,
    CLOSED,
    OPEN,
    MatchesModel,
    MatchFilter,
    load_rows,
    status_words,
)
from ui.models.meetings import MeetingsModel, group_rows
from ui.models.table import FilterProxy
from ui.screens.base import button, labelled, make_combo, make_table, refill, set_column_widths
from ui.screens.list_screen import ListScreen, mentor_choices
from ui.widgets.detail_pane import DetailPane, add_to, section_title
from ui.words import day_words, usual_time
from ui.words import escaped as _e


class MatchDetail(DetailPane):
    """One match: who, since when, how it is meeting, and its meetings."""

    close_requested = Signal(int)
    meeting_requested = Signal(int)  # student id
    student_requested = Signal(int)
    mentor_requested = Signal(int)

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Match", "Choose a match in the list to see its meetings here.", 420,
                         parent)
        self.desk = desk
        self.row: dict | None = None
        self.student_button = button("&Student", "Open the student", self._student)
        self.mentor_button = button("M&entor", "Open the mentor", self._mentor)
        self.meeting_button = button("&Log a meeting…", "Record a meeting for this match "
                                     "(Ctrl+M)", self._meeting)
        self.close_button = button("&Close the match…", "End this match with a reason; it "
                                   "stays in the history", self._close)
        actions = QHBoxLayout()
        add_to(actions, self.meeting_button, self.close_button, self.student_button,
               self.mentor_button)
        actions.addStretch(1)
        self.meetings_model = MeetingsModel(self)
        self.meetings_proxy = FilterProxy(self)
        self.meetings_proxy.setSourceModel(self.meetings_model)
        self.meetings = make_table("Meetings of this match", "Every meeting logged for this "
                                   "match, newest first", self.meetings_proxy)
        set_column_widths(self.meetings, [15, 16, 14, 11, 12, 5, 18, 24])
        # The student and the mentor are the match's (Kind says when it was a group).
        self.meetings.setColumnHidden(1, True)
        self.meetings.setColumnHidden(2, True)
        self.meetings_title = section_title("Meetings")
        add_to(self.content, self.title, self.facts, actions, self.meetings_title,
               (self.meetings, 1))
        self.show_match(None)

    def show_match(self, row: dict | None) -> None:
        self.row = row
        self.set_showing(row is not None)
        if row is None:
            self.meetings_model.set_rows([])
            return
        self.title.setText(f"{row['student_name']} with {row['mentor_name']}")
        lines = [f"Since {day_words(row['started_on'])}"]
        when = usual_time(row["usual_weekday"], row["usual_slot"])
        if when:
            lines[0] += f", usually {when}"
        lines.append(status_words(row))
        if row.get("held") is not None:
            line = f"{plural(row['held'], 'meeting')} held"
            if row.get("attempts"):
                line += f", {plural(row['attempts'], 'attempt')} when the student was absent"
            if row["is_open"] and row.get("expected_this_month") is not None:
                line += (f"; {row['held_this_month']} held this month "
                         f"({row['expected_this_month']} expected by now)")
            lines.append(line)
        if row["closure_note"]:
            lines.append(row["closure_note"])
        self.facts.setText("<br>".join(_e(line) for line in lines))
        self.close_button.setEnabled(row["is_open"])
        self.meeting_button.setEnabled(row["is_open"])
        rows = meetings.meetings_of_match(self.desk.db, row["id"])
        for meeting in rows:
            meeting["student_id"] = row["student_id"]
            meeting["match_id"] = row["id"]
            meeting["student_first_name"] = row["student_first_name"]
            meeting["student_last_name"] = row["student_last_name"]
            meeting["student_preferred_name"] = row["student_preferred_name"]
            meeting["mentor_first_name"] = row["mentor_first_name"]
            meeting["mentor_last_name"] = row["mentor_last_name"]
        grouped = group_rows(rows)
        self.meetings_model.set_rows(grouped)
        self.meetings_title.setText(f"Meetings ({len(grouped)})")

    def _student(self) -> None:
        if self.row:
            self.student_requested.emit(self.row["student_id"])

    def _mentor(self) -> None:
        if self.row:
            self.mentor_requested.emit(self.row["mentor_id"])

    def _meeting(self) -> None:
        if self.row:
            self.meeting_requested.emit(self.row["student_id"])

    def _close(self) -> None:
        if self.row:
            self.close_requested.emit(self.row["id"])


class MatchesScreen(ListScreen):
    """Every match of the year: open ones first, with their rhythm; close one; suggest more."""

    KEY = "matches"
    TITLE = "Matches"
    NOUN = "matches"
    CHANGES = frozenset({MATCHES, MEETINGS, STUDENTS, MENTORS})

    meeting_requested = Signal(int)  # student id: the window opens Log a meeting
    suggest_all_requested = Signal()
    waiting_requested = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, MatchesModel(), MatchFilter(), parent)
        self.search = self.make_search(
            "Type part of a name", "Find in the matches list",
            "Shows only matches whose student or mentor name contains what you type",
            width_chars=24)
        self.which = make_combo("Which matches", "Open matches, those needing attention, "
                                "ended ones, or all",
                                [("Open", OPEN), ("Needing attention", ATTENTION),
                                 ("Ended", CLOSED), ("All this year", ALL)], self.apply_filters)
        self.mentor = make_combo("Mentor", "Show one mentor's matches", [("Every mentor", None)],
                                 self.apply_filters)
        self.waiting_button = button("Match a &waiting student…", "Go to the students who were "
                                     "nominated and have no mentor yet",
                                     self.waiting_requested.emit)
        self.suggest_button = button("S&uggest matches for everyone waiting…",
                                     "MentorDesk proposes the best mentor for every waiting "
                                     "student at once; you tick the ones to keep",
                                     self.suggest_all_requested.emit, primary=True)
        self.filter_controls(self.which, self.mentor, self.search)
        self.make_list("Matches list", "Click a match to see its meetings; click a column title "
                       "to sort", [22, 18, 11, 25, 5, 12, 24])
        detail = MatchDetail(desk)
        detail.close_requested.connect(self.close_match)
        detail.student_requested.connect(self.student_requested)
        detail.mentor_requested.connect(self.mentor_requested)
        detail.meeting_requested.connect(self.meeting_requested)
        self.lay_out([self.waiting_button, self.suggest_button],
                     [self.search, labelled("S&how", self.which),
                      labelled("Me&ntor", self.mentor), None],
                     detail=detail, orientation=Qt.Orientation.Vertical, sizes=(420, 300))

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id, as_of)

    def before_rows(self, rows: list[dict]) -> None:
        refill(self.mentor, mentor_choices(self.desk.db))

    def current_filter(self) -> MatchFilter:
        return MatchFilter(self.which.currentData(), self.mentor.currentData(),
                           self.search.text())

    def reveal(self, row: dict) -> None:
        """A match asked for by name (an ended one, say): show every match of the year."""
        self.clear_filters(apply=False)
        self.set_choice(self.which, ALL)
        self.apply_filters()

    def show_detail(self, row: dict | None) -> None:
        self.detail.show_match(row)

    def empty_words(self, year: str) -> str:
        return (f"No matches in {year} yet. Open a student and choose Find a mentor…, or let "
                "MentorDesk suggest matches for everyone waiting.")

    def update_count(self) -> None:
        open_rows = [row for row in self.model.rows() if row["is_open"]]
        overdue = sum(1 for row in open_rows if row["overdue"])
        behind = sum(1 for row in open_rows if row["behind_target"] and not row["overdue"])
        self.count.setText(f"{len(open_rows)} open matches ({overdue} overdue, {behind} behind "
                           f"this month) · showing {self.proxy.rowCount()}")

    def current_match_id(self) -> int | None:
        return self.current_id()

    def show_match(self, match_id: int) -> None:
        """Select a match (after the next load if one is on its way)."""
        self.show_id(match_id)

    def close_match(self, match_id: int) -> None:
        from ui.dialogs.close_match import CloseMatchDialog

        dialog = CloseMatchDialog(self.desk, match_id, self)
        if dialog.exec():
            self._wanted = match_id
            record = matches.match(self.desk.db, match_id)
            self.status_message.emit(
                f"Closed the match of {record['student_first_name']} "
                f"{record['student_last_name']} with {record['mentor_first_name']} "
                f"{record['mentor_last_name']}.")
