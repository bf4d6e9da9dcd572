"""The Trainings screen: the year's sessions, a checklist to tick who came, the sign-in sheet,
and the mentors who missed a required session with no make-up yet."""

from __future__ import annotations

import datetime as dt
from functools import partial

import sqlite_utils
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from actions import trainings as training_actions
from ui import window_state
from ui.desk import MENTORS, TRAININGS, Desk
from ui.models.table import FilterProxy
from ui.models.trainings import CAME as CAME_COLUMN
from ui.models.trainings import TITLE as TITLE_COLUMN
from ui.models.trainings import (
    AttendeesModel,
    MissedModel,
    TrainingsModel,
    load_rows,
    missed_rows,
)
from ui.operations import perform
from ui.screens.base import button, make_table, set_column_widths
from ui.screens.list_screen import ListScreen
from ui.widgets.detail_pane import DetailPane, add_to, section_title
from ui.words import day_words


class AttendancePane(DetailPane):
    """Who came to the chosen session: a tick per mentor, saved as it is ticked."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Session", "Choose a session in the list to tick who came.", 300,
                         parent)
        self.desk = desk
        self.row: dict | None = None
        self.checklist = AttendeesModel(self._tick, self)
        self.view = QListView()
        self.view.setModel(self.checklist)
        self.view.setObjectName("Who came")
        self.view.setAccessibleName("Who came")
        self.view.setToolTip("Tick each mentor who came (Space ticks the one chosen); it is "
                             "saved at once")
        self.view.setAlternatingRowColors(True)
        self.hint = QLabel("")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        add_to(self.content, self.title, self.facts, section_title("Who came (tick each one):"),
               (self.view, 1), self.hint)
        self.show_session(None)

    def show_session(self, row: dict | None) -> None:
        """Show a session's checklist (the same session keeps its place in the list)."""
        same = row is not None and self.row is not None and row["id"] == self.row["id"]
        position = self.view.currentIndex().row() if same else -1
        scrolled = self.view.verticalScrollBar().value() if same else 0
        self.row = row
        self.checklist.set_session(row)
        self.set_showing(row is not None)
        if row is None:
            return
        self.title.setText(row["title"])
        self.title.setAccessibleName(f"Session: {row['title']}")
        came, active = len(row["attendee_ids"]), row["active_mentors"]
        self.facts.setText(f"{day_words(row['held_on'], with_weekday=True)} · "
                           + ("required" if row["required"] else "optional")
                           + (f" · {came} came of {active} active mentors" if row["held"]
                              else ""))
        if not row["held"]:
            self.hint.setText("Not held yet: tick who came once it has been held. Print the "
                              "sign-in sheet to take to the session.")
        elif row["missed"]:
            self.hint.setText(f"{len(row['missed'])} active mentors missed this required "
                              "session and have not made it up yet (listed below).")
        else:
            self.hint.setText("")
        self.hint.setVisible(bool(self.hint.text()))
        if position >= 0 and position < self.checklist.rowCount():
            self.view.setCurrentIndex(self.checklist.index(position))
        self.view.verticalScrollBar().setValue(scrolled)

    def _tick(self, mentor_id: int, came: bool) -> bool:
        if self.row is None:
            return False
        return perform(self, self.desk, partial(training_actions.set_attended,
                                                training_id=self.row["id"],
                                                mentor_id=mentor_id, came=came)) is not None


