"""Match a student with a mentor: the suggestions with their reasons, the usual time, one click."""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from actions import matches as match_actions
from actions.matches import NewMatch
from program.vocabulary import CLOSURE_REASONS, CONSENT_STATUSES, WEEKDAYS, label
from program.vocabulary import SLOTS as SLOT_WORDS
from storage import availability, clock, matches, students
from storage.availability import SLOTS
from ui.desk import Desk
from ui.dialogs.common import DateField, ok_cancel, resize_within_screen
from ui.loading import Loader
from ui.models.candidates import CandidatesModel, load_candidates
from ui.models.table import FilterProxy
from ui.operations import perform
from ui.screens.base import make_table, select_row, set_column_widths
from ui.words import WEEKDAYS_SHORT, person_name


def grid_words(grid: set[tuple[int, str]]) -> str:
    """{(0, "lunch"), (1, "lunch")} -> "Mon lunch, Tue lunch"."""
    ordered = sorted(grid, key=lambda k: (k[0], SLOTS.index(k[1])))
    return ", ".join(f"{WEEKDAYS_SHORT[d]} {SLOT_WORDS[s].lower()}" for d, s in ordered) or (
        "not known")


class MatchDialog(QDialog):
    """Choose a mentor for one student and save the match."""

    def __init__(self, desk: Desk, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.student_id = student_id
        self.match_id: int | None = None
        db = desk.db
        self.student = students.student(db, student_id)
        self.student_grid = availability.get(db, "student", student_id)
        self.current = next((m for m in matches.matches_of_student(db, student_id)
                             if m["ended_on"] is None and m["year_id"] == desk.year_id), None)
        name = person_name(self.student)
        self.setWindowTitle(f"Find a mentor for {name}")
        self.setAccessibleName(self.windowTitle())
        resize_within_screen(self, 980, 600)

        consent = label(CONSENT_STATUSES, self.student["consent_status"])
        intro = QLabel(
            f"<b>{name}</b> can meet: {grid_words(self.student_grid)}.<br>"
            f"Interests: {self.student['interests'] or 'none noted'}. "
            f"Guardian consent: {consent}.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.model = CandidatesModel(self)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table("Mentors who could take this student",
                                "The best suggestions first, with the reasons. Choose one.",
                                self.proxy)
        set_column_widths(self.table, [3, 18, 13, 7, 46, 10])
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen_changed())
        self.table.doubleClicked.connect(lambda *_: self.accept())
        self.status = QLabel("Loading the suggestions…")
        self.status.setObjectName("hint")
        self.why = QLabel("")
        self.why.setWordWrap(True)
        self.why.setObjectName("banner")
        self.why.setAccessibleName("Why this mentor")
        self.why.hide()

        self.weekday = QComboBox()
        self.weekday.setAccessibleName("Usual day")
        self.weekday.setToolTip("The weekday they will usually meet")
        self.slot = QComboBox()
        self.slot.setAccessibleName("Usual time of day")
        self.slot.setToolTip("The time of day they will usually meet")
        self.weekday.addItem("(no fixed day)", None)
        for number, day in enumerate(WEEKDAYS[:5]):  # school days
            self.weekday.addItem(day, number)
        self.slot.addItem("(no fixed time)", None)
        for slot in SLOTS:
            self.slot.addItem(SLOT_WORDS[slot], slot)
        self.weekday.currentIndexChanged.connect(lambda _: self._update_both_free())
        self.slot.currentIndexChanged.connect(lambda _: self._update_both_free())
        self.both_free = QLabel("")
        self.both_free.setObjectName("hint")
        self.starts = DateField(clock.today(), "Starts on", "The day the match begins")
        when_row = QWidget()
        when = QHBoxLayout(when_row)
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.weekday)
        when.addWidget(self.slot)
        when.addWidget(self.both_free, 1)
        starts_row = QWidget()
        starts = QHBoxLayout(starts_row)
        starts.setContentsMargins(0, 0, 0, 0)
        starts.addWidget(self.starts)
        starts.addStretch(1)
        form = QFormLayout()
        form.addRow("Usual &day and time", when_row)
        form.labelForField(when_row).setBuddy(self.weekday)
        form.addRow("&Starts on", starts_row)
        form.labelForField(starts_row).setBuddy(self.starts)
        self.close_reason: QComboBox | None = None
        if self.current:
            self.close_reason = QComboBox()
            self.close_reason.setAccessibleName("Why the current match ends")
            self.close_reason.setToolTip("The match with the current mentor is closed today "
                                         "with this reason")
            for code, text in CLOSURE_REASONS.items():
                if code != "planned_end":
                    self.close_reason.addItem(text, code)
            self.close_reason.setPlaceholderText("Choose why it ends")
            self.close_reason.setCurrentIndex(-1)
            current_name = (f"{self.current['mentor_first_name']} "
                            f"{self.current['mentor_last_name']}")
            form.addRow(f"Ends the match with {current_name}:", self.close_reason)

        buttons = ok_cancel(self, "Match", "Save the match with the chosen mentor",
                            "Close without matching")
        self.match_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.match_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.loader = Loader(self)
        year_id, on = desk.year_id, clock.today()
        self.loader.load(desk.data.path,
                         lambda db: load_candidates(db, student_id, year_id, on), self._loaded)

    def _loaded(self, rows: list[dict]) -> None:
        self.model.set_rows(rows)
        if not rows:
            self.status.setText("No mentor can take this student: every active mentor is "
                                "full, or none is free when the student is. Raise a mentor's "
                                "capacity or mark more free times on the Mentors screen.")
            return
        self.status.setText(f"{len(rows)} mentors could take {person_name(self.student)}, "
                            "best first.")
        select_row(self.table, 0)
        self.table.setFocus()

    def chosen(self) -> dict | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def _chosen_changed(self) -> None:
        row = self.chosen()
        self.match_button.setEnabled(row is not None)
        if row is None:
            return
        self.match_button.setText(f"Match with {row['mentor_name']}")
        why = f"<b>Why {row['mentor_name']}:</b> {html.escape(row['reasons'] or '')}"
        if row["cleared"] is False:
            why += " <b>Not cleared to mentor yet.</b>"
        self.why.setText(why)
        self.why.show()
        shared = row["shared_slots"] or sorted(
            row["slots"] & self.student_grid, key=lambda k: (k[0], SLOTS.index(k[1])))
        if shared:
            weekday, slot = shared[0]
            self.weekday.setCurrentIndex(self.weekday.findData(weekday))
            self.slot.setCurrentIndex(self.slot.findData(slot))
        self._update_both_free()

    def _update_both_free(self) -> None:
        row = self.chosen()
        key = (self.weekday.currentData(), self.slot.currentData())
        if row is None or None in key:
            self.both_free.setText("")
        elif key in row["slots"] and key in self.student_grid:
            self.both_free.setText("Both are free then.")
        else:
            self.both_free.setText("Not a time both have marked as free.")

    def accept(self) -> None:
        row = self.chosen()
        if row is None:
            return
        name = person_name(self.student)
        if self.student["consent_status"] != "given":
            answer = QMessageBox.question(
                self, "No guardian consent yet",
                f"{name}'s guardian has not given consent for the program "
                f"({label(CONSENT_STATUSES, self.student['consent_status']).lower()}).\n\n"
                "Match anyway? (Ask for consent before the first meeting.)")
            if answer != QMessageBox.StandardButton.Yes:
                return
        if row["cleared"] is False:
            answer = QMessageBox.question(
                self, "Mentor not cleared",
                f"{row['mentor_name']} is not cleared to mentor: the background check or the "
                "signed agreement is missing or out of date.\n\nMatch anyway?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.close_reason is not None and self.close_reason.currentData() is None:
            self.status.setText("Choose why the match with the current mentor ends (the "
                                "drop-down under the list) before changing mentor.")
            self.close_reason.setFocus()
            return
        new = NewMatch(self.student_id, row["mentor_id"], self.starts.day(),
                       self.weekday.currentData(), self.slot.currentData())
        if self.current is not None and self.close_reason is not None:
            action = partial(match_actions.change_mentor, old_match_id=self.current["id"],
                             new=new, reason=self.close_reason.currentData())
        else:
            action = partial(match_actions.match_student, year_id=self.desk.year_id, new=new)
        outcome = perform(self, self.desk, action)
        if outcome is None:
            return
        self.match_id = outcome.value
        self.mentor_name = row["mentor_name"]
        super().accept()
