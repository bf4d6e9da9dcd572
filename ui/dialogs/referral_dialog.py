"""Raise a referral (from a student, or from the Referrals screen choosing the student) and
update one (a new status, a follow-up date, a note: each change is kept, dated)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from actions import referrals as referral_actions
from actions.core import Outcome
from actions.referrals import KEEP, NewReferral
from program.vocabulary import REFERRAL_KINDS, REFERRAL_STATUSES
from storage import clock, matches, mentors, referrals, students
from ui.dialogs.common import DateField, OptionalDate, choice, day_or_none, notes_field
from ui.dialogs.form_dialog import FormDialog
from ui.widgets.referral_text import referral_html
from ui.words import person_name, student_name

# A follow-up a week after the referral unless the facilitator says otherwise.
FOLLOW_UP_AFTER = dt.timedelta(days=7)


def kind_choice() -> QComboBox:
    """To whom a need goes: counselor, administrator, nurse, social worker, other."""
    return choice("To whom", "Who the need is passed to",
                  [(text, code) for code, text in REFERRAL_KINDS.items()])


def need_field() -> QWidget:
    """The need, in a few words."""
    field = notes_field("", "What the student needs help with, in a few words (the person it "
                        "goes to reads this)", lines=3)
    field.setAccessibleName("Need")
    field.setPlaceholderText("What does the student need?")
    return field


def searchable_combo(name: str, tooltip: str, placeholder: str) -> QComboBox:
    """An editable drop-down that finds its items by any part of what is typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setAccessibleName(name)
    combo.setToolTip(tooltip)
    combo.lineEdit().setPlaceholderText(placeholder)
    completer = QCompleter(combo.model(), combo)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return combo


def chosen_data(combo: QComboBox):
    """The chosen item's data, only when the text is exactly that item's (not typed over)."""
    index = combo.currentIndex()
    if index < 0 or combo.currentText() != combo.itemText(index):
        return None
    return combo.itemData(index)


class RaiseReferralDialog(FormDialog):
    """To whom, the need, who raised it, the day, and when to follow up."""

    def __init__(self, desk, parent: QWidget | None = None, *,
                 student_id: int | None = None) -> None:
        super().__init__(desk, "Raise a referral", parent, minimum_width=520)
        db = desk.db
        self.referral_id: int | None = None
        self.fixed_student = students.student(db, student_id) if student_id else None
        if self.fixed_student is not None:
            self.student = QLabel(f"<b>{person_name(self.fixed_student)}</b>")
            self.student.setAccessibleName("Student")
        else:
            self.student = searchable_combo("Student", "Type part of the student's name or ID "
                                            "to find them", "Type part of a name or ID")
            for row in students.students_in_year(db, desk.year_id, include_archived=False):
                shown = student_name(row) + (f" · {row['local_id']}" if row["local_id"] else "")
                self.student.addItem(shown, row["id"])
            self.student.setCurrentIndex(-1)
            self.student.currentIndexChanged.connect(lambda _: self._student_changed())
        self.kind = kind_choice()
        self.need = need_field()
        self.raised_by = searchable_combo(
            "Raised by", "The mentor who raised it (choose from the list), or type anyone's "
            "name", "A mentor, or type a name")
        for row in mentors.all_mentors(db, active_only=True):
            self.raised_by.addItem(f"{row['first_name']} {row['last_name']}".strip(), row["id"])
        self.raised_by.setCurrentIndex(-1)
        today = clock.today()
        self.opened_on = DateField(today, "Date", "The day the need was raised")
        self.follow_up = OptionalDate("Follow up on", today + FOLLOW_UP_AFTER, today,
                                      "The day to check that the student was seen (it shows on "
                                      "the Referrals screen when due)")
        form = self.form_rows([("&Student", self.student), ("&To", self.kind),
                               ("&Need", self.need), ("Raised &by", self.raised_by),
                               ("&Date", self.opened_on), ("", self.follow_up)])
        self.lay_out(form, "Raise the referral", "Save this referral")
        if self.fixed_student is not None:
            self._student_changed()
            self.kind.setFocus()
        else:
            self.student.setFocus()

    def current_student_id(self) -> int | None:
        if self.fixed_student is not None:
            return self.fixed_student["id"]
        return chosen_data(self.student)

    def _student_changed(self) -> None:
        """The student's mentor is the usual one to raise it: chosen for them."""
        student_id = self.current_student_id()
        if student_id is None or self.raised_by.currentText():
            return
        current = next((m for m in matches.matches_of_student(self.desk.db, student_id)
                        if m["ended_on"] is None and m["year_id"] == self.desk.year_id), None)
        if current is not None:
            self.raised_by.setCurrentIndex(self.raised_by.findData(current["mentor_id"]))

    def check(self) -> str | None:
        if self.current_student_id() is None:
            self.student.setFocus()
            return "Choose the student from the list (type part of their name or ID)."
        return None

    def save(self) -> Outcome:
        mentor_id = chosen_data(self.raised_by)
        outcome = referral_actions.raise_referral(self.desk.db, NewReferral(
            student_id=self.current_student_id(), kind=self.kind.currentData(),
            need=self.need.toPlainText(), opened_on=self.opened_on.day(),
            follow_up_on=self.follow_up.day(), raised_by_mentor_id=mentor_id,
            raised_by="" if mentor_id is not None else self.raised_by.currentText()))
        self.referral_id = outcome.value
        return outcome


class UpdateReferralDialog(FormDialog):
    """A new status, a new follow-up date, a note: saved as one dated note."""

    def __init__(self, desk, referral_id: int, parent: QWidget | None = None) -> None:
        self.record = referrals.referral(desk.db, referral_id)
        name = person_name(self.record, "student_") if self.record else ""
        super().__init__(desk, f"Update the referral of {name}", parent, minimum_width=520)
        self.referral_id = referral_id
        summary = QLabel(referral_html(self.record))
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setAccessibleName("The referral so far")
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        status_row = QWidget()
        row = QHBoxLayout(status_row)
        row.setContentsMargins(0, 0, 0, 0)
        for code, text in REFERRAL_STATUSES.items():
            radio = QRadioButton(text)
            radio.setAccessibleName(f"Status: {text}")
            radio.setToolTip({"open": "Passed on, nobody has acted yet",
                              "in_progress": "Someone is working on it",
                              "resolved": "The need was met (or handed over for good)"}[code])
            self.status_group.addButton(radio)
            self.status_buttons[code] = radio
            row.addWidget(radio)
        row.addStretch(1)
        self.status_buttons[self.record["status"]].setChecked(True)
        self.follow_up = OptionalDate("Follow up on", day_or_none(self.record["follow_up_on"]),
                                      clock.today() + FOLLOW_UP_AFTER,
                                      "The day to check on it again (untick: none planned)")
        self.note = notes_field("", "What happened (kept with today's date)", lines=3)
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("What happened?")
        form = QFormLayout()
        form.addRow("Status", status_row)
        form.addRow("", self.follow_up)
        form.addRow("&Note", self.note)
        body = QVBoxLayout()
        body.addWidget(summary)
        body.addLayout(form)
        self.lay_out(body, "Save the update", "Keep this change with today's date")
        self.note.setFocus()

    def status(self) -> str:
        return next(code for code, radio in self.status_buttons.items() if radio.isChecked())

    def save(self) -> Outcome:
        follow_up = self.follow_up.day()
        stored = day_or_none(self.record["follow_up_on"])
        return referral_actions.update_referral(
            self.desk.db, self.referral_id, status=self.status(),
            follow_up_on=KEEP if follow_up == stored else follow_up,
            note=self.note.toPlainText())