class TrainingsScreen(ListScreen):
    """Mentor trainings: add sessions, tick who came, print the sign-in sheet, see who still
    has to make a required one up."""

    KEY = "trainings"
    TITLE = "Trainings"
    KEEP_IN_VIEW = CAME_COLUMN
    NOUN = "training sessions"
    CHANGES = frozenset({TRAININGS, MENTORS})

    sign_in_requested = Signal(int)  # training id: the window prints its sign-in sheet

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, TrainingsModel(), lambda row: True, parent)
        self.count.setAccessibleName("How many sessions")
        self.add_button = button("&Add a session…", "Add a training session (its date, title, "
                                 "kind and whether it is required)", self.add_session,
                                 primary=True)
        self.edit_button = button("&Edit…", "Change the chosen session", self.edit_session)
        self.delete_button = button("&Delete", "Delete the chosen session and its sign-ins "
                                    "(Edit > Undo brings them back)", self.delete_session)
        self.print_button = button("Print the &sign-in sheet…", "Every active mentor's name "
                                   "with a line to sign, to print or save as PDF",
                                   self.print_sign_in)
        self.make_list("Training sessions", "Click a session to tick who came",
                       [15, 24, 11, 8, 10])
        # The title takes the room there is (a long one is cut last).
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        pane = AttendancePane(desk)
        self.missed_model = MissedModel(self)
        missed_proxy = FilterProxy(self)
        missed_proxy.setSourceModel(self.missed_model)
        self.missed_table = make_table("Missed a required session", "Mentors who missed a "
                                       "required session and have not come to a later one of "
                                       "the same kind yet", missed_proxy)
        set_column_widths(self.missed_table, [22, 32, 12, 24])
        self.missed_table.setMaximumHeight(self.missed_table.fontMetrics().height() * 12)
        self.missed_table.activated.connect(self._missed_chosen)
        self.missed_title = section_title("")
        self.all_came = QLabel("")
        self.all_came.setObjectName("hint")
        self.all_came.setWordWrap(True)
        self.lay_out([self.add_button, self.edit_button, self.delete_button, self.print_button],
                     [], detail=pane, sizes=(640, 360))
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.missed_title)
        below_layout.addWidget(self.all_came)
        below_layout.addWidget(self.missed_table)
        self.layout().addWidget(below)
        QWidget.setTabOrder(pane, self.missed_table)
        self._update_buttons()

    # The list ----------------------------------------------------------------------------------

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id, as_of)

    def current_filter(self):
        return lambda row: True

    def before_rows(self, rows: list[dict]) -> None:
        missed = missed_rows(rows)
        self.missed_model.set_rows(missed)
        people = len({row["mentor_id"] for row in missed})
        self.missed_title.setText(f"Missed a required session, not made up yet ({people} "
                                  f"{'mentor' if people == 1 else 'mentors'})")
        self.all_came.setText("Every active mentor came to each required session held so far "
                              "(or made it up at a later one)." if not missed else "")
        self.all_came.setVisible(not missed)
        self.missed_table.setVisible(bool(missed))

    def show_detail(self, row: dict | None) -> None:
        self.detail.show_session(row)
        self._update_buttons()

    def clear(self) -> None:
        super().clear()
        self.missed_model.set_rows([])

    def empty_words(self, year: str) -> str:
        return (f"No training sessions in {year} yet. Add the year's sessions (the Add a "
                "session… button above); mark the ones every mentor must attend as required.")

    def update_count(self) -> None:
        rows = self.model.rows()
        required = sum(1 for row in rows if row["required"])
        self.count.setText(f"{len(rows)} sessions, {required} required")

    def _update_buttons(self) -> None:
        chosen = self.current_row() is not None if self.table is not None else False
        for widget in (self.edit_button, self.delete_button, self.print_button):
            widget.setEnabled(chosen)

    def _missed_chosen(self, index) -> None:
        """Enter on a missed item: choose that session to tick the make-up."""
        row = self.missed_table.model().row_at(index.row())
        self.choose(row["id"][1], reveal=True)
        self.detail.view.setFocus(Qt.FocusReason.OtherFocusReason)

    # Actions -----------------------------------------------------------------------------------

    def add_session(self) -> None:
        from ui.dialogs.training_dialog import TrainingEditor

        dialog = TrainingEditor(self.desk, None, self)
        if dialog.exec():
            self._wanted = dialog.saved_id

    def edit_session(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from ui.dialogs.training_dialog import TrainingEditor

        if TrainingEditor(self.desk, row["id"], self).exec():
            self._wanted = row["id"]

    def delete_session(self) -> None:
        row = self.current_row()
        if row is None:
            return
        came = len(row["attendee_ids"])
        answer = QMessageBox.question(
            self, "Delete a training session?",
            f"Delete \u201c{row['title']}\u201d of {day_words(row['held_on'])}"
            + (f" and its {came} sign-ins" if came else "") + "?\n\nEdit > Undo brings it back.")
        if answer == QMessageBox.StandardButton.Yes:
            perform(self, self.desk, partial(training_actions.delete_training,
                                             training_id=row["id"]))

    def print_sign_in(self) -> None:
        row = self.current_row()
        if row is not None:
            self.sign_in_requested.emit(row["id"])

    # Layout ------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        window_state.save_header(settings, "trainings_missed",
                                 self.missed_table.horizontalHeader())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        window_state.restore_header(settings, "trainings_missed",
                                    self.missed_table.horizontalHeader())
