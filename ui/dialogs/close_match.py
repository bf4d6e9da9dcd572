"""Close a match: the reason and the last day; the history keeps it."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from actions import matches as match_actions
from program.vocabulary import CLOSURE_REASONS
from storage import clock, matches
from ui.desk import Desk
from ui.dialogs.common import DateField, ok_cancel, plain
from ui.operations import perform
from ui.words import day_words, person_name


class CloseMatchDialog(QDialog):
    """Why and when a match ends."""

    def __init__(self, desk: Desk, match_id: int, parent=None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.match_id = match_id
        self.record = matches.match(desk.db, match_id)
        student = person_name(self.record, "student_")
        mentor = f"{self.record['mentor_first_name']} {self.record['mentor_last_name']}"
        self.setWindowTitle("Close a match")
        self.setAccessibleName("Close a match")
        intro = QLabel(f"End the match of <b>{student}</b> with <b>{mentor}</b> (since "
                       f"{day_words(self.record['started_on'])}). It stays in the history.")
        intro.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason")
        self.reason.setToolTip("Why the match ends (it shows in the end-of-year report)")
        for code, text in CLOSURE_REASONS.items():
            self.reason.addItem(text, code)
        # No reason chosen for the person: "planned end of year" in December would be wrong.
        self.reason.setPlaceholderText("Choose why the match ends")
        self.reason.setCurrentIndex(-1)
        started = dt.date.fromisoformat(self.record["started_on"])
        self.ended_on = DateField(max(clock.today(), started), "Last day",
                                  "The last day of the match")
        self.ended_on.setMinimumDate(self.ended_on.date().addDays(
            (started - max(clock.today(), started)).days))
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setToolTip("A few words on why (optional)")
        self.note.setPlaceholderText("Optional")
        form = QFormLayout()
        form.addRow("&Reason", self.reason)
        form.addRow("&Last day", self.ended_on)
        form.addRow("&Note", self.note)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why the match was not closed")
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, "Close the match", "End this match on that day"))
        self.setMinimumWidth(420)
        self.reason.setFocus()

    def accept(self) -> None:
        if self.reason.currentData() is None:
            self.problem.setText("Choose why the match ends: it shows in the end-of-year "
                                 "report.")
            self.problem.show()
            self.adjustSize()  # room for the sentence: the fields keep their height
            self.reason.setFocus()
            return
        outcome = perform(self, self.desk, partial(
            match_actions.close_match, match_id=self.match_id, last_day=self.ended_on.day(),
            reason=self.reason.currentData(), note=plain(self.note.text())))
        if outcome is not None:
            super().accept()
